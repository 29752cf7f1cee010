import { addMinutes } from "date-fns";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as confirmPayment } from "@/app/api/bookings/[id]/confirm-payment/route";
import { POST as paymentIntentRoute } from "@/app/api/bookings/[id]/payment-intent/route";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { startFakeStripe } from "@/tests/fakes/stripe/server";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import { expireHoldsAndCancelIntents } from "./hold-expiry";
import { finalizeBookingPayment } from "./finalize";
import { ensureStripeIntent, startBooking } from "./start-booking";

const t = useTestDatabase();
const stripe = useFakeStripe();

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function callRoute(route: typeof confirmPayment, id: string, ip = "203.0.113.7") {
  const request = new Request(`http://localhost/api/bookings/${id}/x`, { method: "POST", headers: { "x-forwarded-for": ip } });
  const response = await route(request, params(id));
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

describe("placing a hold in Stripe mode", () => {
  it("creates one PaymentIntent from the slot's price, with the booking in its metadata", async () => {
    const slot = await createSlot(t.db, { priceCents: 1500 });
    const started = await startBooking(bookingRequest(slot.id), { clientSession: "session-a-0123456789" });
    expect(started.payment).toMatchObject({
      mode: "stripe",
      amountCents: 1500,
      currency: "usd",
      publishableKey: "pk_test_fake_0123456789",
    });
    const payment = await t.db.payment.findUniqueOrThrow({ where: { bookingId: started.booking.id } });
    expect(payment).toMatchObject({ provider: "STRIPE", status: "REQUIRES_PAYMENT", amountCents: 1500, currency: "usd" });
    const intent = stripe.fake.state.intent(payment.providerPaymentId);
    expect(intent.amount).toBe(1500);
    expect(intent.automatic_payment_methods).toEqual({ enabled: true });
    expect(intent.metadata).toEqual({ booking_id: started.booking.id, slot_id: slot.id, email: "ada@example.com" });
    if (started.payment.mode === "stripe") expect(started.payment.clientSecret).toBe(intent.client_secret);

    // The same visitor coming back resumes the hold and gets the same intent.
    const again = await startBooking(bookingRequest(slot.id), { clientSession: "session-a-0123456789" });
    expect(again.booking.resumed).toBe(true);
    expect(stripe.fake.state.intents.size).toBe(1);
  });

  it("leaves no booking behind and answers a retryable 503 when Stripe is down", async () => {
    const slot = await createSlot(t.db);
    stripe.fake.outage("500");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = await startBooking(bookingRequest(slot.id), { clientSession: "session-a-0123456789" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "payment_provider_unavailable", status: 503, retryAfterSeconds: 30 });
    expect((error as AppError).message).toBe("Payments are temporarily unavailable. Please try again in a minute.");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.intent_failed"));
    expect(await t.db.booking.count()).toBe(0);
    expect(await t.db.payment.count()).toBe(0);

    // Once Stripe is back, the slot is free for the same visitor.
    stripe.fake.restore();
    const started = await startBooking(bookingRequest(slot.id), { clientSession: "session-a-0123456789" });
    expect(started.booking.resumed).toBe(false);
  });

  it("treats a hung Stripe the same way", async () => {
    const slot = await createSlot(t.db);
    stripe.fake.failNext("timeout");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(startBooking(bookingRequest(slot.id), { clientSession: "session-a-0123456789" })).rejects.toMatchObject({ status: 503 });
    expect(await t.db.booking.count()).toBe(0);
  });

  it("bounds the visitor's whole wait on a Stripe that never answers, retries included, and releases the hold", async () => {
    // Production's shape at a smaller scale: 3 tries of 2 s each would keep the visitor 6 s.
    // A Stripe of its own, so the retries still going on after the answer reach no other test.
    const hung = await startFakeStripe();
    hung.outage("timeout");
    const useHungStripe = () => stripe.useClient({ baseUrl: hung.url, timeoutMs: 2_000, maxNetworkRetries: 2 });
    useHungStripe();
    process.env.STRIPE_REQUEST_BUDGET_MS = "400";
    resetEnvCache();
    try {
      const slot = await createSlot(t.db);
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const started = Date.now();
      const error = await startBooking(bookingRequest(slot.id), { clientSession: "session-a-0123456789" }).then(
        () => null,
        (e: unknown) => e,
      );
      const waited = Date.now() - started;
      expect(error).toMatchObject({ code: "payment_provider_unavailable", status: 503, retryAfterSeconds: 30 });
      expect((error as AppError).message).toBe("Payments are temporarily unavailable. Please try again in a minute.");
      expect(waited).toBeGreaterThanOrEqual(350);
      expect(waited).toBeLessThan(1_500);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.intent_failed"));
      expect(await t.db.booking.count()).toBe(0);

      // The hold is gone at once: another visitor gets the slot as soon as Stripe answers.
      stripe.useClient({});
      const other = await startBooking(bookingRequest(slot.id, { email: "grace@example.com" }), { clientSession: "session-b-0123456789" });
      expect(other.booking.resumed).toBe(false);

      // The retry route of a held booking answers 503 within the same bound.
      useHungStripe();
      const retryStarted = Date.now();
      const retry = await callRoute(paymentIntentRoute, other.booking.id);
      expect(retry.status).toBe(503);
      expect(retry.headers.get("retry-after")).toBe("30");
      expect(Date.now() - retryStarted).toBeLessThan(1_500);
    } finally {
      await hung.close();
      delete process.env.STRIPE_REQUEST_BUDGET_MS;
      resetEnvCache();
    }
  });

  it("never creates a second intent for a booking, however often or concurrently it is asked", async () => {
    const held = await heldStripeBooking(t.db);
    await t.db.payment.delete({ where: { id: held.paymentId } });
    stripe.fake.reset();
    const secrets = await Promise.all([1, 2, 3].map(() => ensureStripeIntent(held.bookingId)));
    expect(new Set(secrets.map((s) => s.clientSecret)).size).toBe(1);
    expect(stripe.fake.state.intents.size).toBe(1);
    expect(await t.db.payment.count({ where: { bookingId: held.bookingId } })).toBe(1);
  });
});

describe("POST /api/bookings/[id]/payment-intent", () => {
  it("returns the booking's own client secret", async () => {
    const held = await heldStripeBooking(t.db);
    const res = await callRoute(paymentIntentRoute, held.bookingId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      bookingId: held.bookingId,
      clientSecret: held.clientSecret,
      amountCents: 1000,
      currency: "usd",
      publishableKey: "pk_test_fake_0123456789",
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(stripe.fake.state.intents.size).toBe(1);
  });

  it("creates the intent when the hold has none, once, even when the first answer was lost", async () => {
    const held = await heldStripeBooking(t.db);
    await t.db.payment.delete({ where: { id: held.paymentId } });
    stripe.fake.reset();
    stripe.fake.failNext("timeout_after_apply");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const lost = await callRoute(paymentIntentRoute, held.bookingId);
    expect(lost.status).toBe(503);
    expect(lost.headers.get("retry-after")).toBe("30");
    // The hold survives (it is the visitor's), and the retry gets the intent Stripe made.
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).status).toBe("PENDING_PAYMENT");
    const retry = await callRoute(paymentIntentRoute, held.bookingId);
    expect(retry.status).toBe(200);
    expect(stripe.fake.state.intents.size).toBe(1);
    expect(retry.body.clientSecret).toBe([...stripe.fake.state.intents.values()][0]!.client_secret);
  });

  it("refuses paid, expired and unknown bookings", async () => {
    const paid = await heldStripeBooking(t.db);
    await stripe.pay(paid.intentId);
    await finalizeBookingPayment(paid.bookingId);
    expect((await callRoute(paymentIntentRoute, paid.bookingId)).body.error?.code).toBe("invalid_transition");

    const lapsed = await heldStripeBooking(t.db);
    await lapseHold(t.db, lapsed.bookingId);
    const expired = await callRoute(paymentIntentRoute, lapsed.bookingId);
    expect(expired.status).toBe(409);
    expect(expired.body.error?.code).toBe("hold_expired");

    expect((await callRoute(paymentIntentRoute, "bk_nope")).status).toBe(404);
    expect((await callRoute(paymentIntentRoute, "bk_aaaaaaaaaaaaaaaaaaaaaaaaaa")).status).toBe(404);
  });
});

