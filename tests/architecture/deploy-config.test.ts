import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// A new user's first deployment must succeed on Vercel's Hobby plan, which refuses a cron
// that runs more than once a day and more than two cron jobs (docs/deploying.md).

type VercelConfig = { buildCommand: string; crons: { path: string; schedule: string }[] };
const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as VercelConfig;
const hobby = read("vercel.json");
const pro = read("vercel.pro.json");

/** True when a five-field cron expression fires at most once a day. */
function atMostDaily(schedule: string): boolean {
  const [minute, hour, ...rest] = schedule.trim().split(/\s+/);
  return rest.length === 3 && /^\d{1,2}$/.test(minute!) && /^\d{1,2}$/.test(hour!);
}

describe("deployment configuration", () => {
  it("vercel.json is accepted on the Hobby plan: at most two jobs, each at most daily", () => {
    expect(hobby.crons.length).toBeLessThanOrEqual(2);
    for (const cron of hobby.crons) expect(atMostDaily(cron.schedule), cron.schedule).toBe(true);
  });

  it("the daily-check itself tells a frequent schedule from a daily one", () => {
    expect(atMostDaily("*/15 * * * *")).toBe(false);
    expect(atMostDaily("0 */6 * * *")).toBe(false);
    expect(atMostDaily("30 13 * * *")).toBe(true);
  });

  it("vercel.pro.json runs the same jobs often, with the same build", () => {
    expect(pro.buildCommand).toBe(hobby.buildCommand);
    expect(pro.crons.map((c) => c.path).sort()).toEqual(hobby.crons.map((c) => c.path).sort());
    for (const cron of pro.crons) expect(atMostDaily(cron.schedule)).toBe(false);
  });

  it("every scheduled path is a GET route, and the external trigger calls each of them", () => {
    const workflow = readFileSync(".github/workflows/jobs-trigger.yml", "utf8");
    for (const { path } of hobby.crons) {
      const route = `app${path}/route.ts`;
      expect(existsSync(route), route).toBe(true);
      expect(readFileSync(route, "utf8")).toMatch(/export async function GET/);
      const job = path.split("/").pop()!;
      expect(workflow).toMatch(new RegExp(`for job in [^;]*\\b${job}\\b`));
    }
    expect(workflow).toContain('-H "Authorization: Bearer $CRON_SECRET"');
  });
});
