import { addDays, addHours } from "date-fns";
import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import type { FakeEvent } from "@/tests/fakes/stripe/state";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import { CAPTURE_MARGIN_MS } from "./capture-plan";
import { finalizeBookingPayment } from "./finalize";
import { expireHoldsAndCancelIntents } from "./hold-expiry";
import { paymentIntentForBooking } from "./payment-intent";

// Authorise at booking (ADR 121): which path a booking takes, and how an authorisation
// confirms it, end to end against the fake Stripe through the real client code.

const t = useTestDatabase();
const stripe = useFakeStripe();
const setEnv = useTestEnv();
const HOUR = 3_600_000;

async function deliver(event: FakeEvent) {
  const response = await POST(stripe.webhookRequest(event));
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

async function state(bookingId: string) {
  const booking = await t.db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { payment: { include: { refunds: true } } } });
  const emails = await t.db.outboxEmail.findMany({ where: { bookingId }, orderBy: { createdAt: "asc" } });
  return { booking, payment: booking.payment!, emails: emails.map((e) => e.kind) };
}

const planned = (startsAt: Date, slotId?: string) => heldStripeBooking(t.db, { startsAt, slotId, path: "planned" });

describe("authorise at booking", () => {
  it("authorises a refundable fee: manual intent, AUTHORIZED and confirmed, captured at the refund deadline", async () => {
    const startsAt = addDays(new Date(), 3);
    const held = await planned(startsAt);
    expect(stripe.fake.state.intent(held.intentId).capture_method).toBe("manual");
    let s = await state(held.bookingId);
    expect(s.payment).toMatchObject({ captureMethod: "MANUAL", capturePlanReason: "refund_deadline", status: "REQUIRES_PAYMENT" });
    const slot = await t.db.slot.findUniqueOrThrow({ where: { id: held.slotId } });
    const deadline = new Date(slot.startsAt.getTime() - 24 * HOUR);
    expect(s.payment.captureAt).toEqual(deadline);

    await stripe.pay(held.intentId);
    expect((await finalizeBookingPayment(held.bookingId)).outcome).toBe("authorized");
    s = await state(held.bookingId);
    const capturedBefore = stripe.fake.state.charges.get(stripe.fake.state.intent(held.intentId).latest_charge!)!.payment_method_details
      .card.capture_before!;
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.booking.meetingUrl).toBeTruthy();
    expect(s.payment).toMatchObject({ status: "AUTHORIZED", captureAt: deadline, capturePlanReason: "refund_deadline" });
    expect(s.payment.authorizedAt).not.toBeNull();
    expect(s.payment.authorizedUntil).toEqual(new Date(capturedBefore * 1000));
    expect(s.emails).toEqual(["booking_confirmed"]);
    expect(stripe.fake.state.intent(held.intentId).amount_received).toBe(0);
    // Nothing left to pay: the payment step is closed.
    await expect(paymentIntentForBooking(held.bookingId)).rejects.toMatchObject({ code: "invalid_transition" });
    expect((await finalizeBookingPayment(held.bookingId)).outcome).toBe("already_confirmed");
  });

  it("captures at the authorisation's limit when the deadline lies beyond it (meeting 10 days out)", async () => {
    const held = await planned(addDays(new Date(), 10));
    expect((await state(held.bookingId)).payment.capturePlanReason).toBe("authorization_limit");
    await stripe.pay(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", held.intentId));
    const s = await state(held.bookingId);
    expect(s.payment.status).toBe("AUTHORIZED");
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.captureAt).toEqual(new Date(s.payment.authorizedUntil!.getTime() - CAPTURE_MARGIN_MS));
  });

  it("re-plans on the real capture_before: an authorisation too short to be useful is due for capture at once", async () => {
    stripe.fake.state.authorizationValiditySeconds = 20 * 3600;
    const held = await planned(addDays(new Date(), 5));
    await stripe.pay(held.intentId);
    const before = new Date();
    await finalizeBookingPayment(held.bookingId);
    const s = await state(held.bookingId);
    expect(s.payment).toMatchObject({ status: "AUTHORIZED", capturePlanReason: "authorization_too_short" });
    expect(s.payment.captureAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(s.payment.captureAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("charges at once inside the refund window, and under policy never", async () => {
    const inside = await planned(addHours(new Date(), 12));
    expect(stripe.fake.state.intent(inside.intentId).capture_method).toBe("automatic");
    expect((await state(inside.bookingId)).payment).toMatchObject({
      captureMethod: "AUTOMATIC",
      capturePlanReason: "deadline_passed",
      captureAt: null,
    });
    await stripe.pay(inside.intentId);
    expect((await finalizeBookingPayment(inside.bookingId)).outcome).toBe("confirmed");
    expect((await state(inside.bookingId)).payment.status).toBe("SUCCEEDED");

    setEnv({ REFUND_POLICY: "never" });
    const never = await planned(addDays(new Date(), 3));
    expect(stripe.fake.state.intent(never.intentId).capture_method).toBe("automatic");
    expect((await state(never.bookingId)).payment).toMatchObject({ captureMethod: "AUTOMATIC", capturePlanReason: "not_refundable" });
  });

  it("records a capture reported by payment_intent.succeeded, and a late amount_capturable_updated cannot undo it", async () => {
    const held = await planned(addDays(new Date(), 3));
    await stripe.pay(held.intentId);
    const authorised = stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", held.intentId);
    expect((await deliver(authorised)).body.outcome).toBe("processed");
    expect((await deliver(authorised)).body.outcome).toBe("duplicate");
    await stripe.sdk.paymentIntents.capture(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    let s = await state(held.bookingId);
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.payment.capturedAt).not.toBeNull();
    expect(s.payment.succeededAt).not.toBeNull();
    // The same authorisation reported again (another event id) finds the captured intent.
    await deliver({ ...authorised, id: `${authorised.id}_late` });
    s = await state(held.bookingId);
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.emails).toEqual(["booking_confirmed"]);
  });

  it("confirms on a succeeded event that arrives before the authorisation's", async () => {
    const held = await planned(addDays(new Date(), 3));
    await stripe.pay(held.intentId);
    const authorised = stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", held.intentId);
    await stripe.sdk.paymentIntents.capture(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    await deliver(authorised);
    const s = await state(held.bookingId);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.status).toBe("SUCCEEDED");
  });

  it("marks the fee lost when Stripe drops the authorisation, and leaves a released one alone", async () => {
    const held = await planned(addDays(new Date(), 3));
    await stripe.pay(held.intentId);
    await finalizeBookingPayment(held.bookingId);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const now = Math.floor(Date.now() / 1000);
    stripe.fake.state.clock = () => now + 8 * 24 * 3600;
    try {
      expect(stripe.fake.state.expireAuthorizations()).toEqual([held.intentId]);
    } finally {
      stripe.fake.state.clock = () => Math.floor(Date.now() / 1000);
    }
    expect((await deliver(stripe.fake.state.lastEvent("charge.expired", held.intentId))).body.outcome).toBe("ignored");
    await deliver(stripe.fake.state.lastEvent("payment_intent.canceled", held.intentId));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.authorization_lost"));
    let s = await state(held.bookingId);
    expect(s.payment).toMatchObject({ status: "CAPTURE_FAILED", refundedCents: 0, refunds: [] });
    expect(s.payment.captureError).toMatch(/authorisation was cancelled at Stripe/);
    expect(s.booking.status).toBe("CONFIRMED");

    // A released authorisation (RELEASED already): the canceled event changes nothing.
    const other = await planned(addHours(addDays(new Date(), 3), 2));
    await stripe.pay(other.intentId);
    await finalizeBookingPayment(other.bookingId);
    await stripe.sdk.paymentIntents.cancel(other.intentId);
    await t.db.payment.update({ where: { id: other.paymentId }, data: { status: "RELEASED", releasedAt: new Date() } });
    await deliver(stripe.fake.state.lastEvent("charge.refunded", other.intentId));
    await deliver(stripe.fake.state.lastEvent("payment_intent.canceled", other.intentId));
    s = await state(other.bookingId);
    expect(s.payment).toMatchObject({ status: "RELEASED", refundedCents: 0, refunds: [] });
  });

  it("releases a late authorisation whose slot was taken: intent cancelled, RELEASED, no Refund anywhere", async () => {
    const first = await planned(addDays(new Date(), 3));
    await lapseHold(t.db, first.bookingId);
    const second = await planned(addDays(new Date(), 3), first.slotId);
    await stripe.pay(second.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", second.intentId));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await stripe.pay(first.intentId);
    const late = stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", first.intentId);

    // Stripe down while releasing: the error reaches the webhook (redelivered), nothing recorded.
    stripe.fake.failNext("500", { match: /cancel/ });
    expect((await deliver(late)).status).toBe(503);
    let s = await state(first.bookingId);
    expect(s.payment.status).toBe("REQUIRES_PAYMENT");
    expect(s.emails).toEqual([]);
    expect(stripe.fake.state.intent(first.intentId).status).toBe("requires_capture");

    expect((await deliver(late)).body.outcome).toBe("processed");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.late_authorization_released"));
    s = await state(first.bookingId);
    expect(s.booking.status).toBe("EXPIRED");
    expect(s.payment).toMatchObject({ status: "RELEASED", refundedCents: 0, refunds: [] });
    expect(s.payment.releasedAt).not.toBeNull();
    expect(s.emails).toEqual(["late_payment_released"]);
    expect(stripe.fake.state.intent(first.intentId)).toMatchObject({ status: "canceled", amount_received: 0 });
    expect(stripe.fake.state.refunds.size).toBe(0);
    expect(await t.db.refund.count()).toBe(0);
    // Stripe's own events for the release change nothing more.
    await deliver(stripe.fake.state.lastEvent("charge.refunded", first.intentId));
    await deliver(stripe.fake.state.lastEvent("payment_intent.canceled", first.intentId));
    s = await state(first.bookingId);
    expect(s.payment).toMatchObject({ status: "RELEASED", refundedCents: 0 });
    expect(s.emails).toEqual(["late_payment_released"]);
    expect((await finalizeBookingPayment(first.bookingId)).outcome).toBe("not_paid");
    expect((await state(second.bookingId)).booking.status).toBe("CONFIRMED");
  });

  it("hold expiry never cancels an authorisation: one that arrived late confirms the booking", async () => {
    const held = await planned(addDays(new Date(), 3));
    await stripe.pay(held.intentId);
    await lapseHold(t.db, held.bookingId);
    await expireHoldsAndCancelIntents();
    const s = await state(held.bookingId);
    expect(stripe.fake.state.intent(held.intentId).status).toBe("requires_capture");
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.status).toBe("AUTHORIZED");
  });
});
