import "server-only";
import { getDb } from "@/lib/db";
import { env, paymentMode } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";
import { placeHold, releaseHold, type PlacedHold } from "@/lib/booking/holds";
import type { BookingRequest } from "@/lib/booking/schemas";
import { enforceRateLimits, refundHits, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { bookingCapturePlan, planColumns } from "./booking-capture-plan";
import { visitorDeadline, type Deadline } from "./deadline";
import { gateway } from "./gateway-registry";
import { confirmFreeBooking } from "./finalize";

// "Continue to payment": hold the slot, then prepare the payment for it. Shared by the
// /contact server action and POST /api/bookings.

export type PaymentStart =
  | { mode: "none" }
  | { mode: "demo"; amountCents: number; currency: string }
  | { mode: "stripe"; amountCents: number; currency: string; clientSecret: string; publishableKey: string };

export type StartedBooking = {
  booking: { id: string; status: "PENDING_PAYMENT" | "CONFIRMED"; holdExpiresAt: string | null; slotId: string; resumed: boolean };
  payment: PaymentStart;
};

export type StartContext = { clientSession?: string; ip?: string; now?: Date };

export const HOLD_GONE_MESSAGE = "Your hold on this time has ended. Please pick a time again.";

function holdRateRules(email: string, ip: string | undefined): { ip: RateLimitRule[]; email: RateLimitRule } {
  const e = env();
  return {
    ip: ip ? [{ key: `hold:ip:${ip}`, limit: e.RATE_LIMIT_HOLDS_PER_IP, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS }] : [],
    email: { key: `hold:email:${email}`, limit: e.RATE_LIMIT_HOLDS_PER_EMAIL, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
  };
}

/**
 * Places the hold inside the hold limits. Counting comes first, so parallel requests cannot
 * slip past; a request that names no open slot then gives its email hit back, because
 * anyone can type anyone's address (made-up slot ids must not block a visitor's email).
 */
async function placeLimitedHold(request: BookingRequest, context: StartContext, now: Date): Promise<PlacedHold> {
  const rules = holdRateRules(request.email, context.ip);
  await enforceRateLimits([...rules.ip, rules.email], "Too many booking attempts. Please wait a few minutes and try again.", now);
  try {
    return await placeHold(request, { clientSession: context.clientSession, now });
  } catch (error) {
    if (isAppError(error)) await refundHits([rules.email.key]);
    throw error;
  }
}

/** Creates (or reuses) the demo payment row for a held booking, with the same capture plan as a card. */
async function ensureDemoPayment(hold: PlacedHold, now: Date): Promise<void> {
  const db = await getDb();
  const slot = await db.slot.findUniqueOrThrow({ where: { id: hold.slotId }, select: { startsAt: true } });
  const plan = planColumns(await bookingCapturePlan(db, slot.startsAt, now));
  await db.payment.createMany({
    data: [
      {
        bookingId: hold.bookingId,
        provider: "DEMO",
        providerPaymentId: `demo_${hold.bookingId}`,
        amountCents: hold.amountCents,
        currency: hold.currency,
        ...plan,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * Creates the booking's PaymentIntent once (idempotency key derived from the booking) and
 * records it. Amount and currency come from the slot in the database, never the client.
 * Stripe must answer by the deadline (the visitor request's), or this throws a 503.
 * The capture plan is decided here, once: a fee still refundable is only authorised
 * (manual capture) and captured by the job at the plan's captureAt (ADR 120, 121).
 */
export async function ensureStripeIntent(
  bookingId: string,
  deadline: Deadline = visitorDeadline(),
  now = new Date(),
): Promise<{ clientSecret: string }> {
  const g = gateway({ deadline });
  if (!g) throw new AppError("misconfigured", "Card payments are not configured.");
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: { slot: true, payment: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  if (booking.payment) {
    if (booking.payment.provider !== "STRIPE") throw new AppError("conflict", "This booking uses a different payment method.");
    if (booking.payment.status === "CANCELED") throw new AppError("hold_expired", HOLD_GONE_MESSAGE);
    return { clientSecret: await g.clientSecretFor(booking.payment.providerPaymentId) };
  }
  if (booking.status !== "PENDING_PAYMENT") throw new AppError("invalid_transition", "This booking is no longer awaiting payment.");
  const plan = planColumns(await bookingCapturePlan(db, booking.slot.startsAt, now));
  const intent = await g.createIntent({
    bookingId,
    slotId: booking.slotId,
    email: booking.email,
    amountCents: booking.slot.priceCents,
    currency: booking.slot.currency,
    idempotencyKey: `booking:${bookingId}:payment-intent`,
    captureMethod: plan.captureMethod === "MANUAL" ? "manual" : "automatic",
  });
  await db.payment.createMany({
    data: [
      {
        bookingId,
        provider: "STRIPE",
        providerPaymentId: intent.id,
        amountCents: booking.slot.priceCents,
        currency: booking.slot.currency,
        ...plan,
      },
    ],
    skipDuplicates: true,
  });
  return { clientSecret: intent.clientSecret };
}

export async function startBooking(request: BookingRequest, context: StartContext = {}): Promise<StartedBooking> {
  const now = context.now ?? new Date();
  // Started before the hold, so the visitor's whole wait (database and Stripe) is bounded.
  const deadline = visitorDeadline();
  const mode = paymentMode();
  const hold = await placeLimitedHold(request, context, now);
  const booking = {
    id: hold.bookingId,
    status: "PENDING_PAYMENT" as const,
    holdExpiresAt: hold.holdExpiresAt.toISOString(),
    slotId: hold.slotId,
    resumed: hold.resumed,
  };

  if (!hold.requiresPayment) {
    await confirmFreeBooking(hold.bookingId, now);
    return { booking: { ...booking, status: "CONFIRMED", holdExpiresAt: null }, payment: { mode: "none" } };
  }
  if (mode === "demo") {
    await ensureDemoPayment(hold, now);
    return { booking, payment: { mode: "demo", amountCents: hold.amountCents, currency: hold.currency } };
  }
  try {
    const { clientSecret } = await ensureStripeIntent(hold.bookingId, deadline, now);
    return {
      booking,
      payment: {
        mode: "stripe",
        amountCents: hold.amountCents,
        currency: hold.currency,
        clientSecret,
        publishableKey: env().NEXT_PUBLIC_STRIPE_PUBLIC_KEY ?? "",
      },
    };
  } catch (error) {
    // No half-created booking: a hold nobody can pay for is released at once.
    if (!hold.resumed) await releaseHold(hold.bookingId);
    log("warn", "payment.intent_failed", { bookingId: hold.bookingId, error: errorDetail(error) });
    if (error instanceof AppError) throw error;
    throw new AppError("payment_provider_unavailable", "Payments are temporarily unavailable. Please try again in a minute.", {
      cause: error,
      retryAfterSeconds: 30,
    });
  }
}
