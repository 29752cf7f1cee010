import "server-only";
import { subMinutes } from "date-fns";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { withTimeout } from "@/lib/timeout";
import { sendDueEmails } from "@/lib/email/sender";
import { expireHoldsAndCancelIntents } from "@/lib/payments/hold-expiry";
import { retryPendingRefunds } from "@/lib/payments/refunds";
import { captureDuePayments } from "@/lib/payments/capture";
import { pruneRateLimits } from "@/lib/rate-limit/rate-limit";
import { refreshConnections } from "@/lib/calendars/refresh";
import { processCalendarWrites } from "@/lib/calendars/write-back";
import { syncScheduleSlotsIfManaged } from "@/lib/schedule/sync";

// The housekeeping run (cron every few minutes, or the built-in scheduler). Each step is
// independent: one failing (say, Stripe is down) is logged and the others still run, and
// the steps run side by side, each waited for at most JOB_STEP_BUDGET_SECONDS, so a hung
// vendor in one (Resend, Stripe) never holds up hold expiry or the reminders.

// A refund younger than this may still be in flight in the request that created it.
const REFUND_RETRY_AFTER_MINUTES = 5;

export type StepResult<T> = { ok: true; result: T } | { ok: false; error: "failed" | "timed_out" };

const failed = (name: string, error: unknown) => log("error", "jobs.step_failed", { step: name, error: errorDetail(error) });

/**
 * Runs a step, never throwing. Past its budget the run stops waiting: the step goes on in
 * the background (its vendor calls have their own timeouts, its rows their leases).
 */
class StepTimedOut extends Error {}

export async function runStep<T>(
  name: string,
  step: () => Promise<T>,
  budgetMs = env().JOB_STEP_BUDGET_SECONDS * 1000,
): Promise<StepResult<T>> {
  const work = Promise.resolve().then(step);
  try {
    return { ok: true, result: await withTimeout(work, budgetMs, () => new StepTimedOut()) };
  } catch (error) {
    if (!(error instanceof StepTimedOut)) {
      failed(name, error);
      return { ok: false, error: "failed" };
    }
    log("error", "jobs.step_timed_out", { step: name, budgetMs });
    work.catch((late: unknown) => failed(name, late));
    return { ok: false, error: "timed_out" };
  }
}

export async function runMaintenance(now = new Date()) {
  const [holds, emails, refunds, captures, rateLimits, calendars, calendarWrites, schedule] = await Promise.all([
    runStep("expire_holds", () => expireHoldsAndCancelIntents(now)),
    runStep("send_outbox", () => sendDueEmails()),
    runStep("retry_refunds", () => retryPendingRefunds(subMinutes(now, REFUND_RETRY_AFTER_MINUTES))),
    // Authorised fees whose refund deadline came, and authorisations of cancelled bookings (ADR 125).
    runStep("capture_payments", () => captureDuePayments(now)),
    runStep("prune_rate_limits", () => pruneRateLimits(now)),
    // Busy times of the owner's calendars into the cache the slot routes read (docs/calendars.md).
    runStep("refresh_calendars", () => refreshConnections({ now })),
    runStep("write_calendars", () => processCalendarWrites()),
    // The weekly schedule's slots roll forward with the booking window (docs/admin.md).
    runStep("sync_schedule", () => syncScheduleSlotsIfManaged(now)),
  ]);
  return { holds, emails, refunds, captures, rateLimits, calendars, calendarWrites, schedule };
}
