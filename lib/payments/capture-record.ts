import "server-only";
import type { DbOrTx, Tx } from "@/lib/db";
import { log } from "@/lib/log";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { settings } from "@/lib/settings/settings";

// The three ends of an authorisation (ADR 120, ADR 125), each a conditional update, so the
// capture job, a webhook and an admin can all report the same outcome and it lands once.
// Their emails are queued in the same transaction and deduplicated by payment id.

/** Runs in the caller's transaction, or in a new one when given the client. */
async function inTransaction<T>(db: DbOrTx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction(work) : work(db);
}

/** The number printed on a receipt: short, stable per payment, readable over the phone. */
export function receiptNumber(paymentId: string): string {
  return `R-${paymentId.replace(/-/g, "").slice(0, 10).toUpperCase()}`;
}

/**
 * Queues the visitor's receipt for a fee actually charged (a capture, or a payment charged at
 * once). Once per payment, however often it is called.
 */
export async function enqueueFeeReceipt(tx: Tx, paymentId: string): Promise<boolean> {
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  const chargedAt = payment.capturedAt ?? payment.succeededAt;
  if (!chargedAt) return false;
  const snapshot = await bookingEmailSnapshot(tx, payment.bookingId);
  return enqueueEmail(tx, {
    kind: "fee_receipt",
    bookingId: payment.bookingId,
    to: snapshot.email,
    payload: { ...snapshot, feeCents: payment.amountCents, chargedAt: chargedAt.toISOString(), receiptNumber: receiptNumber(payment.id) },
    discriminator: payment.id,
  });
}

/**
 * The fee was captured: AUTHORIZED (or CAPTURE_FAILED, when the provider later shows the
 * capture did succeed) → SUCCEEDED, and the receipt is queued. True if this call moved the row.
 */
export async function recordCaptured(db: DbOrTx, paymentId: string, now: Date): Promise<boolean> {
  const moved = await inTransaction(db, async (tx) => {
    const { count } = await tx.payment.updateMany({
      where: { id: paymentId, status: { in: ["AUTHORIZED", "CAPTURE_FAILED"] } },
      data: { status: "SUCCEEDED", capturedAt: now, succeededAt: now, nextCaptureAttemptAt: null, captureError: null },
    });
    if (count === 1) await enqueueFeeReceipt(tx, paymentId);
    return count === 1;
  });
  if (moved) log("info", "payment.captured", { paymentId });
  return moved;
}

/** The authorisation was cancelled by us: AUTHORIZED → RELEASED. Nothing was charged, so no email of its own. */
export async function recordReleased(db: DbOrTx, paymentId: string, now: Date): Promise<boolean> {
  const { count } = await db.payment.updateMany({
    where: { id: paymentId, status: "AUTHORIZED" },
    data: { status: "RELEASED", releasedAt: now, nextCaptureAttemptAt: null },
  });
  if (count === 1) log("info", "payment.authorization_released", { paymentId });
  return count === 1;
}

/**
 * The fee can no longer be captured (declined on capture, authorisation expired or cancelled
 * at the provider): AUTHORIZED → CAPTURE_FAILED. The booking stands; the admin is told once.
 * (`_now` keeps the three recorders alike; the row has no time of its own for a lost fee.)
 */
export async function recordFeeLost(db: DbOrTx, paymentId: string, reason: string, _now: Date): Promise<boolean> {
  const moved = await inTransaction(db, async (tx) => {
    const { count } = await tx.payment.updateMany({
      where: { id: paymentId, status: "AUTHORIZED" },
      data: { status: "CAPTURE_FAILED", captureError: reason.slice(0, 500), nextCaptureAttemptAt: null },
    });
    if (count === 0) return false;
    const admin = (await settings(tx)).ADMIN_NOTIFY_EMAIL;
    if (admin) {
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
      const snapshot = await bookingEmailSnapshot(tx, payment.bookingId);
      await enqueueEmail(tx, {
        kind: "admin_fee_lost",
        bookingId: payment.bookingId,
        to: admin,
        payload: { ...snapshot, feeCents: payment.amountCents, feeLostReason: reason },
        discriminator: payment.id,
      });
    }
    return true;
  });
  if (moved) log("warn", "payment.fee_lost", { paymentId, reason });
  return moved;
}
