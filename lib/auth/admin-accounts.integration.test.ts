import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { upsertAdmin } from "./admin-accounts";
import { getAuth } from "./auth";

const t = useTestDatabase();

async function signIn(email: string, password: string) {
  const auth = await getAuth();
  const { headers } = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookie = (headers.get("set-cookie") ?? "").split(";")[0]!;
  return new Headers({ cookie });
}

describe("upsertAdmin and better-auth sessions", () => {
  it("creates an admin whose password signs in and whose session is stored in the database", async () => {
    expect(await upsertAdmin({ email: "Owner@Example.com", password: "correct horse battery" })).toBe("created");
    const headers = await signIn("owner@example.com", "correct horse battery");
    const auth = await getAuth();
    const session = await auth.api.getSession({ headers });
    expect(session?.user.email).toBe("owner@example.com");
    expect(session?.user.role).toBe("admin");
    expect(await t.db.session.count()).toBe(1);
    const audit = await t.db.auditLog.findFirstOrThrow();
    expect(audit.action).toBe("admin.create");
  });

  it("gives the same refusal for a wrong password and an unknown user", async () => {
    await upsertAdmin({ email: "owner@example.com", password: "correct horse battery" });
    const auth = await getAuth();
    const wrong = await auth.api.signInEmail({ body: { email: "owner@example.com", password: "wrong password!!" } }).catch((e) => e);
    const unknown = await auth.api.signInEmail({ body: { email: "nobody@example.com", password: "wrong password!!" } }).catch((e) => e);
    expect(wrong.status).toBe("UNAUTHORIZED");
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.message).toBe(wrong.message);
  });

  it("resets the password and signs out every existing session", async () => {
    await upsertAdmin({ email: "owner@example.com", password: "correct horse battery" });
    const headers = await signIn("owner@example.com", "correct horse battery");
    expect(await upsertAdmin({ email: "owner@example.com", password: "a brand new passphrase" })).toBe("password_reset");
    const auth = await getAuth();
    expect(await auth.api.getSession({ headers })).toBeNull();
    await expect(signIn("owner@example.com", "correct horse battery")).rejects.toThrow();
    await signIn("owner@example.com", "a brand new passphrase");
    expect(await t.db.user.count()).toBe(1);
    expect(await t.db.account.count()).toBe(1);
  });

  it("refuses a short password", async () => {
    await expect(upsertAdmin({ email: "owner@example.com", password: "short" })).rejects.toThrow(/at least 12/);
  });
});
