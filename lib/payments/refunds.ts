import "server-only";
import { getDb, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { formatMoney } from "@/lib/format";
import { errorDetail, log } from "@/lib/log";
import { isProviderError } from "./gateway";
import { requireGateway } from "./gateway-registry";
import { lockPayment, markRefundSucceeded } from "./refund-ledger";
import { isRefundable } from "@/lib/status/payment-status";

// The one way money goes back. A Refund row is reserved (PENDING) under the payment's row
// lock before the provider is called, so concurrent refunds can never exceed what was
// paid; the CHECK "Payment_refund_within_amount" backs that up in the database. The
// provider gets the same idempotency key on every attempt, so a retry after a timeout
// returns the refund the first attempt made instead of making another.

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

async function reserveRefund(request: RefundRequest) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const existing = await tx.refund.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
    if (existing) return existing;
    const payment = await lockPayment(tx, request.paymentId);
    if (!payment) throw new AppError("not_found", "Payment not found.");
    if (!isRefundable(payment)) {
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
      throw new AppError(
        "refund_not_allowed",
        `At most ${formatMoney(remaining, payment.currency)} can still be refunded on this payment.`,
      );
    }
    return tx.refund.create({
      data: { paymentId: payment.id, amountCents: amount, idempotencyKey: request.idempotencyKey, reason: request.reason.slice(0, 500) },
    });
  });
}

/**
 * Refunds a payment (full by default, or partial), at most what remains. Demo payments
 * are settled at once; Stripe refunds go through the gateway with the idempotency key.
 */
export async function refundPayment(request: RefundRequest): Promise<RefundResult> {
  let refund;
  try {
    refund = await reserveRefund(request);
  } catch (error) {
    // Two callers raced with the same key: the loser reads the winner's refund.
    if (!isUniqueViolation(error)) throw error;
    refund = await reserveRefund(request);
  }
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
  let result;
  try {
    result = await requireGateway().refund({
      intentId: payment.providerPaymentId,
      amountCents: refund.amountCents,
      idempotencyKey: refund.idempotencyKey,
      reason: refund.reason ?? undefined,
      appRefundId: refund.id,
    });
  } catch (error) {
    if (isProviderError(error) && error.kind !== "unavailable") {
      // Stripe refused for good (e.g. already refunded in the dashboard): free the reservation.
      await db.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { status: "FAILED" } });
      log("warn", "payment.refund_rejected", { refundId: refund.id, providerCode: error.providerCode });
      throw new AppError("refund_not_allowed", "The payment provider did not accept this refund.", { cause: error });
    }
    // The refund stays PENDING with its idempotency key: retrying sends the same request.
    log("warn", "payment.refund_provider_error", { refundId: refund.id, error: errorDetail(error) });
    throw new AppError("payment_provider_unavailable", "The refund could not be sent to the payment provider. It will be retried.", {
      cause: error,
      retryAfterSeconds: 60,
    });
  }
  log("info", "payment.refund_requested", { refundId: refund.id, paymentId: payment.id, status: result.status });
  if (result.status === "failed") {
    await db.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { status: "FAILED", providerRefundId: result.id } });
    throw new AppError("refund_not_allowed", "The payment provider declined the refund.");
  }
  if (result.status === "succeeded") {
    await markRefundSucceeded(refund.id, result.id, notify);
    return { refundId: refund.id, amountCents: refund.amountCents, status: "SUCCEEDED" };
  }
  await db.refund.updateMany({ where: { id: refund.id, providerRefundId: null }, data: { providerRefundId: result.id } });
  return { refundId: refund.id, amountCents: refund.amountCents, status: "PENDING" };
}

/**
 * Retries refunds left PENDING by a provider outage (same idempotency keys). Without the
 * refund email: the flows that start refunds during an outage (cancellation, late
 * payment) have already queued an email that states the refund.
 */
export async function retryPendingRefunds(olderThan: Date, limit = 50): Promise<number> {
  const db = await getDb();
  const pending = await db.refund.findMany({
    where: { status: "PENDING", createdAt: { lt: olderThan } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let done = 0;
  for (const refund of pending) {
    try {
      const result = await refundPayment({
        paymentId: refund.paymentId,
        amountCents: refund.amountCents,
        reason: refund.reason ?? "retry",
        idempotencyKey: refund.idempotencyKey,
        notify: false,
      });
      if (result.status === "SUCCEEDED") done++;
    } catch (error) {
      log("warn", "payment.refund_retry_failed", { refundId: refund.id, error: errorDetail(error) });
    }
  }
  return done;
}
