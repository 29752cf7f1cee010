import { addMinutes } from "date-fns";
import type { Db } from "@/lib/db";
import { startBooking } from "@/lib/payments/start-booking";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { activeFakeStripe } from "./use-fake-stripe";

// Shared set-ups for payment tests that run against the fake Stripe (useFakeStripe).

let visitor = 0;

/**
 * Puts a held booking on the charge-now path (automatic capture), as the server plans it
 * for a meeting inside the refund window (ADR 121). Tests about charges and refunds use it,
 * so their slots can stay days out and refundable by policy; the authorise path has its own.
 */
export async function onChargeNowPath(db: Db, bookingId: string): Promise<void> {
  const payment = await db.payment.findUniqueOrThrow({ where: { bookingId } });
  if (payment.provider === "STRIPE") {
    if (!activeFakeStripe) throw new Error("onChargeNowPath needs useFakeStripe()");
    activeFakeStripe.state.intent(payment.providerPaymentId).capture_method = "automatic";
  }
  await db.payment.update({
    where: { id: payment.id },
    data: { captureMethod: "AUTOMATIC", captureAt: null, capturePlanReason: "deadline_passed" },
  });
}

/**
 * A fresh slot held by a new visitor in Stripe mode: booking, Payment row and intent.
 * `path: "charge_now"` (default) keeps the booking on today's charge at once; "planned"
 * leaves the server's own plan (an authorisation for a refundable fee).
 */
export async function heldStripeBooking(
  db: Db,
  options: { now?: Date; slotId?: string; priceCents?: number; startsAt?: Date; path?: "charge_now" | "planned" } = {},
) {
  const slotId = options.slotId ?? (await createSlot(db, { priceCents: options.priceCents, startsAt: options.startsAt })).id;
  visitor++;
  const started = await startBooking(bookingRequest(slotId, { email: `visitor${visitor}@example.com` }), {
    clientSession: `session-${visitor}-0123456789abcdef`,
    now: options.now,
  });
  if (started.payment.mode !== "stripe") throw new Error(`expected Stripe mode, got ${started.payment.mode}`);
  if ((options.path ?? "charge_now") === "charge_now") await onChargeNowPath(db, started.booking.id);
  const payment = await db.payment.findUniqueOrThrow({ where: { bookingId: started.booking.id } });
  return {
    bookingId: started.booking.id,
    slotId,
    intentId: payment.providerPaymentId,
    paymentId: payment.id,
    clientSecret: started.payment.clientSecret,
  };
}

/** Moves a booking's hold into the past, as if the visitor had walked away. */
export async function lapseHold(db: Db, bookingId: string, now = new Date()): Promise<void> {
  await db.booking.update({ where: { id: bookingId }, data: { holdExpiresAt: addMinutes(now, -1) } });
}
