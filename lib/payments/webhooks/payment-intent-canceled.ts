import "server-only";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { releaseHold } from "@/lib/booking/holds";
import { isAuthorizedStatus } from "@/lib/status/payment-status";
import type { ProviderEvent } from "../gateway";
import { recordFeeLost, recordReleased } from "../capture-record";
import { finalizeIntent, paymentForIntent } from "./finalize-intent";

const AUTHORIZATION_LOST_REASON = "The card authorisation was cancelled at Stripe (expired or cancelled in the dashboard) before capture.";

/**
 * payment_intent.canceled (by hold expiry, or in the Stripe dashboard): the payment is
 * marked CANCELED. A hold that is still active can no longer be paid (one intent per
 * booking), so it is released at once rather than blocking the slot until it lapses.
 * On an authorised payment (ADR 121) nobody here cancelled it: the authorisation expired or
 * was cancelled in the dashboard, so the fee is lost (the booking stands, the admin is told);
 * a booking already cancelled owed nothing, so that is a release. Already released: no-op.
 */
export async function handlePaymentIntentCanceled(event: ProviderEvent): Promise<void> {
  const payment = await paymentForIntent(event.intentId);
  if (payment && isAuthorizedStatus(payment.status)) {
    const db = await getDb();
    const booking = await db.booking.findUniqueOrThrow({ where: { id: payment.bookingId }, select: { status: true } });
    const intent = await finalizeIntent(event.intentId, event.id);
    // Re-fetched: a capture that happened after all is recorded there, nothing is lost.
    const after = await paymentForIntent(event.intentId);
    if (!intent || !after || !isAuthorizedStatus(after.status)) return;
    const now = new Date();
    if (booking.status === "CANCELLED") await recordReleased(db, payment.id, now);
    else if (await recordFeeLost(db, payment.id, AUTHORIZATION_LOST_REASON, now)) {
      log("warn", "payment.authorization_lost", { bookingId: payment.bookingId, paymentId: payment.id, eventId: event.id });
    }
    return;
  }
  const result = await finalizeIntent(event.intentId, event.id);
  if (!result) return;
  const db = await getDb();
  const row = await db.payment.findUnique({ where: { bookingId: result.bookingId }, select: { status: true } });
  if (row?.status === "CANCELED") await releaseHold(result.bookingId);
}
