import { addMinutes } from "date-fns";
import { afterEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { resetEnvCache } from "@/lib/env";
import { jobHealth, recordedJobRun } from "./job-runs";

const t = useTestDatabase();

afterEach(() => {
  delete process.env.JOB_LATE_AFTER_MINUTES;
  resetEnvCache();
});

describe("job runs", () => {
  it("reports a job that never ran as late", async () => {
    const health = await jobHealth();
    expect(health.map((h) => [h.name, h.late, h.lastRunAt])).toEqual([
      ["reminders", true, null],
      ["maintenance", true, null],
    ]);
  });

  it("records each run, failed ones too, and says when the last one is too old", async () => {
    process.env.JOB_LATE_AFTER_MINUTES = "60";
    resetEnvCache();
    expect(await recordedJobRun("reminders", async () => "done")).toBe("done");
    await expect(recordedJobRun("maintenance", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");

    const now = new Date();
    const fresh = await jobHealth(now);
    expect(fresh).toEqual([
      expect.objectContaining({ name: "reminders", late: false, lastOk: true, minutesSinceLastRun: 0 }),
      expect.objectContaining({ name: "maintenance", late: false, lastOk: false }),
    ]);
    // A daily trigger: 23 hours later both are reported as late.
    const nextDay = await jobHealth(addMinutes(now, 23 * 60));
    expect(nextDay.every((h) => h.late)).toBe(true);
    expect(nextDay[0]!.minutesSinceLastRun).toBe(23 * 60);

    await recordedJobRun("reminders", async () => null);
    expect((await t.db.jobRun.findUniqueOrThrow({ where: { name: "reminders" } })).runs).toBe(2);
  });
});
