import { afterEach, describe, expect, it, vi } from "vitest";
import { authSecret, configurationProblems, EnvError, resetEnvCache } from "./env";

// The production rules; the boot refusal built on them is proven against a real
// `next start` in tests/process/production-boot.test.ts.

const GOOD_SECRET = "prod-secret-0123456789-0123456789-abcdef";

function production(vars: Record<string, string>) {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("AUTH_SECRET", "");
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("NEXT_PUBLIC_STRIPE_PUBLIC_KEY", "");
  vi.stubEnv("ALLOW_DEMO_PAYMENTS_IN_PRODUCTION", "");
  for (const key of ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "MICROSOFT_CLIENT_ID", "MICROSOFT_CLIENT_SECRET"]) vi.stubEnv(key, "");
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  resetEnvCache();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("AUTH_SECRET in production", () => {
  it.each([
    ["missing", ""],
    ["one character", "x"],
    ["31 characters", "a".repeat(31)],
    ["the development default", "dev-only-secret-do-not-use-in-production-0123456789"],
  ])("refuses a secret that is %s", (_, secret) => {
    production({ AUTH_SECRET: secret, ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true" });
    expect(() => authSecret()).toThrow(EnvError);
    const problems = configurationProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("AUTH_SECRET");
    if (secret) expect(problems[0]).not.toContain(secret);
  });

  it("accepts 32 or more characters", () => {
    production({ AUTH_SECRET: "a".repeat(32), ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true" });
    expect(authSecret()).toBe("a".repeat(32));
    expect(configurationProblems()).toEqual([]);
  });

  it("keeps the development default outside production", () => {
    vi.stubEnv("AUTH_SECRET", "");
    resetEnvCache();
    expect(authSecret().length).toBeGreaterThanOrEqual(32);
    expect(configurationProblems()).toEqual([]);
  });
});

describe("configurationProblems", () => {
  it("names missing Stripe keys in production unless demo payments are allowed", () => {
    production({ AUTH_SECRET: GOOD_SECRET });
    expect(configurationProblems()).toEqual([expect.stringContaining("STRIPE_SECRET_KEY")]);
    production({ AUTH_SECRET: GOOD_SECRET, STRIPE_SECRET_KEY: "sk_test_1", NEXT_PUBLIC_STRIPE_PUBLIC_KEY: "pk_test_1" });
    expect(configurationProblems()).toEqual([]);
  });

  it("lists every problem at once, without quoting a value", () => {
    production({ AUTH_SECRET: "short-secret-value" });
    const problems = configurationProblems();
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toContain("short-secret-value");
  });

  it("names an invalid variable in any mode", () => {
    vi.stubEnv("HOLD_MINUTES", "0");
    vi.stubEnv("APP_URL", "not a url");
    resetEnvCache();
    const problems = configurationProblems();
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("HOLD_MINUTES"), expect.stringContaining("APP_URL")]));
  });

  it("wants a calendar OAuth client id and its secret together in production", () => {
    production({
      AUTH_SECRET: GOOD_SECRET,
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      GOOGLE_CLIENT_ID: "id.apps",
      MICROSOFT_CLIENT_SECRET: "s3cret",
    });
    const problems = configurationProblems();
    expect(problems).toEqual([
      "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together.",
      "MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET must be set together.",
    ]);
    expect(problems.join("\n")).not.toContain("s3cret");
    production({ AUTH_SECRET: GOOD_SECRET, ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true", GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "x" });
    expect(configurationProblems()).toEqual([]);
  });
});
