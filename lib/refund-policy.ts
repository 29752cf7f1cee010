import { differenceInMinutes } from "date-fns";

// REFUND_POLICY: "always", "never", or "hours_before:N" (full refund when cancelled more
// than N hours before the start, none after). Pure, so pages can show the exact amount.

export type RefundPolicy = { kind: "always" } | { kind: "never" } | { kind: "hours_before"; hours: number };

export function parseRefundPolicy(value: string): RefundPolicy {
  if (value === "always") return { kind: "always" };
  if (value === "never") return { kind: "never" };
  const match = /^hours_before:(\d{1,4})$/.exec(value);
  if (!match) throw new Error(`Invalid refund policy "${value}"`);
  return { kind: "hours_before", hours: Number(match[1]) };
}

export function refundDueCents(
  policy: RefundPolicy,
  input: { startsAt: Date; now: Date; paidCents: number; alreadyRefundedCents: number },
): number {
  const remaining = Math.max(0, input.paidCents - input.alreadyRefundedCents);
  switch (policy.kind) {
    case "always":
      return remaining;
    case "never":
      return 0;
    case "hours_before":
      return differenceInMinutes(input.startsAt, input.now) > policy.hours * 60 ? remaining : 0;
  }
}

export function describeRefundPolicy(policy: RefundPolicy): string {
  switch (policy.kind) {
    case "always":
      return "The booking fee is refunded in full whenever you cancel.";
    case "never":
      return "The booking fee is not refundable.";
    case "hours_before":
      return `The booking fee is refunded in full if you cancel more than ${policy.hours} hours before the meeting.`;
  }
}

/**
 * Where a refund goes, in the visitor's words. A demo payment charged no card, so saying
 * "refunded to your card" there would be false (docs/self-service.md).
 */
export function refundSentence(amount: string, tense: "will be" | "has been", demoPayment: boolean): string {
  return demoPayment
    ? `${amount} ${tense} refunded. This was a demo payment: no card was charged.`
    : `${amount} ${tense} refunded to your card.`;
}
