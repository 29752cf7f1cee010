import "server-only";
import { configurationProblems, schedulerEnabled, usesEmbeddedDatabase } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";

/**
 * A server whose configuration cannot serve requests exits at boot with the reasons
 * (variable names, never values) instead of answering 500 to everything (ADR 051).
 * Runs from instrumentation.ts's register(), so it holds under plain `next start` and
 * under any wrapper that starts Next.
 */
export function refuseToStartIfMisconfigured(exit: (code: number) => never = process.exit): void {
  const problems = configurationProblems();
  if (problems.length === 0) return;
  console.error(
    [
      "Refusing to start: the server configuration is not usable.",
      ...problems.map((problem) => `  - ${problem}`),
      "Fix these variables (see .env.example and the README's Configuration section) and start again.",
    ].join("\n"),
  );
  exit(1);
}

/** Boot sequence for `next dev` / `next start`. */
export async function startServer(): Promise<void> {
  refuseToStartIfMisconfigured();
  if (usesEmbeddedDatabase()) {
    try {
      const { seedDefaultSlotsIfEmpty } = await import("@/lib/schedule/sync");
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
