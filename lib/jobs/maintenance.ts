import "server-only";
import { subMinutes } from "date-fns";
import { errorDetail, log } from "@/lib/log";
import { sendDueEmails } from "@/lib/email/sender";
import { expireHoldsAndCancelIntents } from "@/lib/payments/hold-expiry";
import { retryPendingRefunds } from "@/lib/payments/refunds";
import { pruneRateLimits } from "@/lib/rate-limit/rate-limit";

// The housekeeping run (cron every few minutes, or the built-in scheduler). Each step is
// independent: one failing (say, Stripe is down) is logged and the others still run.

// A refund younger than this may still be in flight in the request that created it.
const REFUND_RETRY_AFTER_MINUTES = 5;

export type StepResult<T> = { ok: true; result: T } | { ok: false; error: string };

export async function runStep<T>(name: string, step: () => Promise<T>): Promise<StepResult<T>> {
  try {
    return { ok: true, result: await step() };
  } catch (error) {
    log("error", "jobs.step_failed", { step: name, error: errorDetail(error) });
    return { ok: false, error: "failed" };
  }
}

export async function runMaintenance(now = new Date()) {
  return {
    holds: await runStep("expire_holds", () => expireHoldsAndCancelIntents(now)),
    emails: await runStep("send_outbox", () => sendDueEmails()),
    refunds: await runStep("retry_refunds", () => retryPendingRefunds(subMinutes(now, REFUND_RETRY_AFTER_MINUTES))),
    rateLimits: await runStep("prune_rate_limits", () => pruneRateLimits(now)),
  };
}
