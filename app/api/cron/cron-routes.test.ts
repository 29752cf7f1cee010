import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { GET as maintenance } from "./maintenance/route";
import { GET as reminders } from "./reminders/route";

// The job routes answer 401 before touching the database unless Vercel Cron's bearer
// secret matches; the authorised path is covered in cron-routes.integration.test.ts.

const routes = { reminders, maintenance };
const call = (route: (r: Request) => Promise<Response>, authorization?: string) =>
  route(new Request("http://localhost/api/cron/x", { headers: authorization ? { authorization } : {} }));

afterEach(() => {
  delete process.env.CRON_SECRET;
  resetEnvCache();
});

describe.each(Object.entries(routes))("GET /api/cron/%s", (_, route) => {
  it("answers 401 without the Authorization header", async () => {
    process.env.CRON_SECRET = "s3cret-value";
    const response = await call(route);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Unauthorized" } });
  });

  it("answers 401 for a wrong secret or a non-bearer scheme", async () => {
    process.env.CRON_SECRET = "s3cret-value";
    expect((await call(route, "Bearer wrong")).status).toBe(401);
    expect((await call(route, "s3cret-value")).status).toBe(401);
    expect((await call(route, "Basic s3cret-value")).status).toBe(401);
  });

  it("answers 401 to everyone when CRON_SECRET is not set", async () => {
    expect((await call(route, "Bearer ")).status).toBe(401);
    expect((await call(route, "Bearer undefined")).status).toBe(401);
  });
});
