import "server-only";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { finalizeBookingPayment, type FinalizeResult } from "../finalize";

/** The booking our Payment row for this intent belongs to, if we have one. */
export async function bookingIdForIntent(intentId: string | null): Promise<string | null> {
  if (!intentId) return null;
  const db = await getDb();
  const payment = await db.payment.findUnique({ where: { providerPaymentId: intentId }, select: { bookingId: true } });
  return payment?.bookingId ?? null;
}

/**
 * Finalises the booking paid by this intent. The booking comes from our Payment row, not
 * from the event: an intent we have no row for (created by something else, or whose hold
 * was released before it was stored) is ignored.
 */
export async function finalizeIntent(intentId: string | null, eventId: string): Promise<FinalizeResult | null> {
  if (!intentId) return null;
  const bookingId = await bookingIdForIntent(intentId);
  if (!bookingId) {
    log("info", "webhook.unknown_intent", { eventId, intentId });
    return null;
  }
  return finalizeBookingPayment(bookingId);
}
