import { formatMoney, formatWhen } from "@/lib/format";

// When the booking fee is taken, in words, defined once (ADR 130). The server decides the path
// (lib/payments/capture-plan.ts, ADR 120) and hands it down as data; this module only words it,
// so the payment step, the confirmation, the manage page, the emails' readers and admin agree.
// Pure and client-safe: dates arrive as instants and the caller names the zone to show them in.

/** The server's plan, as the pages receive it (a CapturePlan from lib/payments fits it). */
export type FeeTimingPlan = { kind: "charge_now" } | { kind: "authorize"; captureAt: Date | string };

/** The Payment row's fields that say where the fee stands. */
export type FeeTimingPayment = {
  status: string;
  amountCents: number;
  currency: string;
  captureAt?: Date | string | null;
  authorizedUntil?: Date | string | null;
  capturedAt?: Date | string | null;
  succeededAt?: Date | string | null;
  releasedAt?: Date | string | null;
};

/** Before paying: "Your card is authorised for $10 now and charged on … unless you cancel before then." */
export function feeTimingSentence(plan: FeeTimingPlan, fee: { amountCents: number; currency: string }, timeZone: string): string {
  const amount = formatMoney(fee.amountCents, fee.currency);
  if (plan.kind === "charge_now") return `Your card is charged ${amount} now.`;
  return `Your card is authorised for ${amount} now and charged on ${formatWhen(plan.captureAt, timeZone)} unless you cancel before then.`;
}

/**
 * After paying, for the visitor: what happened to their card, or null when there is nothing
 * about timing to say (no fee, not yet paid, refunds: the pages word those already).
 */
export function feeOutcomeSentence(payment: FeeTimingPayment | null | undefined, timeZone: string): string | null {
  if (!payment) return null;
  const amount = formatMoney(payment.amountCents, payment.currency);
  switch (payment.status) {
    case "AUTHORIZED":
      return payment.captureAt
        ? `Your card is authorised for ${amount} and will be charged on ${formatWhen(payment.captureAt, timeZone)} unless you cancel before then.`
        : `Your card is authorised for ${amount}; nothing has been charged yet.`;
    case "RELEASED":
      return releaseSentence("released");
    case "SUCCEEDED": {
      const charged = payment.capturedAt ?? payment.succeededAt;
      return charged ? `${amount} charged on ${formatWhen(charged, timeZone)}.` : `${amount} charged.`;
    }
    default:
      return null;
  }
}

/** Cancelling an authorised fee releases the card: before ("if you cancel now") and after. */
export function releaseSentence(moment: "if_cancelled_now" | "released"): string {
  return moment === "if_cancelled_now"
    ? "If you cancel now, your card authorisation is released; nothing is charged."
    : "Your card authorisation is released; nothing was charged.";
}

/** For admin: the short facts ("authorised until …", "will be charged on …", "charged on …", …). */
export function feeTimingFacts(payment: FeeTimingPayment | null | undefined, timeZone: string): string[] {
  if (!payment) return [];
  switch (payment.status) {
    case "AUTHORIZED":
      return [
        ...(payment.authorizedUntil ? [`authorised until ${formatWhen(payment.authorizedUntil, timeZone)}`] : []),
        ...(payment.captureAt ? [`will be charged on ${formatWhen(payment.captureAt, timeZone)}`] : []),
      ];
    case "RELEASED":
      return ["released (nothing was charged)"];
    case "CAPTURE_FAILED":
      return ["capture failed: fee not collected"];
    case "SUCCEEDED":
    case "PARTIALLY_REFUNDED":
    case "REFUNDED": {
      const charged = payment.capturedAt ?? payment.succeededAt;
      return charged ? [`charged on ${formatWhen(charged, timeZone)}`] : [];
    }
    default:
      return [];
  }
}

const PLAN_REASONS: Record<string, string> = {
  not_refundable: "charge now: the fee is not refundable",
  deadline_passed: "charge now: booked inside the refund window",
  authorization_too_short: "charge now: the meeting is too far out for a card authorisation to help",
  refund_deadline: "authorise: captured at the refund deadline",
  authorization_limit: "authorise: captured just before the authorisation expires",
};

/** Which path the server chose and why, from Payment.capturePlanReason; null when none was recorded. */
export function capturePlanReasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return PLAN_REASONS[reason] ?? reason;
}
