import "server-only";
import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { requireGateway } from "./gateway-registry";

// The one way money goes back. A Refund row is reserved (PENDING) under the payment's row
// lock before the provider is called, so concurrent refunds can never exceed what was
// paid; the CHECK "Payment_refund_within_amount" backs that up in the database.

export type RefundRequest = {
  paymentId: string;
  /** Cents to refund; defaults to everything not yet refunded. */
  amountCents?: number;
  reason: string;
  /** Same key, same refund: retries never refund twice. */
  idempotencyKey: string;
  /** Queue the "payment refunded" email (off when another email already says it). */
  notify?: boolean;
};

export type RefundResult = { refundId: string; amountCents: number; status: "SUCCEEDED" | "PENDING" | "FAILED" };

type LockedPayment = { id: string; amountCents: number; refundedCents: number; provider: string; providerPaymentId: string; status: string };

async function lockPayment(tx: Tx, paymentId: string): Promise<LockedPayment | undefined> {
  const rows = await tx.$queryRaw<LockedPayment[]>`
    SELECT "id", "amountCents", "refundedCents", "provider"::text AS "provider", "providerPaymentId", "status"::text AS "status"
    FROM "Payment" WHERE "id" = ${paymentId}::uuid FOR UPDATE`;
  return rows[0];
}

async function reserveRefund(request: RefundRequest) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const existing = await tx.refund.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
    if (existing) return { refund: existing, payment: null };
    const payment = await lockPayment(tx, request.paymentId);
    if (!payment) throw new AppError("not_found", "Payment not found.");
    if (!["SUCCEEDED", "PARTIALLY_REFUNDED"].includes(payment.status)) {
      throw new AppError("refund_not_allowed", "Only a completed payment can be refunded.");
    }
    const pending = await tx.refund.aggregate({
      where: { paymentId: payment.id, status: "PENDING" },
      _sum: { amountCents: true },
    });
    const remaining = payment.amountCents - payment.refundedCents - (pending._sum.amountCents ?? 0);
    const amount = request.amountCents ?? remaining;
    if (!Number.isInteger(amount) || amount <= 0) throw new AppError("refund_not_allowed", "Nothing is left to refund on this payment.");
    if (amount > remaining) {
      throw new AppError("refund_not_allowed", `At most ${(remaining / 100).toFixed(2)} can still be refunded on this payment.`);
    }
    const refund = await tx.refund.create({
      data: { paymentId: payment.id, amountCents: amount, idempotencyKey: request.idempotencyKey, reason: request.reason },
    });
    return { refund, payment };
  });
}

/** Applies a refund the provider confirmed. Conditional on PENDING, so it counts once. */
export async function markRefundSucceeded(refundId: string, providerRefundId: string | null, notify: boolean): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const claimed = await tx.refund.updateMany({
      where: { id: refundId, status: "PENDING" },
      data: { status: "SUCCEEDED", providerRefundId },
    });
    if (claimed.count === 0) return;
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    await applyRefundedTotal(tx, refund.paymentId, { addCents: refund.amountCents });
    if (notify) {
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: refund.paymentId } });
      const snapshot = { ...(await bookingEmailSnapshot(tx, payment.bookingId)), refundCents: refund.amountCents };
      await enqueueEmail(tx, {
        kind: "payment_refunded",
        bookingId: payment.bookingId,
        to: snapshot.email,
        payload: snapshot,
        discriminator: refund.id,
      });
    }
  });
  log("info", "payment.refund_succeeded", { refundId });
}

/**
 * Moves Payment.refundedCents forward, either by a known refund or to the provider's
 * reported total (webhooks may report refunds the app did not start). Never backwards.
 */
export async function applyRefundedTotal(
  tx: Tx,
  paymentId: string,
  change: { addCents: number } | { providerTotalCents: number },
): Promise<void> {
  const payment = await lockPayment(tx, paymentId);
  if (!payment) return;
  const total =
    "addCents" in change
      ? Math.min(payment.amountCents, payment.refundedCents + change.addCents)
      : Math.min(payment.amountCents, Math.max(payment.refundedCents, change.providerTotalCents));
  if (total === payment.refundedCents) return;
  await tx.payment.update({
    where: { id: paymentId },
    data: { refundedCents: total, status: total >= payment.amountCents ? "REFUNDED" : "PARTIALLY_REFUNDED" },
  });
}

/**
 * Refunds a payment (full by default, or partial), at most what remains. Demo payments
 * are settled at once; Stripe refunds go through the gateway with the idempotency key.
 */
export async function refundPayment(request: RefundRequest): Promise<RefundResult> {
  let reserved;
  try {
    reserved = await reserveRefund(request);
  } catch (error) {
    // Two callers raced with the same key: the loser reads the winner's refund.
    if (!isUniqueViolation(error)) throw error;
    reserved = await reserveRefund(request);
  }
  const { refund } = reserved;
  if (refund.status !== "PENDING") {
    return { refundId: refund.id, amountCents: refund.amountCents, status: refund.status };
  }
  const db = await getDb();
  const payment = await db.payment.findUniqueOrThrow({ where: { id: refund.paymentId } });
  const notify = request.notify ?? true;
  if (payment.provider === "DEMO") {
    await markRefundSucceeded(refund.id, null, notify);
    return { refundId: refund.id, amountCents: refund.amountCents, status: "SUCCEEDED" };
  }
  try {
    const result = await requireGateway().refund({
      intentId: payment.providerPaymentId,
      amountCents: refund.amountCents,
      idempotencyKey: request.idempotencyKey,
      reason: request.reason,
    });
    if (result.status === "failed") {
      await db.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { status: "FAILED", providerRefundId: result.id } });
      throw new AppError("payment_failed", "The payment provider declined the refund.");
    }
    if (result.status === "succeeded") await markRefundSucceeded(refund.id, result.id, notify);
    else await db.refund.update({ where: { id: refund.id }, data: { providerRefundId: result.id } });
    log("info", "payment.refund_requested", { refundId: refund.id, paymentId: payment.id, status: result.status });
    return { refundId: refund.id, amountCents: refund.amountCents, status: result.status === "succeeded" ? "SUCCEEDED" : "PENDING" };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The refund stays PENDING with its idempotency key: retrying sends the same request.
    log("warn", "payment.refund_provider_error", { refundId: refund.id, error: errorDetail(error) });
    throw new AppError("payment_provider_unavailable", "The refund could not be sent to the payment provider. It will be retried.", { cause: error });
  }
}

/** Retries refunds left PENDING by a provider outage (same idempotency keys). */
export async function retryPendingRefunds(olderThan: Date, limit = 50): Promise<number> {
  const db = await getDb();
  const pending = await db.refund.findMany({
    where: { status: "PENDING", createdAt: { lt: olderThan } },
    include: { payment: true },
    take: limit,
  });
  let done = 0;
  for (const refund of pending) {
    try {
      await refundPayment({
        paymentId: refund.paymentId,
        amountCents: refund.amountCents,
        reason: refund.reason ?? "retry",
        idempotencyKey: refund.idempotencyKey,
      });
      done++;
    } catch (error) {
      log("warn", "payment.refund_retry_failed", { refundId: refund.id, error: errorDetail(error) });
    }
  }
  return done;
}
