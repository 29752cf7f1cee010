import "server-only";
import { bookingIdSchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";
import { visitorDeadline } from "./deadline";
import { finalizeBookingPayment } from "./finalize";
import { limitPaymentChecks } from "./payment-check-limits";
import { paymentIntentForBooking, type BookingPaymentIntent } from "./payment-intent";

// /contact/return: where Stripe sends a visitor back after a payment method that
// redirects (bank pages, wallets, 3-D Secure). The booking is finalised here exactly as
// by the confirm-payment call; only a payment that did not go through stays on the page.

export type ReturnView =
  /** Confirmed, processing, refunded or lapsed: the booking's own page says which. */
  | { kind: "settled"; bookingId: string }
  /** Not paid and the hold is still active: the visitor can try again on the same intent. */
  | { kind: "failed"; bookingId: string; message: string; retry: BookingPaymentIntent }
  /** Stripe could not be asked just now: nothing is lost, checking again will tell. */
  | { kind: "unavailable"; bookingId: string }
  | { kind: "not_found" };

const DEFAULT_FAILURE = "The payment did not go through. No money was taken.";

export async function paymentReturnView(bookingId: string | undefined, context: { ip: string; now?: Date }): Promise<ReturnView> {
  const now = context.now ?? new Date();
  if (!bookingId || !bookingIdSchema.safeParse(bookingId).success) return { kind: "not_found" };
  // One budget for the page: both Stripe calls below share it.
  const deadline = visitorDeadline();
  let outcome;
  try {
    // Over the limit reads as "could not check just now": checking again later will tell.
    await limitPaymentChecks(bookingId, context.ip, now);
    ({ outcome } = await finalizeBookingPayment(bookingId, now, deadline));
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return { kind: "not_found" };
    if (!isAppError(error)) throw error;
    log("warn", "payment.return_unavailable", { bookingId, error: errorDetail(error) });
    return { kind: "unavailable", bookingId };
  }
  if (outcome !== "not_paid") return { kind: "settled", bookingId };
  try {
    const retry = await paymentIntentForBooking(bookingId, now, deadline);
    const db = await getDb();
    const payment = await db.payment.findUnique({ where: { bookingId }, select: { failureMessage: true } });
    return { kind: "failed", bookingId, message: payment?.failureMessage ?? DEFAULT_FAILURE, retry };
  } catch (error) {
    // The hold lapsed or the intent was cancelled: the booking page explains.
    if (isAppError(error) && error.code !== "payment_provider_unavailable") return { kind: "settled", bookingId };
    if (!isAppError(error)) throw error;
    return { kind: "unavailable", bookingId };
  }
}
