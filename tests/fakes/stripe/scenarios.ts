import { addMinutes } from "date-fns";
import type { Db } from "@/lib/db";
import { startBooking } from "@/lib/payments/start-booking";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";

// Shared set-ups for payment tests that run against the fake Stripe (useFakeStripe).

let visitor = 0;

/** A fresh slot held by a new visitor in Stripe mode: booking, Payment row and intent. */
export async function heldStripeBooking(db: Db, options: { now?: Date; slotId?: string; priceCents?: number } = {}) {
  const slotId = options.slotId ?? (await createSlot(db, { priceCents: options.priceCents })).id;
  visitor++;
  const started = await startBooking(bookingRequest(slotId, { email: `visitor${visitor}@example.com` }), {
    clientSession: `session-${visitor}-0123456789abcdef`,
    now: options.now,
  });
  if (started.payment.mode !== "stripe") throw new Error(`expected Stripe mode, got ${started.payment.mode}`);
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
