import "server-only";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { releaseHold } from "@/lib/booking/holds";
import { isAuthorizedStatus } from "@/lib/status/payment-status";
import type { ProviderEvent } from "../gateway";
import { RELEASE_REQUESTED, recordFeeLost, recordReleased } from "../capture-record";
import { finalizeIntent, paymentForIntent } from "./finalize-intent";

const AUTHORIZATION_LOST_REASON = "The card authorisation was cancelled at Stripe (expired or cancelled in the dashboard) before capture.";

/**
 * payment_intent.canceled (by hold expiry, or in the Stripe dashboard): the payment is
 * marked CANCELED. A hold that is still active can no longer be paid (one intent per
 * booking), so it is released at once rather than blocking the slot until it lapses.
 * On an authorised payment (ADR 121) nobody here cancelled it: the authorisation expired or
 * was cancelled in the dashboard, so the fee is lost (the booking stands, the admin is told);
 * a booking already cancelled owed nothing, so that is a release, as is one the admin asked us
 * to release. Already released: no-op.
 */
export async function handlePaymentIntentCanceled(event: ProviderEvent): Promise<void> {
  const payment = await paymentForIntent(event.intentId);
  if (payment && isAuthorizedStatus(payment.status)) {
    const db = await getDb();
    const booking = await db.booking.findUniqueOrThrow({ where: { id: payment.bookingId }, select: { status: true } });
    const row = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { capturePlanReason: true } });
    const intent = await finalizeIntent(event.intentId, event.id);
    // Re-fetched: a capture that happened after all is recorded there, nothing is lost.
    const after = await paymentForIntent(event.intentId);
    if (!intent || !after || !isAuthorizedStatus(after.status)) return;
    const now = new Date();
    // Cancelled by us (a cancelled booking, the admin's release) when our own write is late.
    if (booking.status === "CANCELLED" || row.capturePlanReason === RELEASE_REQUESTED) await recordReleased(db, payment.id, now);
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
