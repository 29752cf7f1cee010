import "server-only";
import { differenceInMinutes } from "date-fns";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";

// Each job run leaves its time in the database, whichever trigger started it (Vercel Cron,
// an external trigger, the built-in scheduler), so the dashboard can say when the jobs run
// too rarely for reminders to be on time. A daily trigger is allowed, never silent.

export const SCHEDULED_JOBS = ["reminders", "maintenance"] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

/** Runs a job and records the run; recording never fails the job. */
export async function recordedJobRun<T>(name: ScheduledJob, job: () => Promise<T>): Promise<T> {
  const startedAt = new Date();
  let ok = false;
  try {
    const result = await job();
    ok = true;
    return result;
  } finally {
    await recordRun(name, startedAt, ok);
  }
}

async function recordRun(name: ScheduledJob, startedAt: Date, ok: boolean): Promise<void> {
  try {
    const db = await getDb();
    const finishedAt = new Date();
    await db.$executeRaw`
      INSERT INTO "JobRun" ("name", "lastStartedAt", "lastFinishedAt", "lastOk")
      VALUES (${name}, ${startedAt}, ${finishedAt}, ${ok})
      ON CONFLICT ("name") DO UPDATE SET
        "lastStartedAt" = GREATEST("JobRun"."lastStartedAt", EXCLUDED."lastStartedAt"),
        "lastFinishedAt" = GREATEST("JobRun"."lastFinishedAt", EXCLUDED."lastFinishedAt"),
        "lastOk" = EXCLUDED."lastOk",
        "runs" = "JobRun"."runs" + 1`;
  } catch (error) {
    log("warn", "jobs.record_run_failed", { job: name, error: errorDetail(error) });
  }
}

export type JobHealth = {
  name: ScheduledJob;
  lastRunAt: Date | null;
  lastOk: boolean | null;
  /** Never ran, or not within JOB_LATE_AFTER_MINUTES. */
  late: boolean;
  minutesSinceLastRun: number | null;
};

export async function jobHealth(now = new Date()): Promise<JobHealth[]> {
  const db = await getDb();
  const rows = await db.jobRun.findMany();
  const lateAfter = env().JOB_LATE_AFTER_MINUTES;
  return SCHEDULED_JOBS.map((name) => {
    const row = rows.find((r) => r.name === name);
    if (!row) return { name, lastRunAt: null, lastOk: null, late: true, minutesSinceLastRun: null };
    const minutes = Math.max(0, differenceInMinutes(now, row.lastStartedAt));
    return { name, lastRunAt: row.lastStartedAt, lastOk: row.lastOk, late: minutes > lateAfter, minutesSinceLastRun: minutes };
  });
}
