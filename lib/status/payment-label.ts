import { formatMoney } from "@/lib/format";
import { isPaidStatus, isUnsettledStatus } from "./payment-status";

// What a payment means for its booking, in words, defined once (ADR 080). The raw status
// alone misleads: a fully refunded payment is still "paid" (money was taken), and an intent
// still awaiting payment behind a lapsed or cancelled hold will never be paid.

export type PaymentState =
  | "none"
  | "paid"
  | "paid_outside"
  | "waived"
  | "partially_refunded"
  | "refunded"
  | "awaiting"
  | "processing"
  | "failed"
  | "hold_lapsed"
  | "canceled"
  | "authorized"
  | "released"
  | "capture_failed";

type PaymentInput = { status: string; amountCents: number; refundedCents: number; currency: string } | null | undefined;
type BookingInput = { status: string; holdExpiresAt?: Date | null };

export function paymentState(payment: PaymentInput, booking: BookingInput, now = new Date()): PaymentState {
  if (!payment) return "none";
  // Settled by the admin (ADR 086): no card was charged, nothing to refund in the app.
  if (payment.status === "PAID_OUTSIDE") return "paid_outside";
  if (payment.status === "WAIVED") return "waived";
  if (isPaidStatus(payment.status)) {
    if (payment.status === "REFUNDED" || (payment.refundedCents > 0 && payment.refundedCents >= payment.amountCents)) return "refunded";
    return payment.refundedCents > 0 ? "partially_refunded" : "paid";
  }
  if (payment.status === "CANCELED") return "canceled";
  // Authorise then capture (ADR 120): held, released without a charge, or lost at capture.
  if (payment.status === "AUTHORIZED") return "authorized";
  if (payment.status === "RELEASED") return "released";
  if (payment.status === "CAPTURE_FAILED") return "capture_failed";
  if (isUnsettledStatus(payment.status)) {
    const lapsed =
      booking.status === "EXPIRED" ||
      booking.status === "CANCELLED" ||
      (booking.status === "PENDING_PAYMENT" && !!booking.holdExpiresAt && booking.holdExpiresAt <= now);
    if (lapsed) return "hold_lapsed";
  }
  if (payment.status === "PROCESSING") return "processing";
  if (payment.status === "FAILED") return "failed";
  return "awaiting";
}

/** "Paid", "Refunded $10", "Partially refunded: $3 of $10", "Hold lapsed, not paid", "Authorised $10, not yet charged"… */
export function paymentStateLabel(payment: PaymentInput, booking: BookingInput, now = new Date()): string {
  const state = paymentState(payment, booking, now);
  const money = (cents: number) => formatMoney(cents, payment?.currency ?? "usd");
  switch (state) {
    case "none":
      return "No payment";
    case "paid":
      return "Paid";
    case "paid_outside":
      return "Paid outside the app";
    case "waived":
      return "Fee waived";
    case "refunded":
      return `Refunded ${money(payment!.refundedCents || payment!.amountCents)}`;
    case "partially_refunded":
      return `Partially refunded: ${money(payment!.refundedCents)} of ${money(payment!.amountCents)}`;
    case "hold_lapsed":
      return "Hold lapsed, not paid";
    case "canceled":
      return "Canceled, not paid";
    case "processing":
      return "Processing";
    case "failed":
      return "Failed";
    case "awaiting":
      return "Awaiting payment";
    case "authorized":
      return `Authorised ${money(payment!.amountCents)}, not yet charged`;
    case "released":
      return "Released, nothing charged";
    case "capture_failed":
      return "Fee lost: capture failed";
  }
}
