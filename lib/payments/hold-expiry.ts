import "server-only";
import { getDb } from "@/lib/db";
import { errorDetail, log } from "@/lib/log";
import { expireStaleHolds } from "@/lib/booking/holds";
import { isProviderError } from "./gateway";
import { gateway } from "./gateway-registry";
import { finalizeBookingPayment } from "./finalize";

/**
 * Marks lapsed holds EXPIRED (they already stopped blocking their slots) and cancels
 * their open Stripe PaymentIntents so a late card confirmation cannot go through.
 * An intent Stripe will not cancel because it was paid meanwhile is finalised instead
 * (confirmed if the slot is still free, refunded otherwise), and so is one authorised
 * meanwhile (confirmed, or released). A cancel that fails is
 * logged and retried on the next run (the row stays REQUIRES_PAYMENT).
 */
export async function expireHoldsAndCancelIntents(now = new Date()): Promise<{ expired: number; intentsCanceled: number }> {
  const expiredIds = await expireStaleHolds(now);
  const db = await getDb();
  const g = gateway();
  let intentsCanceled = 0;
  if (g) {
    const open = await db.payment.findMany({
      where: { provider: "STRIPE", status: { in: ["REQUIRES_PAYMENT", "FAILED"] }, booking: { status: { in: ["EXPIRED", "CANCELLED"] } } },
      orderBy: { createdAt: "asc" },
      take: 200,
    });
    for (const payment of open) {
      try {
        // An authorisation that arrived late is a payment, not an open intent: cancelling it
        // would silently release the visitor's card. It is finalised (confirmed, or released
        // with the visitor told) like a late charge.
        const current = await g.retrieveIntent(payment.providerPaymentId);
        const intent = current.status === "requires_capture" ? current : await g.cancelIntent(payment.providerPaymentId);
        if (intent.status === "canceled") {
          await db.payment.updateMany({ where: { id: payment.id, status: payment.status }, data: { status: "CANCELED" } });
          intentsCanceled++;
        } else {
          log("info", "payment.cancel_found_paid", { paymentId: payment.id, status: intent.status });
          await finalizeBookingPayment(payment.bookingId, now);
        }
      } catch (error) {
        if (isProviderError(error, "not_found")) {
          // Nothing at Stripe can be paid; stop retrying (reconciliation still reports the row).
          await db.payment.updateMany({ where: { id: payment.id, status: payment.status }, data: { status: "CANCELED" } });
        }
        log("warn", "payment.intent_cancel_failed", { paymentId: payment.id, error: errorDetail(error) });
      }
    }
  }
  return { expired: expiredIds.length, intentsCanceled };
}
