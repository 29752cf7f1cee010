import "server-only";
import { getDb, type Tx } from "@/lib/db";
import { log } from "@/lib/log";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { settings } from "@/lib/settings/settings";
import { externalRefundKey, isExternalRefund } from "./external-refunds";
import type { RefundView } from "./gateway";

// The app's record of money returned. Refund rows mirror the provider's refunds (ours
// carry their row id in the provider's metadata; refunds made elsewhere, e.g. in the
// Stripe dashboard, get a row when their webhook arrives), and Payment.refundedCents is
// recomputed from them, so the same refund reported twice (API answer and webhook) counts
// once. Every writer locks the Payment row first, in that order, so they cannot deadlock.

export type LockedPayment = {
  id: string;
  bookingId: string;
  amountCents: number;
  refundedCents: number;
  currency: string;
  provider: string;
  providerPaymentId: string;
  status: string;
};

export async function lockPayment(tx: Tx, paymentId: string): Promise<LockedPayment | undefined> {
  const rows = await tx.$queryRaw<LockedPayment[]>`
    SELECT "id", "bookingId", "amountCents", "refundedCents", "currency", "provider"::text AS "provider", "providerPaymentId", "status"::text AS "status"
    FROM "Payment" WHERE "id" = ${paymentId}::uuid FOR UPDATE`;
  return rows[0];
}

/**
 * Recomputes Payment.refundedCents as the larger of our succeeded refunds and the total
 * the provider reports, capped at what was paid (the CHECK backs that), never backwards.
 * Call with the payment locked.
 */
export async function applyRefundedTotal(tx: Tx, paymentId: string, change: { providerTotalCents?: number } = {}): Promise<void> {
  const payment = await lockPayment(tx, paymentId);
  if (!payment) return;
  const ours = await tx.refund.aggregate({ where: { paymentId, status: "SUCCEEDED" }, _sum: { amountCents: true } });
  const total = Math.min(payment.amountCents, Math.max(payment.refundedCents, ours._sum.amountCents ?? 0, change.providerTotalCents ?? 0));
  if (total === payment.refundedCents) return;
  await tx.payment.update({
    where: { id: paymentId },
    data: { refundedCents: total, status: total >= payment.amountCents ? "REFUNDED" : "PARTIALLY_REFUNDED" },
  });
}

async function queueRefundEmail(tx: Tx, bookingId: string, refund: { id: string; amountCents: number }): Promise<void> {
  const snapshot = { ...(await bookingEmailSnapshot(tx, bookingId)), refundCents: refund.amountCents };
  await enqueueEmail(tx, { kind: "payment_refunded", bookingId, to: snapshot.email, payload: snapshot, discriminator: refund.id });
}

/** Tells the admin of money returned outside the app: the booking itself was not changed. One email per refund. */
async function queueExternalRefundNotice(tx: Tx, bookingId: string, refund: { id: string; amountCents: number }): Promise<void> {
  const admin = (await settings(tx)).ADMIN_NOTIFY_EMAIL;
  if (!admin) return;
  const snapshot = { ...(await bookingEmailSnapshot(tx, bookingId)), refundCents: refund.amountCents };
  await enqueueEmail(tx, { kind: "admin_refunded_outside_app", bookingId, to: admin, payload: snapshot, discriminator: refund.id });
}

/**
 * Applies a refund the provider confirmed. Conditional on PENDING, so it counts once even
 * when the webhook got there first; the email is deduplicated by refund id.
 */
export async function markRefundSucceeded(refundId: string, providerRefundId: string | null, notify: boolean): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const row = await tx.refund.findUniqueOrThrow({ where: { id: refundId }, select: { paymentId: true } });
    const payment = await lockPayment(tx, row.paymentId);
    if (!payment) return;
    await tx.refund.updateMany({ where: { id: refundId, status: "PENDING" }, data: { status: "SUCCEEDED", providerRefundId } });
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    if (refund.status !== "SUCCEEDED") return;
    await applyRefundedTotal(tx, payment.id);
    if (notify) await queueRefundEmail(tx, payment.bookingId, refund);
  });
  log("info", "payment.refund_succeeded", { refundId });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROW_STATUS = { succeeded: "SUCCEEDED", pending: "PENDING", failed: "FAILED" } as const;

/**
 * Brings the Refund rows of a payment in line with the provider's list (from a
 * charge.refunded webhook): ours are matched by the row id in their metadata, then by
 * provider id; unknown ones are recorded (and the visitor told). Then the total follows.
 */
export async function recordProviderRefunds(paymentId: string, refunds: RefundView[], providerTotalCents: number): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) return;
    for (const view of refunds) {
      const byAppId =
        view.appRefundId && UUID.test(view.appRefundId) ? await tx.refund.findFirst({ where: { id: view.appRefundId, paymentId } }) : null;
      const row = byAppId ?? (await tx.refund.findUnique({ where: { providerRefundId: view.id } }));
      const status = ROW_STATUS[view.status];
      if (!row) {
        const created = await tx.refund.create({
          data: {
            paymentId,
            providerRefundId: view.id,
            idempotencyKey: externalRefundKey(view.id),
            amountCents: view.amountCents,
            status,
            reason: "Refunded outside the app",
          },
        });
        log("info", "payment.external_refund_recorded", { paymentId, refundId: created.id, status });
        if (status === "SUCCEEDED") {
          await queueRefundEmail(tx, payment.bookingId, created);
          await queueExternalRefundNotice(tx, payment.bookingId, created);
        }
        continue;
      }
      // Only a pending row moves; a settled one is final. The provider id is filled in once.
      if (row.status === "PENDING" && status !== "PENDING") {
        await tx.refund.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status, providerRefundId: view.id } });
        if (status === "SUCCEEDED" && isExternalRefund(row)) await queueExternalRefundNotice(tx, payment.bookingId, row);
      } else if (!row.providerRefundId) {
        await tx.refund.update({ where: { id: row.id }, data: { providerRefundId: view.id } });
      }
    }
    await applyRefundedTotal(tx, paymentId, { providerTotalCents });
  });
}
