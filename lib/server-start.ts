import "server-only";
import { env, paymentMode, schedulerEnabled, usesEmbeddedDatabase } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";

/** Boot sequence for `next dev` / `next start`. */
export async function startServer(): Promise<void> {
  env();
  paymentMode();
  if (usesEmbeddedDatabase()) {
    try {
      const { seedDefaultSlotsIfEmpty } = await import("@/lib/booking/seed-slots");
      const seeded = await seedDefaultSlotsIfEmpty();
      if (seeded) log("info", "slots.seeded_on_first_start", { created: seeded.created });
    } catch (error) {
      log("error", "startup.embedded_db_failed", { error: errorDetail(error) });
    }
  }
  // Off on Vercel (its crons call /api/cron/*) and when SCHEDULER_ENABLED=false.
  if (schedulerEnabled()) {
    const { startScheduler } = await import("@/lib/jobs/scheduler");
    startScheduler();
  }
}
