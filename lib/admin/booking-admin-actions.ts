import "server-only";
import { getDb } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { cancelAndRefund, type RefundChoice } from "@/lib/payments/cancel-and-refund";
import { refundPayment } from "@/lib/payments/refunds";
import { queueReminderNow } from "@/lib/jobs/reminders";
import { formatMoney } from "@/lib/format";

// Admin use cases that span payments or jobs, which have their own transactions: the
// audit entry is written right after the change (it cannot share its transaction), and
// also when the change half-happened (booking cancelled, refund left for retry).

export async function adminCancelBooking(
  actor: AuditActor,
  input: { bookingId: string; refund: RefundChoice; reason: string | undefined },
): Promise<string> {
  const db = await getDb();
  const before = await db.booking.findUnique({
    where: { id: input.bookingId },
    select: { status: true, payment: { select: { status: true } } },
  });
  if (!before) throw new AppError("not_found", "Booking not found.");
  const audit = (after: Record<string, unknown>) =>
    recordAudit(db, actor, {
      action: "booking.cancel",
      entityType: "booking",
      entityId: input.bookingId,
      bookingId: input.bookingId,
      before: { status: before.status },
      after: { status: "CANCELLED", refundChoice: input.refund, reason: input.reason, ...after },
    });
  try {
    const result = await cancelAndRefund(input.bookingId, {
      reason: input.reason ?? "Cancelled by the business",
      refund: input.refund,
      notifyAdmin: false,
    });
    if (result.outcome === "already_cancelled") throw new AppError("invalid_transition", "This booking was already cancelled.");
    await audit({ refundCents: result.refundCents, refundStatus: result.refund?.status ?? null, feeOutcome: result.feeOutcome });
    if (result.feeOutcome === "released") return "Booking cancelled; the card authorisation is released and nothing was charged.";
    // An authorised fee kept on cancel is captured now; a fee charged before simply stays.
    if (result.feeOutcome === "kept" && before.payment?.status === "AUTHORIZED")
      return "Booking cancelled; the fee is kept and the card charged.";
    if (!result.refund) return "Booking cancelled; no refund was due.";
    const amount = formatMoney(
      result.refund.amountCents,
      (await db.payment.findUniqueOrThrow({ where: { bookingId: input.bookingId } })).currency,
    );
    return result.refund.status === "SUCCEEDED"
      ? `Booking cancelled and ${amount} refunded.`
      : `Booking cancelled; the ${amount} refund is being processed.`;
  } catch (error) {
    const now = await db.booking.findUnique({ where: { id: input.bookingId }, select: { status: true } });
    if (now?.status === "CANCELLED" && before.status !== "CANCELLED") {
      await audit({ refundError: isAppError(error) ? error.message : "refund failed" });
    }
    throw error;
  }
}

export async function adminRefundPayment(
  actor: AuditActor,
  input: { paymentId: string; amountCents: number | undefined; reason: string; requestKey: string },
): Promise<string> {
  const db = await getDb();
  const payment = await db.payment.findUnique({ where: { id: input.paymentId } });
  if (!payment) throw new AppError("not_found", "Payment not found.");
  // One key per rendered form: a double submit refunds once, a new form refunds again.
  const idempotencyKey = `refund:${input.paymentId}:admin:${input.requestKey}`;
  if (await db.refund.findUnique({ where: { idempotencyKey } })) {
    throw new AppError("conflict", "This refund was already submitted. Reload the page to make another one.");
  }
  const result = await refundPayment({ paymentId: input.paymentId, amountCents: input.amountCents, reason: input.reason, idempotencyKey });
  await recordAudit(db, actor, {
    action: "payment.refund",
    entityType: "payment",
    entityId: input.paymentId,
    bookingId: payment.bookingId,
    before: { status: payment.status, refundedCents: payment.refundedCents },
    after: { refundId: result.refundId, amountCents: result.amountCents, refundStatus: result.status, reason: input.reason },
  });
  const amount = formatMoney(result.amountCents, payment.currency);
  if (result.status === "SUCCEEDED") return `Refunded ${amount}.`;
  if (result.status === "PENDING") return `The ${amount} refund was sent and is being processed.`;
  throw new AppError("payment_failed", "The payment provider declined the refund.");
}

export async function adminSendReminder(actor: AuditActor, bookingId: string): Promise<string> {
  const outcome = await queueReminderNow(bookingId);
  if (outcome === "not_confirmed") throw new AppError("invalid_transition", "Only a confirmed booking can get a reminder.");
  if (outcome === "already_sent") throw new AppError("conflict", "A reminder has already been sent for this booking.");
  const db = await getDb();
  await recordAudit(db, actor, {
    action: "booking.send_reminder",
    entityType: "booking",
    entityId: bookingId,
    bookingId,
    after: { reminder: "queued" },
  });
  return "Reminder queued for sending.";
}