describe("finalising (POST /api/bookings/[id]/confirm-payment)", () => {
  it("confirms only after Stripe says the intent succeeded, and is idempotent", async () => {
    const held = await heldStripeBooking(t.db);
    let res = await callRoute(confirmPayment, held.bookingId);
    expect(res.body.outcome).toBe("not_paid");
    await stripe.pay(held.intentId);
    res = await callRoute(confirmPayment, held.bookingId);
    expect(res.body.outcome).toBe("confirmed");
    expect((res.body.booking as { status: string }).status).toBe("CONFIRMED");
    res = await callRoute(confirmPayment, held.bookingId);
    expect(res.body.outcome).toBe("already_confirmed");
    expect(await t.db.outboxEmail.count({ where: { bookingId: held.bookingId, kind: "booking_confirmed" } })).toBe(1);
  });

  it("reports processing payments and settles them when they clear", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId, "pm_usBankAccount");
    expect((await finalizeBookingPayment(held.bookingId)).outcome).toBe("processing");
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).status).toBe("PROCESSING");
    stripe.fake.state.settleProcessing(held.intentId, "succeeded");
    expect((await finalizeBookingPayment(held.bookingId)).outcome).toBe("confirmed");
  });

  it("refuses an intent that does not match the booking", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    stripe.fake.state.intent(held.intentId).amount = 1;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await callRoute(confirmPayment, held.bookingId);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("payment_mismatch");
    expect(error).toHaveBeenCalledWith(expect.stringContaining("payment.mismatch"));
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).status).toBe("PENDING_PAYMENT");
  });

  it("never refunds a booking that was confirmed and later cancelled when finalised again", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    await finalizeBookingPayment(held.bookingId);
    await t.db.booking.update({ where: { id: held.bookingId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect((await finalizeBookingPayment(held.bookingId)).outcome).toBe("already_confirmed");
    expect(await t.db.refund.count()).toBe(0);
    expect(stripe.fake.state.refunds.size).toBe(0);
  });

  it("answers 503 when Stripe cannot be reached, without changing anything", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    stripe.fake.outage("500");
    const res = await callRoute(confirmPayment, held.bookingId);
    expect(res.status).toBe(503);
    expect(res.body.error?.code).toBe("payment_provider_unavailable");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).status).toBe("PENDING_PAYMENT");
  });
});

