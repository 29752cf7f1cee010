import { afterEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient, useDatabaseForTests } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { GET } from "./route";

// 200 only when the configuration is usable and the database answers; otherwise 503
// (a load balancer's cue to take the instance out), naming no secret, host or variable.

const t = useTestDatabase();
const SECRET_VALUE = "too-short-hunter2";

async function health() {
  const response = await GET();
  return { status: response.status, text: await response.text() };
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
  useDatabaseForTests(t.db);
});

describe("GET /api/health", () => {
  it("answers 200 when the configuration and the database are usable", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true, checks: { configuration: "ok", database: "ok" } });
  });

  it("answers 503 when the database cannot be reached, without its address", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const unreachable = createPrismaClient("postgresql://postgres:hunter2@127.0.0.1:9/nowhere");
    useDatabaseForTests(unreachable);
    try {
      const res = await health();
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toEqual({ ok: false, checks: { configuration: "ok", database: "failed" } });
      expect(res.text).not.toMatch(/hunter2|127\.0\.0\.1|nowhere|ECONNREFUSED/);
      expect(logged.mock.calls.join("\n")).toContain("health.database_unreachable");
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("answers 503 on a production server with a weak AUTH_SECRET, naming neither it nor its value", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("ALLOW_DEMO_PAYMENTS_IN_PRODUCTION", "true");
    vi.stubEnv("AUTH_SECRET", SECRET_VALUE);
    resetEnvCache();
    const res = await health();
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toEqual({ ok: false, checks: { configuration: "failed", database: "skipped" } });
    expect(res.text).not.toMatch(/hunter2|AUTH_SECRET/);
    const log = logged.mock.calls.join("\n");
    expect(log).toContain("AUTH_SECRET");
    expect(log).not.toContain(SECRET_VALUE);
  });

  it("answers 503 on a production server without Stripe keys or the demo switch", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "prod-secret-0123456789-0123456789-abcdef");
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("ALLOW_DEMO_PAYMENTS_IN_PRODUCTION", "false");
    resetEnvCache();
    expect((await health()).status).toBe(503);
  });
});
