import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";
import { cancelBooking, type CancelOutcome } from "@/lib/booking/transitions";
import { parseRefundPolicy, refundDueCents } from "@/lib/refund-policy";
import { capturePaymentNow, KEPT_ON_CANCELLATION, releaseAuthorization } from "./capture";
import { refundPayment, type RefundResult } from "./refunds";
import { settings } from "@/lib/settings/settings";
import { isAuthorizedStatus, isRefundable } from "@/lib/status/payment-status";

// Cancel a booking and refund it: the booking moves first (in one transaction with its
// cancellation email), then the refund is sent with a key derived from the booking, so a
// retry or a double click never refunds twice. Shared by the admin and the manage page.
// A fee only authorised (ADR 120) is released instead of refunded when it would be returned
// in full, and captured when the business keeps it; if the provider is down, the capture job
// finishes either (ADR 125).

export type RefundChoice = "policy" | "full" | "none";

/** What a cancellation does to the fee: authorisation released, money refunded, fee kept, or no fee at all. */
export type FeeOutcome = "released" | "refunded" | "kept" | "none";

export type CancelAndRefundResult = { outcome: CancelOutcome; refundCents: number; refund: RefundResult | null; feeOutcome: FeeOutcome };

export type CancellationFeePreview = {
  feeOutcome: FeeOutcome;
  /** Money that goes back (0 when an authorisation is released: nothing was charged). */
  refundCents: number;
  /** The fee the outcome is about (authorised or paid), for "your $10 authorisation is released". */
  feeCents: number;
  currency: string | null;
  /** The fee is only authorised: "released" means nothing is ever charged. */
  authorized: boolean;
};

/** What a cancellation would do to the fee right now (for "you will get $X back" or "nothing is charged"). */
export async function previewCancellationFee(
  bookingId: string,
  choice: RefundChoice = "policy",
  now = new Date(),
): Promise<CancellationFeePreview> {
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: { slot: true, payment: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  const payment = booking.payment;
  const none = { feeOutcome: "none", refundCents: 0, feeCents: 0, currency: payment?.currency ?? null, authorized: false } as const;
  if (!payment) return none;
  const due = async (paidCents: number, alreadyRefundedCents: number) => {
    if (choice === "none") return 0;
    if (choice === "full") return paidCents - alreadyRefundedCents;
    const policy = parseRefundPolicy((await settings(db)).REFUND_POLICY);
    return refundDueCents(policy, { startsAt: booking.slot.startsAt, now, paidCents, alreadyRefundedCents });
  };
  if (isAuthorizedStatus(payment.status)) {
    const released = (await due(payment.amountCents, 0)) > 0;
    return {
      feeOutcome: released ? "released" : "kept",
      refundCents: 0,
      feeCents: payment.amountCents,
      currency: payment.currency,
      authorized: true,
    };
  }
  if (!isRefundable(payment)) return none;
  const refundCents = await due(payment.amountCents, payment.refundedCents);
  return {
    feeOutcome: refundCents > 0 ? "refunded" : "kept",
    refundCents,
    feeCents: refundCents > 0 ? refundCents : payment.amountCents - payment.refundedCents,
    currency: payment.currency,
    authorized: false,
  };
}

/** The refund a cancellation would give right now (0 for an authorisation: it is released, not refunded). */
export async function previewCancellationRefund(bookingId: string, choice: RefundChoice = "policy", now = new Date()): Promise<number> {
  return (await previewCancellationFee(bookingId, choice, now)).refundCents;
}

/** Releases after the booking is cancelled; an outage leaves it to the capture job. A capture that won the race is refunded. */
async function releaseAfterCancel(
  paymentId: string,
  reason: string,
  now: Date,
): Promise<Pick<CancelAndRefundResult, "refundCents" | "refund" | "feeOutcome">> {
  try {
    if ((await releaseAuthorization(paymentId, now)) !== "not_authorized") return { refundCents: 0, refund: null, feeOutcome: "released" };
  } catch (error) {
    log("warn", "payment.release_deferred", { paymentId, error: errorDetail(error) });
    return { refundCents: 0, refund: null, feeOutcome: "released" };
  }
  const db = await getDb();
  const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (!isRefundable(payment)) return { refundCents: 0, refund: null, feeOutcome: "none" };
  const refund = await refundPayment({ paymentId, reason, idempotencyKey: `refund:${paymentId}:cancellation`, notify: true });
  return { refundCents: refund.amountCents, refund, feeOutcome: "refunded" };
}

export async function cancelAndRefund(
  bookingId: string,
  options: { reason?: string; refund?: RefundChoice; notifyAdmin?: boolean; now?: Date } = {},
): Promise<CancelAndRefundResult> {
  const now = options.now ?? new Date();
  const preview = await previewCancellationFee(bookingId, options.refund ?? "policy", now);
  const refundCents = preview.refundCents;
  const db = await getDb();
  const outcome = await db.$transaction(async (tx) => {
    const authorization =
      preview.authorized && preview.feeOutcome !== "none" && preview.feeOutcome !== "refunded"
        ? { outcome: preview.feeOutcome, feeCents: preview.feeCents }
        : undefined;
    const result = await cancelBooking(tx, bookingId, {
      now,
      reason: options.reason,
      refundCents,
      notifyAdmin: options.notifyAdmin,
      authorization,
    });
    if (result === "cancelled" && preview.feeOutcome === "kept") {
      // Marked with the cancellation, so the job captures this authorisation instead of releasing it.
      await tx.payment.updateMany({
        where: { bookingId, status: "AUTHORIZED" },
        data: { capturePlanReason: KEPT_ON_CANCELLATION, captureAt: now, nextCaptureAttemptAt: null },
      });
    }
    return result;
  });
  if (outcome === "not_cancellable") throw new AppError("invalid_transition", "This booking can no longer be cancelled.");
  if (outcome === "already_cancelled") return { outcome, refundCents: 0, refund: null, feeOutcome: "none" };
  const payment = await db.payment.findUnique({ where: { bookingId } });
  // Released even if a capture got in meanwhile: releaseAfterCancel then refunds it in full.
  if (payment && preview.feeOutcome === "released")
    return { outcome, ...(await releaseAfterCancel(payment.id, options.reason ?? "cancelled", now)) };
  if (payment && isAuthorizedStatus(payment.status)) {
    try {
      await capturePaymentNow(payment.id, now);
    } catch (error) {
      log("warn", "payment.capture_deferred", { paymentId: payment.id, error: errorDetail(error) });
    }
    return { outcome, refundCents: 0, refund: null, feeOutcome: "kept" };
  }
  if (refundCents === 0 || !payment) return { outcome, refundCents: 0, refund: null, feeOutcome: preview.feeOutcome };
  const refund = await refundPayment({
    paymentId: payment.id,
    amountCents: refundCents,
    reason: options.reason ?? "cancelled",
    idempotencyKey: `refund:${payment.id}:cancellation`,
    // The cancellation email already states the refund.
    notify: false,
  });
  return { outcome, refundCents, refund, feeOutcome: "refunded" };
}
