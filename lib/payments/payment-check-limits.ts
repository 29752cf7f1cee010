import "server-only";
import { env } from "@/lib/env";
import { enforceRateLimits } from "@/lib/rate-limit/rate-limit";

// The visitor-facing requests that ask Stripe about a booking (confirm-payment,
// payment-intent, the /contact/return page) are counted per IP and per booking, so neither
// one client nor one leaked booking id can spend the account's API quota. Webhooks are not
// counted: they are signed by Stripe.

export const PAYMENT_CHECKS_MESSAGE = "Too many payment checks. Please wait a minute and try again.";

export async function limitPaymentChecks(bookingId: string, ip: string, now = new Date()): Promise<void> {
  const e = env();
  await enforceRateLimits(
    [
      { key: `payment-check:ip:${ip}`, limit: e.RATE_LIMIT_PAYMENT_CHECKS_PER_IP, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
      {
        key: `payment-check:booking:${bookingId}`,
        limit: e.RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING,
        windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      },
    ],
    PAYMENT_CHECKS_MESSAGE,
    now,
  );
}
