import "server-only";
import { paymentMode, env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { findOwnLiveHold, type OwnHold } from "@/lib/booking/holds";
import { ensureStripeIntent, type PaymentStart, type StartedBooking } from "./start-booking";

export type ResumedBooking = { started: StartedBooking; method: OwnHold["method"]; details: OwnHold["details"] };

/**
 * A reload of the payment step: the visitor's own live hold on the slot (found through their
 * session cookie, never an id in the URL) with its payment, ready to show again. Null when
 * there is none or its payment cannot be prepared now; the page then asks to hold it again.
 */
export async function resumeOwnBooking(slotId: string, clientSession: string, now = new Date()): Promise<ResumedBooking | null> {
  const hold = await findOwnLiveHold(slotId, clientSession, now);
  if (!hold) return null;
  const fee = { amountCents: hold.amountCents, currency: hold.currency };
  let payment: PaymentStart;
  if (paymentMode() === "demo") {
    payment = { mode: "demo", ...fee };
  } else {
    try {
      const { clientSecret } = await ensureStripeIntent(hold.bookingId);
      payment = { mode: "stripe", ...fee, clientSecret, publishableKey: env().NEXT_PUBLIC_STRIPE_PUBLIC_KEY ?? "" };
    } catch (error) {
      log("warn", "payment.resume_failed", { bookingId: hold.bookingId, error: errorDetail(error) });
      return null;
    }
  }
  const booking = {
    id: hold.bookingId,
    status: "PENDING_PAYMENT" as const,
    holdExpiresAt: hold.holdExpiresAt.toISOString(),
    slotId: hold.slotId,
    resumed: true,
  };
  return { started: { booking, payment }, method: hold.method, details: hold.details };
}