describe("requests that ask Stripe are limited per IP and per booking", () => {
  afterEach(() => {
    delete process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING;
    delete process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_IP;
  });
  const stripeCalls = () => stripe.fake.requests.filter((line) => line.includes("/v1/payment_intents")).length;

  it("one booking id, from any number of addresses, stops reaching Stripe at the per-booking limit", async () => {
    process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING = "4";
    const held = await heldStripeBooking(t.db);
    const before = stripeCalls();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await callRoute(i % 2 ? confirmPayment : paymentIntentRoute, held.bookingId, `198.51.100.${i}`)).status);
    }
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
    const res = await callRoute(confirmPayment, held.bookingId, "198.51.100.99");
    expect(res.headers.get("Retry-After")).toBeTruthy();
    expect(res.body.error).toEqual({ code: "rate_limited", message: "Too many payment checks. Please wait a minute and try again." });
    expect(stripeCalls() - before).toBeLessThanOrEqual(4);
    // Another booking is not affected.
    const other = await heldStripeBooking(t.db);
    expect((await callRoute(confirmPayment, other.bookingId)).status).toBe(200);
  });

  it("one address stops reaching Stripe at the per-IP limit, whatever booking ids it tries", async () => {
    process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_IP = "3";
    const bookings = [
      await heldStripeBooking(t.db),
      await heldStripeBooking(t.db),
      await heldStripeBooking(t.db),
      await heldStripeBooking(t.db),
    ];
    const statuses = [];
    for (const held of bookings) statuses.push((await callRoute(confirmPayment, held.bookingId, "192.0.2.77")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await callRoute(confirmPayment, bookings[3]!.bookingId, "192.0.2.78")).status).toBe(200);
  });
});

describe("hold expiry in Stripe mode", () => {
  it("cancels the intents of expired holds, and finalises one that was paid meanwhile", async () => {
    const now = new Date();
    const abandoned = await heldStripeBooking(t.db, { now });
    const paidLate = await heldStripeBooking(t.db, { now });
    const active = await heldStripeBooking(t.db, { now });
    await stripe.pay(paidLate.intentId);
    const later = addMinutes(now, 11);
    await t.db.booking.update({ where: { id: active.bookingId }, data: { holdExpiresAt: addMinutes(later, 5) } });

    const result = await expireHoldsAndCancelIntents(later);
    expect(result).toEqual({ expired: 2, intentsCanceled: 1 });
    expect(stripe.fake.state.intent(abandoned.intentId).status).toBe("canceled");
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: abandoned.paymentId } })).status).toBe("CANCELED");
    // Paid before the job ran and the slot still free: confirmed, not cancelled.
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: paidLate.bookingId } })).status).toBe("CONFIRMED");
    expect(stripe.fake.state.intent(active.intentId).status).toBe("requires_payment_method");

    // Running again changes nothing; a cancelled intent cannot be paid any more.
    expect(await expireHoldsAndCancelIntents(later)).toEqual({ expired: 0, intentsCanceled: 0 });
    await expect(stripe.sdk.paymentIntents.confirm(abandoned.intentId, { payment_method: "pm_card_visa" })).rejects.toThrow();
  });

  it("retries a cancel that failed on the next run", async () => {
    const now = new Date();
    const held = await heldStripeBooking(t.db, { now });
    stripe.fake.failNext("500");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await expireHoldsAndCancelIntents(addMinutes(now, 11))).toEqual({ expired: 1, intentsCanceled: 0 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.intent_cancel_failed"));
    expect(await expireHoldsAndCancelIntents(addMinutes(now, 12))).toEqual({ expired: 0, intentsCanceled: 1 });
    expect(stripe.fake.state.intent(held.intentId).status).toBe("canceled");
  });
});
