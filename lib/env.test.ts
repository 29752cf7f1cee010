import { afterEach, describe, expect, it, vi } from "vitest";
import { authSecret, configurationProblems, env, EnvError, resetEnvCache, SETTING_FIELDS } from "./env";

// The production rules; the boot refusal built on them is proven against a real
// `next start` in tests/process/production-boot.test.ts.

const GOOD_SECRET = "prod-secret-0123456789-0123456789-abcdef";

function production(vars: Record<string, string>) {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("AUTH_SECRET", "");
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("NEXT_PUBLIC_STRIPE_PUBLIC_KEY", "");
  vi.stubEnv("ALLOW_DEMO_PAYMENTS_IN_PRODUCTION", "");
  vi.stubEnv("APP_URL", "https://book.example.com");
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

describe("APP_URL", () => {
  it("is the running server's own origin outside production when unset", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("PORT", "3100");
    resetEnvCache();
    expect(env().APP_URL).toBe("http://localhost:3100");
    expect(env().APP_URL_CONFIGURED).toBe(false);
    expect(configurationProblems()).toEqual([]);
  });

  it("keeps a configured value on any port", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("APP_URL", "https://tunnel.example.com");
    vi.stubEnv("PORT", "3100");
    resetEnvCache();
    expect(env().APP_URL).toBe("https://tunnel.example.com");
  });

  it("is required in production", () => {
    production({ AUTH_SECRET: GOOD_SECRET, ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true", APP_URL: "" });
    expect(configurationProblems()).toEqual([expect.stringContaining("APP_URL is required in production")]);
  });
});

describe("BUSINESS_LOGO_PATH", () => {
  it.each(["/logo.svg", "/brand/photo-1.JPG", "/a_b.webp"])("accepts the public/ path %s", (path) => {
    vi.stubEnv("BUSINESS_LOGO_PATH", path);
    resetEnvCache();
    expect(env().BUSINESS_LOGO_PATH).toBe(path);
  });

  it.each(["https://cdn.example/logo.png", "//cdn.example/logo.png", "logo.png", "/../secret.png", "/logo.txt", "/a b.png"])(
    "refuses %s",
    (path) => {
      vi.stubEnv("BUSINESS_LOGO_PATH", path);
      resetEnvCache();
      expect(() => env()).toThrow(EnvError);
    },
  );

  it("is optional", () => {
    vi.stubEnv("BUSINESS_LOGO_PATH", "");
    resetEnvCache();
    expect(env().BUSINESS_LOGO_PATH).toBeUndefined();
  });
});

describe("EMBED_ALLOWED_ORIGINS", () => {
  it("is a list of canonical origins, empty by default", () => {
    vi.stubEnv("EMBED_ALLOWED_ORIGINS", "");
    resetEnvCache();
    expect(env().EMBED_ALLOWED_ORIGINS).toEqual([]);
    vi.stubEnv("EMBED_ALLOWED_ORIGINS", "https://www.example.com/, http://127.0.0.2:3351");
    resetEnvCache();
    expect(env().EMBED_ALLOWED_ORIGINS).toEqual(["https://www.example.com", "http://127.0.0.2:3351"]);
  });

  it("is the same schema for a stored setting (a JSON list)", () => {
    expect(SETTING_FIELDS.EMBED_ALLOWED_ORIGINS.parse(["https://a.example"])).toEqual(["https://a.example"]);
    expect(SETTING_FIELDS.EMBED_ALLOWED_ORIGINS.safeParse(["https://a.example/path"]).success).toBe(false);
  });

  it.each(["*", "https://*.example.com", "https://www.example.com/page", "https://a.example; script-src *"])("refuses %s", (value) => {
    vi.stubEnv("EMBED_ALLOWED_ORIGINS", value);
    resetEnvCache();
    expect(() => env()).toThrow(EnvError);
  });
});
