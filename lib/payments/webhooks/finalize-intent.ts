import "server-only";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { finalizeBookingPayment, type FinalizeResult } from "../finalize";

/** Our Payment row for this intent, if we have one: the one lookup every webhook uses. */
export async function paymentForIntent(intentId: string | null): Promise<{ id: string; bookingId: string; status: string } | null> {
  if (!intentId) return null;
  const db = await getDb();
  return db.payment.findUnique({ where: { providerPaymentId: intentId }, select: { id: true, bookingId: true, status: true } });
}

/** The booking our Payment row for this intent belongs to, if we have one. */
export async function bookingIdForIntent(intentId: string | null): Promise<string | null> {
  return (await paymentForIntent(intentId))?.bookingId ?? null;
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
