import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { ADMIN } from "@/lib/admin/admin-fixtures";
import { upsertAdmin } from "./admin-accounts";
import { getAuth } from "./auth";
import { INVALID_LOGIN_MESSAGE } from "./constants";
import { TOO_MANY_LOGINS_MESSAGE, signInAdmin } from "./login";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const t = useTestDatabase();

describe("signInAdmin", () => {
  it("answers unknown users and wrong passwords alike", async () => {
    await upsertAdmin(ADMIN);
    const wrong = await signInAdmin({ email: ADMIN.email, password: "not it at all" }, "1.1.1.1").catch((e) => e);
    const unknown = await signInAdmin({ email: "ghost@example.com", password: "not it at all" }, "1.1.1.1").catch((e) => e);
    expect(wrong).toMatchObject({ code: "unauthorized", message: INVALID_LOGIN_MESSAGE });
    expect(unknown).toMatchObject({ code: "unauthorized", message: INVALID_LOGIN_MESSAGE });
  });

  it("limits failed attempts per IP in Postgres (even the right password is refused once over), and successes do not count", async () => {
    process.env.RATE_LIMIT_LOGIN_PER_IP = "3";
    try {
      await upsertAdmin(ADMIN);
      for (let i = 0; i < 5; i++) await signInAdmin(ADMIN, "2.2.2.2");
      for (let i = 0; i < 3; i++) {
        await expect(signInAdmin({ email: ADMIN.email, password: "wrong wrong wrong" }, "2.2.2.2")).rejects.toMatchObject({ code: "unauthorized" });
      }
      await expect(signInAdmin(ADMIN, "2.2.2.2")).rejects.toMatchObject({ code: "rate_limited", message: TOO_MANY_LOGINS_MESSAGE });
      // Another address is unaffected; the counter lives in the shared table.
      await signInAdmin(ADMIN, "3.3.3.3");
      const bucket = await t.db.rateLimitBucket.findUniqueOrThrow({ where: { key: "login:ip:2.2.2.2" } });
      expect(bucket.count).toBe(4);
    } finally {
      delete process.env.RATE_LIMIT_LOGIN_PER_IP;
    }
  });

  it("parallel guesses cannot slip past the limit", async () => {
    process.env.RATE_LIMIT_LOGIN_PER_IP = "3";
    try {
      await upsertAdmin(ADMIN);
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => signInAdmin({ email: ADMIN.email, password: "guess guess guess" }, "4.4.4.4")),
      );
      const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "ok"));
      expect(codes.filter((c) => c === "unauthorized")).toHaveLength(3);
      expect(codes.filter((c) => c === "rate_limited")).toHaveLength(5);
    } finally {
      delete process.env.RATE_LIMIT_LOGIN_PER_IP;
    }
  });

  it("refuses an account that is not an admin, even with the right password, and starts no session", async () => {
    await upsertAdmin(ADMIN);
    await t.db.user.update({ where: { email: ADMIN.email }, data: { role: "user" } });
    await expect(signInAdmin(ADMIN, "5.5.5.5")).rejects.toMatchObject({ code: "unauthorized", message: INVALID_LOGIN_MESSAGE });
    expect(await t.db.session.count()).toBe(0);
  });
});

describe("accounts not made by create-admin", () => {
  it("get the non-admin role, from better-auth and from the database default alike", async () => {
    const auth = await getAuth();
    // What a social login enabled later would do.
    const { user } = await (await auth.$context).internalAdapter.createOAuthUser(
      { email: "social@example.com", name: "Social", emailVerified: true },
      { providerId: "github", accountId: "12345" },
    );
    expect((user as { role?: string }).role).toBe("user");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("user");
    await t.db.$executeRaw`INSERT INTO "user" ("id", "name", "email", "updatedAt") VALUES ('raw-user', 'Raw', 'raw@example.com', now())`;
    expect((await t.db.user.findUniqueOrThrow({ where: { id: "raw-user" } })).role).toBe("user");
  });

  it("get no session from any better-auth sign-in path (the session hook refuses them)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await upsertAdmin(ADMIN);
    await t.db.user.update({ where: { email: ADMIN.email }, data: { role: "user" } });
    const auth = await getAuth();
    await expect(auth.api.signInEmail({ body: { email: ADMIN.email, password: ADMIN.password } })).rejects.toThrow();
    expect(await t.db.session.count()).toBe(0);
    expect(logged.mock.calls.join("\n")).toContain("Failed to create session");
  });

  it("create-admin still makes admins, and can sign in", async () => {
    await upsertAdmin(ADMIN);
    expect((await t.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } })).role).toBe("admin");
    await signInAdmin(ADMIN, "6.6.6.6");
    expect(await t.db.session.count()).toBe(1);
  });
});
