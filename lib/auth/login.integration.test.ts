import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { ADMIN } from "@/tests/helpers/admin-fixtures";
import { upsertAdmin } from "./admin-accounts";
import { getAuth } from "./auth";
import { INVALID_LOGIN_MESSAGE } from "./constants";
import { LOGIN_DEVICE_COOKIE } from "./login-device";

// One cookie jar per "browser": the admin's own and the attacker's.
const scope = vi.hoisted(() => ({ jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (scope.jar.has(name) ? { name, value: scope.jar.get(name)! } : undefined),
    set: (name: string, value: string) => void scope.jar.set(name, value),
  }),
}));
const { TOO_MANY_LOGINS_MESSAGE, signInAdmin } = await import("./login");

const t = useTestDatabase();
const WRONG = { email: ADMIN.email, password: "wrong wrong wrong" };

function browser(jar = new Map<string, string>()) {
  return {
    jar,
    signIn: (credentials: { email: string; password: string }, ip: string) => {
      scope.jar = jar;
      return signInAdmin(credentials, ip);
    },
  };
}
const fresh = () => browser().signIn;

function limits(vars: Record<string, string>) {
  Object.assign(process.env, vars);
}
afterEach(() => {
  delete process.env.RATE_LIMIT_LOGIN_PER_IP;
  delete process.env.RATE_LIMIT_LOGIN_PER_ACCOUNT;
});

describe("signInAdmin", () => {
  it("answers unknown users and wrong passwords alike", async () => {
    await upsertAdmin(ADMIN);
    const wrong = await fresh()(WRONG, "1.1.1.1").catch((e) => e);
    const unknown = await fresh()({ email: "ghost@example.com", password: "not it at all" }, "1.1.1.1").catch((e) => e);
    expect(wrong).toMatchObject({ code: "unauthorized", message: INVALID_LOGIN_MESSAGE });
    expect(unknown).toMatchObject({ code: "unauthorized", message: INVALID_LOGIN_MESSAGE });
  });

  it("limits failed attempts per IP in Postgres (even the right password is refused once over), and successes do not count", async () => {
    limits({ RATE_LIMIT_LOGIN_PER_IP: "3" });
    await upsertAdmin(ADMIN);
    for (let i = 0; i < 5; i++) await fresh()(ADMIN, "2.2.2.2");
    for (let i = 0; i < 3; i++) {
      await expect(fresh()(WRONG, "2.2.2.2")).rejects.toMatchObject({ code: "unauthorized" });
    }
    await expect(fresh()(ADMIN, "2.2.2.2")).rejects.toMatchObject({ code: "rate_limited", message: TOO_MANY_LOGINS_MESSAGE });
    // Another address is unaffected; the counter lives in the shared table.
    await fresh()(ADMIN, "3.3.3.3");
    const bucket = await t.db.rateLimitBucket.findUniqueOrThrow({ where: { key: "login:ip:2.2.2.2" } });
    expect(bucket.count).toBe(4);
  });

  it("parallel guesses cannot slip past the limit", async () => {
    limits({ RATE_LIMIT_LOGIN_PER_IP: "3" });
    await upsertAdmin(ADMIN);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => fresh()(WRONG, "4.4.4.4")));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "ok"));
    expect(codes.filter((c) => c === "unauthorized")).toHaveLength(3);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(5);
  });

  it("rotating addresses buys no more guesses at one account than the per-account limit", async () => {
    limits({ RATE_LIMIT_LOGIN_PER_IP: "10", RATE_LIMIT_LOGIN_PER_ACCOUNT: "5" });
    await upsertAdmin(ADMIN);
    const codes: string[] = [];
    for (let i = 1; i <= 15; i++)
      codes.push(
        await fresh()(WRONG, `198.51.100.${i}`).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
    expect(codes.filter((c) => c === "unauthorized")).toHaveLength(5);
    expect(codes.slice(5).every((c) => c === "rate_limited")).toBe(true);
    // The account's spelling does not open a second allowance.
    await expect(fresh()({ ...WRONG, email: ` ${ADMIN.email.toUpperCase()} ` }, "198.51.100.99")).rejects.toMatchObject({
      code: "rate_limited",
    });
  });

  it("the admin's own browser still signs in from their own address after an attacker's failures spoofed from it and from many addresses", async () => {
    limits({ RATE_LIMIT_LOGIN_PER_IP: "3", RATE_LIMIT_LOGIN_PER_ACCOUNT: "5" });
    await upsertAdmin(ADMIN);
    const admin = browser();
    const adminIp = "192.0.2.10";
    await admin.signIn(ADMIN, adminIp);
    expect(admin.jar.get(LOGIN_DEVICE_COOKIE)).toBeTruthy();

    // The attacker fails in the admin's name, from the admin's address and from many others.
    for (let i = 0; i < 6; i++) await fresh()(WRONG, adminIp).catch(() => {});
    for (let i = 1; i <= 20; i++) await fresh()(WRONG, `203.0.113.${i}`).catch(() => {});
    // Both the address and the account are spent for anyone without the device token...
    await expect(fresh()(ADMIN, adminIp)).rejects.toMatchObject({ code: "rate_limited" });
    await expect(fresh()(ADMIN, "203.0.113.200")).rejects.toMatchObject({ code: "rate_limited" });
    // ...but the admin's browser is counted apart, and gets in.
    await admin.signIn(ADMIN, adminIp);
    await admin.signIn(ADMIN, "203.0.113.250");
  });

  it("a device token still limits guesses (a stolen one is no skeleton key), and another account's token counts as none", async () => {
    limits({ RATE_LIMIT_LOGIN_PER_IP: "3", RATE_LIMIT_LOGIN_PER_ACCOUNT: "100" });
    await upsertAdmin(ADMIN);
    const admin = browser();
    await admin.signIn(ADMIN, "192.0.2.10");
    const stolen = browser(new Map(admin.jar));
    for (let i = 0; i < 3; i++) await expect(stolen.signIn(WRONG, `198.51.100.${i}`)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(stolen.signIn(WRONG, "198.51.100.77")).rejects.toMatchObject({ code: "rate_limited" });

    await upsertAdmin({ email: "second@example.com", password: ADMIN.password });
    const other = browser(new Map(admin.jar));
    for (let i = 0; i < 3; i++) {
      await expect(other.signIn({ email: "second@example.com", password: "nope nope nope" }, "192.0.2.20")).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    // Counted under the IP, not under the first account's device.
    await expect(other.signIn({ email: "second@example.com", password: ADMIN.password }, "192.0.2.20")).rejects.toMatchObject({
      code: "rate_limited",
    });
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
    const { user } = await (
      await auth.$context
    ).internalAdapter.createOAuthUser(
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
