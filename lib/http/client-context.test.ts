import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

const scope = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => scope.headers,
  cookies: async () => ({
    get: (name: string) => (scope.cookies.has(name) ? { value: scope.cookies.get(name) } : undefined),
    set: (name: string, value: string) => scope.cookies.set(name, value),
  }),
}));
const { clientIp, clientSession, existingClientSession, explicitClientSession, requestClientSession } = await import("./client-context");
const { NextRequest } = await import("next/server");

const envBackup = { ...process.env };
afterEach(() => {
  process.env = { ...envBackup };
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

describe("clientIp", () => {
  it("off Vercel defaults to none: a spoofed first X-Forwarded-For entry is not the key", async () => {
    withEnv({ TRUST_PROXY: undefined, VERCEL: undefined });
    scope.headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.9", "x-real-ip": "7.7.7.7" });
    expect(await clientIp()).toBe("198.51.100.9");
  });

  it("on Vercel defaults to vercel", async () => {
    withEnv({ TRUST_PROXY: undefined, VERCEL: "1" });
    scope.headers = new Headers({ "x-forwarded-for": "198.51.100.9", "x-real-ip": "198.51.100.9" });
    expect(await clientIp()).toBe("198.51.100.9");
  });

  it("TRUST_PROXY=2 takes the second address from the right", async () => {
    withEnv({ TRUST_PROXY: "2" });
    scope.headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.1" });
    expect(await clientIp()).toBe("198.51.100.9");
  });

  it("refuses a TRUST_PROXY it does not understand, naming it", async () => {
    withEnv({ TRUST_PROXY: "true" });
    await expect(clientIp()).rejects.toThrow(/TRUST_PROXY/);
  });
});

describe("client session without cookies (embed, ADR 114)", () => {
  const kept = "A".repeat(16) + "b_-9".repeat(4); // 32 base64url characters: 24 bytes

  it("accepts a browser-kept id of the cookie's entropy in the header, and sets no cookie for it", async () => {
    scope.cookies = new Map();
    scope.headers = new Headers({ "x-booking-session": kept });
    expect(await existingClientSession()).toBe(kept);
    expect(await clientSession()).toBe(kept);
    expect(scope.cookies.size).toBe(0);
  });

  it("refuses a shorter or malformed header id (no weaker secret than the cookie)", async () => {
    scope.cookies = new Map();
    for (const bad of ["short", "A".repeat(31), `${"A".repeat(31)}!`, "A".repeat(65)]) {
      scope.headers = new Headers({ "x-booking-session": bad });
      expect(await existingClientSession()).toBeUndefined();
      expect(explicitClientSession(bad)).toBeUndefined();
    }
    expect(explicitClientSession(42)).toBeUndefined();
    expect(explicitClientSession(kept)).toBe(kept);
  });

  it("prefers the cookie when both are present, and route handlers read the header too", async () => {
    const cookie = "c".repeat(32);
    scope.cookies = new Map([["bk_session", cookie]]);
    scope.headers = new Headers({ "x-booking-session": kept });
    expect(await clientSession()).toBe(cookie);
    const withHeader = new NextRequest("http://app.test/api/slots/available", { headers: { "x-booking-session": kept } });
    expect(requestClientSession(withHeader)).toBe(kept);
  });

  it("still creates the cookie when the browser sends neither", async () => {
    scope.cookies = new Map();
    scope.headers = new Headers();
    const made = await clientSession();
    expect(made).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(scope.cookies.get("bk_session")).toBe(made);
  });
});
