import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { cancelBooking, type CancelOutcome } from "@/lib/booking/transitions";
import { parseRefundPolicy, refundDueCents } from "@/lib/refund-policy";
import { refundPayment, type RefundResult } from "./refunds";
import { settings } from "@/lib/settings/settings";
import { isRefundable } from "@/lib/status/payment-status";

// Cancel a booking and refund it: the booking moves first (in one transaction with its
// cancellation email), then the refund is sent with a key derived from the booking, so a
// retry or a double click never refunds twice. Shared by the admin and the manage page.

export type RefundChoice = "policy" | "full" | "none";

export type CancelAndRefundResult = { outcome: CancelOutcome; refundCents: number; refund: RefundResult | null };

/** The refund a cancellation would give right now (for "you will get $X back"). */
export async function previewCancellationRefund(bookingId: string, choice: RefundChoice = "policy", now = new Date()): Promise<number> {
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: { slot: true, payment: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  const payment = booking.payment;
  if (!isRefundable(payment)) return 0;
  const remaining = payment.amountCents - payment.refundedCents;
  if (choice === "none") return 0;
  if (choice === "full") return remaining;
  return refundDueCents(parseRefundPolicy((await settings(db)).REFUND_POLICY), {
    startsAt: booking.slot.startsAt,
    now,
    paidCents: payment.amountCents,
    alreadyRefundedCents: payment.refundedCents,
  });
}

export async function cancelAndRefund(
  bookingId: string,
  options: { reason?: string; refund?: RefundChoice; notifyAdmin?: boolean; now?: Date } = {},
): Promise<CancelAndRefundResult> {
  const now = options.now ?? new Date();
  const refundCents = await previewCancellationRefund(bookingId, options.refund ?? "policy", now);
  const db = await getDb();
  const outcome = await db.$transaction((tx) =>
    cancelBooking(tx, bookingId, { now, reason: options.reason, refundCents, notifyAdmin: options.notifyAdmin }),
  );
  if (outcome === "not_cancellable") throw new AppError("invalid_transition", "This booking can no longer be cancelled.");
  if (outcome === "already_cancelled" || refundCents === 0) return { outcome, refundCents: 0, refund: null };
  const payment = await db.payment.findUniqueOrThrow({ where: { bookingId } });
  const refund = await refundPayment({
    paymentId: payment.id,
    amountCents: refundCents,
    reason: options.reason ?? "cancelled",
    idempotencyKey: `refund:${payment.id}:cancellation`,
    // The cancellation email already states the refund.
    notify: false,
  });
  return { outcome, refundCents, refund };
}
