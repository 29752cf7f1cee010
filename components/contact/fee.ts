import type { FeeInfo, SlotOption } from "./types";

export type RefundTerms = { refundable: boolean; policy: string };

/** The lowest fee among paid slots on offer (and whether fees differ); null when all are free. */
export function summarizeFee(slots: Pick<SlotOption, "priceCents" | "currency" | "requiresPayment">[], terms: RefundTerms): FeeInfo | null {
  const paid = slots.filter((s) => s.requiresPayment && s.priceCents > 0);
  const lowest = paid.reduce<(typeof paid)[number] | undefined>((min, s) => (!min || s.priceCents < min.priceCents ? s : min), undefined);
  if (!lowest) return null;
  const varies = paid.some((s) => s.priceCents !== lowest.priceCents || s.currency !== lowest.currency);
  return { amountCents: lowest.priceCents, currency: lowest.currency, varies, ...terms };
}
