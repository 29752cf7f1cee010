import "server-only";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { recordedJobRun } from "./job-runs";
import { runMaintenance, runStep } from "./maintenance";
import { runRemindersJob } from "./reminders";

// The built-in scheduler for self-hosting (`next dev`, `next start`): the same jobs as the
// Vercel crons, every SCHEDULER_INTERVAL_SECONDS. One per process (guarded on globalThis,
// which survives hot reloads), and a run never starts while the previous one is going:
// the next run is scheduled only when the current one ends. Several processes running it
// at once are safe too: every job claims its rows in the database.

type SchedulerState = { timer: NodeJS.Timeout | null; running: Promise<void> | null; stopped: boolean };

const globalForScheduler = globalThis as unknown as { __bookingScheduler?: SchedulerState };

/** Reminders and housekeeping side by side: neither waits for the other's vendors. */
export async function runScheduledJobs(now = new Date()): Promise<void> {
  await Promise.all([
    runStep("reminders", () => recordedJobRun("reminders", () => runRemindersJob(now))),
    recordedJobRun("maintenance", () => runMaintenance(now)),
  ]);
}

function scheduleNext(state: SchedulerState, delayMs: number, job: () => Promise<void>): void {
  if (state.stopped) return;
  state.timer = setTimeout(() => {
    state.running = job()
      .catch((error) => log("error", "scheduler.run_failed", { error: errorDetail(error) }))
      .finally(() => {
        state.running = null;
        scheduleNext(state, env().SCHEDULER_INTERVAL_SECONDS * 1000, job);
      });
  }, delayMs);
  // Never keeps a process (a script, a test) alive on its own.
  state.timer.unref();
}

/**
 * Starts the scheduler once per process. Returns false when it was already running.
 * `firstRunDelayMs` lets the server finish booting before the first run.
 */
export function startScheduler(options: { firstRunDelayMs?: number; job?: () => Promise<void> } = {}): boolean {
  if (globalForScheduler.__bookingScheduler && !globalForScheduler.__bookingScheduler.stopped) return false;
  const state: SchedulerState = { timer: null, running: null, stopped: false };
  globalForScheduler.__bookingScheduler = state;
  scheduleNext(state, options.firstRunDelayMs ?? 5_000, options.job ?? (() => runScheduledJobs()));
  log("info", "scheduler.started", { intervalSeconds: env().SCHEDULER_INTERVAL_SECONDS });
  return true;
}

/** Stops future runs and waits for the current one (tests, graceful shutdown). */
export async function stopScheduler(): Promise<void> {
  const state = globalForScheduler.__bookingScheduler;
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  await state.running;
  globalForScheduler.__bookingScheduler = undefined;
}
