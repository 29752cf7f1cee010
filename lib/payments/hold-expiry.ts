import "server-only";
import { getDb } from "@/lib/db";
import { errorDetail, log } from "@/lib/log";
import { expireStaleHolds } from "@/lib/booking/holds";
import { gateway } from "./gateway-registry";

/**
 * Marks lapsed holds EXPIRED (they already stopped blocking their slots) and cancels
 * their open Stripe PaymentIntents so a late card confirmation cannot go through.
 * A cancel that fails is logged and retried on the next run (the row stays REQUIRES_PAYMENT).
 */
export async function expireHoldsAndCancelIntents(now = new Date()): Promise<{ expired: number; intentsCanceled: number }> {
  const expiredIds = await expireStaleHolds(now);
  const db = await getDb();
  const g = gateway();
  let intentsCanceled = 0;
  if (g) {
    const open = await db.payment.findMany({
      where: { provider: "STRIPE", status: { in: ["REQUIRES_PAYMENT", "FAILED"] }, booking: { status: "EXPIRED" } },
      take: 200,
    });
    for (const payment of open) {
      try {
        await g.cancelIntent(payment.providerPaymentId);
        await db.payment.updateMany({ where: { id: payment.id, status: payment.status }, data: { status: "CANCELED" } });
        intentsCanceled++;
      } catch (error) {
        log("warn", "payment.intent_cancel_failed", { paymentId: payment.id, error: errorDetail(error) });
      }
    }
  }
  return { expired: expiredIds.length, intentsCanceled };
}
