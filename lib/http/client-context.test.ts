import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

const scope = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => scope.headers, cookies: async () => ({}) }));
const { clientIp } = await import("./client-context");

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
