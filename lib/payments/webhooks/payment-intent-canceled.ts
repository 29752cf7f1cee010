import "server-only";
import { getDb } from "@/lib/db";
import { releaseHold } from "@/lib/booking/holds";
import type { ProviderEvent } from "../gateway";
import { finalizeIntent } from "./finalize-intent";

/**
 * payment_intent.canceled (by hold expiry, or in the Stripe dashboard): the payment is
 * marked CANCELED. A hold that is still active can no longer be paid (one intent per
 * booking), so it is released at once rather than blocking the slot until it lapses.
 */
export async function handlePaymentIntentCanceled(event: ProviderEvent): Promise<void> {
  const result = await finalizeIntent(event.intentId, event.id);
  if (!result) return;
  const db = await getDb();
  const payment = await db.payment.findUnique({ where: { bookingId: result.bookingId }, select: { status: true } });
  if (payment?.status === "CANCELED") await releaseHold(result.bookingId);
}
