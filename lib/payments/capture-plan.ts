import type { RefundPolicy } from "@/lib/refund-policy";

// When a booking's fee is taken (issue 18, authorise then capture). Cancelling an authorisation
// costs nothing; refunding a charge leaves Stripe's processing fee with the business. So the fee
// is only authorised at booking and captured when it stops being refundable: at the refund
// deadline, or just before the authorisation itself would lapse. Pure, so the server, the admin
// view and the fee simulation (bench/refund-fees.ts) decide the same way.

const HOUR_MS = 3_600_000;

/** Stripe's validity for online card authorisations; the real limit is the charge's capture_before. */
export const ASSUMED_AUTHORIZATION_MS = 7 * 24 * HOUR_MS;
/** Capture this long before capture_before, so a failed run still has retries inside the authorisation. */
export const CAPTURE_MARGIN_MS = 6 * HOUR_MS;
/** An authorisation that leaves less refundable time than this uncharged is not worth its risk. */
export const MIN_USEFUL_COVERAGE_MS = 24 * HOUR_MS;

export type CapturePlan =
  | { kind: "charge_now"; reason: "not_refundable" | "deadline_passed" | "authorization_too_short" }
  | { kind: "authorize"; captureAt: Date; reason: "refund_deadline" | "authorization_limit" };

/** When the fee stops being refundable: start minus the policy's hours; null when it never does. */
export function refundDeadline(policy: RefundPolicy, startsAt: Date, bookedAt: Date): Date | null {
  switch (policy.kind) {
    case "always":
      return null;
    case "never":
      return bookedAt;
    case "hours_before":
      return new Date(startsAt.getTime() - policy.hours * HOUR_MS);
  }
}

/**
 * How to take the fee for a meeting booked now. `authorizedUntil` is the charge's
 * capture_before once known (re-plan after authorising and after a reschedule); before that,
 * Stripe's usual validity from now is assumed.
 */
export function planCapture(input: { policy: RefundPolicy; startsAt: Date; now: Date; authorizedUntil?: Date }): CapturePlan {
  const { policy, startsAt, now } = input;
  if (policy.kind === "never") return { kind: "charge_now", reason: "not_refundable" };
  const deadline = refundDeadline(policy, startsAt, now);
  if (deadline && deadline <= now) return { kind: "charge_now", reason: "deadline_passed" };
  const until = input.authorizedUntil ?? new Date(now.getTime() + ASSUMED_AUTHORIZATION_MS);
  const limit = new Date(until.getTime() - CAPTURE_MARGIN_MS);
  if (deadline && deadline <= limit) return { kind: "authorize", captureAt: deadline, reason: "refund_deadline" };
  if (limit.getTime() - now.getTime() < MIN_USEFUL_COVERAGE_MS) return { kind: "charge_now", reason: "authorization_too_short" };
  return { kind: "authorize", captureAt: limit, reason: "authorization_limit" };
}
