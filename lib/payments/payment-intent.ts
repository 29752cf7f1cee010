import "server-only";
import { getDb } from "@/lib/db";
import { env, paymentMode } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { isSecuredStatus } from "@/lib/status/payment-status";
import { visitorDeadline, type Deadline } from "./deadline";
import { ensureStripeIntent, HOLD_GONE_MESSAGE } from "./start-booking";

// POST /api/bookings/{id}/payment-intent: the client secret of the booking's own intent
// (created now if the hold has none yet), for a payment step that was reloaded or retried.

export type BookingPaymentIntent = {
  bookingId: string;
  clientSecret: string;
  publishableKey: string;
  amountCents: number;
  currency: string;
  holdExpiresAt: string;
};

export async function paymentIntentForBooking(
  bookingId: string,
  now = new Date(),
  deadline: Deadline = visitorDeadline(),
): Promise<BookingPaymentIntent> {
  if (paymentMode() !== "stripe") throw new AppError("conflict", "Card payments are not enabled on this server.");
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: { payment: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  // Secured includes an authorisation (ADR 121): the card is held, there is nothing left to pay.
  const paid = booking.payment && (isSecuredStatus(booking.payment.status) || booking.payment.status === "PROCESSING");
  if (booking.confirmedAt || paid) throw new AppError("invalid_transition", "This booking has already been paid.");
  if (booking.status !== "PENDING_PAYMENT" || !booking.holdExpiresAt || booking.holdExpiresAt <= now) {
    throw new AppError("hold_expired", HOLD_GONE_MESSAGE);
  }
  const { clientSecret } = await ensureStripeIntent(bookingId, deadline);
  const payment = await db.payment.findUniqueOrThrow({ where: { bookingId } });
  return {
    bookingId,
    clientSecret,
    publishableKey: env().NEXT_PUBLIC_STRIPE_PUBLIC_KEY ?? "",
    amountCents: payment.amountCents,
    currency: payment.currency,
    holdExpiresAt: booking.holdExpiresAt.toISOString(),
  };
}
