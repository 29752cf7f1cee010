import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { resetEnvCache } from "@/lib/env";
import { testDbKind, useTestDatabase } from "@/tests/helpers/test-db";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import type { FakeEvent } from "@/tests/fakes/stripe/state";
import { getBookingDetail } from "@/lib/admin/booking-detail";
import { listPayments } from "@/lib/admin/payments-query";
import { renderEmail } from "@/lib/email/render";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import { finalizeBookingPayment } from "../finalize";
import { refundPayment } from "../refunds";

const t = useTestDatabase();
const stripe = useFakeStripe();
const setEnv = useTestEnv();

async function deliver(event: FakeEvent, options?: Parameters<typeof stripe.webhookRequest>[1]) {
  const response = await POST(stripe.webhookRequest(event, options));
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: { code: string; message: string } } };
}

async function state(bookingId: string) {
  const booking = await t.db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { payment: { include: { refunds: true } } } });
  const emails = await t.db.outboxEmail.findMany({ where: { bookingId }, orderBy: { createdAt: "asc" } });
  // Sorted: emails queued in one transaction share their creation time.
  return { booking, payment: booking.payment!, emails: emails.map((e) => e.kind).sort() };
}

describe("POST /api/webhooks/stripe", () => {
  it("confirms the booking on payment_intent.succeeded and records the event", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    const res = await deliver(event);
    expect(res).toEqual({ status: 200, body: { received: true, outcome: "processed" } });
    const s = await state(held.bookingId);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.booking.meetingUrl).toBeTruthy();
    expect(s.emails).toEqual(["booking_confirmed", "fee_receipt"]);
    const recorded = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(recorded.processedAt).not.toBeNull();
    expect(recorded.type).toBe("payment_intent.succeeded");
  });

  it("rejects forged, tampered, missing and stale signatures with 400 and changes nothing", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const attempts = [
      await deliver(event, { secret: "whsec_someone_else" }),
      await deliver(event, { body: JSON.stringify({ ...event, id: "evt_forged" }) }),
      await deliver(event, { signature: null }),
      await deliver(event, { signature: "t=1,v1=deadbeef" }),
      await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 60 * 60 }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("bad_request");
    }
    expect(warn).toHaveBeenCalledTimes(attempts.length);
    expect((await state(held.bookingId)).booking.status).toBe("PENDING_PAYMENT");
    expect(await t.db.webhookEvent.count()).toBe(0);
  });

  it("logs one structured line per delivery and per booking change, with ids and outcome and no secrets", async () => {
    vi.stubEnv("LOG_LEVEL", "info");
    resetEnvCache();
    const lines: string[] = [];
    vi.spyOn(console, "info").mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      const held = await heldStripeBooking(t.db);
      await stripe.pay(held.intentId);
      const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
      await deliver(event);
      await deliver(event);
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const common = { eventId: event.id, type: "payment_intent.succeeded", bookingId: held.bookingId };
      expect(parsed.filter((l) => String(l.event).startsWith("webhook."))).toEqual([
        expect.objectContaining({ level: "info", event: "webhook.processed", ...common, outcome: "processed" }),
        expect.objectContaining({ level: "info", event: "webhook.not_claimed", ...common, outcome: "duplicate" }),
      ]);
      expect(parsed).toContainEqual(expect.objectContaining({ event: "booking.confirmed", bookingId: held.bookingId }));
      const all = lines.join("\n");
      for (const secret of [held.clientSecret, "_secret_", "whsec_", "sk_test", "4242", "@example.com"]) expect(all).not.toContain(secret);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("treats a second delivery of the same event as a no-op", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    expect((await deliver(event)).body.outcome).toBe("processed");
    const retrievals = stripe.fake.requests.length;
    expect((await deliver(event)).body.outcome).toBe("duplicate");
    expect(stripe.fake.requests.length).toBe(retrievals);
    expect((await state(held.bookingId)).emails).toEqual(["booking_confirmed", "fee_receipt"]);
    expect(await t.db.webhookEvent.count()).toBe(1);
  });

  it("answers 200 to event types it does not handle, without recording them", async () => {
    const held = await heldStripeBooking(t.db);
    const created = stripe.fake.state.lastEvent("payment_intent.created", held.intentId);
    expect(await deliver(created)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect(await t.db.webhookEvent.count()).toBe(0);
  });

  it("marks a declined payment failed and keeps the hold so the visitor can retry", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId, "pm_card_chargeDeclined");
    await deliver(stripe.fake.state.lastEvent("payment_intent.payment_failed", held.intentId));
    let s = await state(held.bookingId);
    expect(s.payment.status).toBe("FAILED");
    expect(s.payment.failureMessage).toBe("The payment was declined. Please try another card.");
    expect(s.booking.status).toBe("PENDING_PAYMENT");
    expect(s.booking.holdExpiresAt).not.toBeNull();

    await stripe.pay(held.intentId, "pm_card_visa");
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    s = await state(held.bookingId);
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.booking.status).toBe("CONFIRMED");
  });

  it("cannot undo a success with a payment_failed event that arrives late", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId, "pm_card_chargeDeclined");
    const failed = stripe.fake.state.lastEvent("payment_intent.payment_failed", held.intentId);
    await stripe.pay(held.intentId, "pm_card_visa");
    const succeeded = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    // Delivered out of order: success first, then the older failure.
    await deliver(succeeded);
    await deliver(failed);
    let s = await state(held.bookingId);
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.booking.status).toBe("CONFIRMED");
    // And the failure first: its handler re-fetches, sees the success and settles it.
    const other = await heldStripeBooking(t.db);
    await stripe.pay(other.intentId, "pm_card_chargeDeclined");
    const otherFailed = stripe.fake.state.lastEvent("payment_intent.payment_failed", other.intentId);
    await stripe.pay(other.intentId, "pm_card_visa");
    await deliver(otherFailed);
    s = await state(other.bookingId);
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.booking.status).toBe("CONFIRMED");
  });

  it("recovers a crash between the charge and the confirmation", async () => {
    const held = await heldStripeBooking(t.db);
    // The card is charged, then the visitor's confirm-payment call never arrives.
    await stripe.pay(held.intentId);
    expect((await state(held.bookingId)).payment.status).toBe("REQUIRES_PAYMENT");
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    const s = await state(held.bookingId);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.status).toBe("SUCCEEDED");
  });

  it("confirms a late payment when the slot is still free", async () => {
    const held = await heldStripeBooking(t.db);
    await lapseHold(t.db, held.bookingId);
    await stripe.pay(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    expect((await state(held.bookingId)).booking.status).toBe("CONFIRMED");
  });

  it("refunds in full a late payment on a slot someone else took, and queues the email", async () => {
    const first = await heldStripeBooking(t.db);
    await lapseHold(t.db, first.bookingId);
    const second = await heldStripeBooking(t.db, { slotId: first.slotId });
    await stripe.pay(second.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", second.intentId));

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await stripe.pay(first.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", first.intentId));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.late_for_taken_slot"));

    const s = await state(first.bookingId);
    expect(s.booking.status).toBe("EXPIRED");
    expect(s.payment.status).toBe("REFUNDED");
    expect(s.payment.refundedCents).toBe(1000);
    expect(s.payment.refunds).toMatchObject([{ status: "SUCCEEDED", amountCents: 1000 }]);
    expect(s.emails).toEqual(["late_payment_refunded"]);
    expect(stripe.fake.state.charges.get(stripe.fake.state.intent(first.intentId).latest_charge!)!.amount_refunded).toBe(1000);
    expect((await state(second.bookingId)).booking.status).toBe("CONFIRMED");

    // Stripe's charge.refunded for that refund changes nothing more.
    await deliver(stripe.fake.state.lastEvent("charge.refunded", first.intentId));
    const after = await state(first.bookingId);
    expect(after.payment.refundedCents).toBe(1000);
    expect(after.payment.refunds).toHaveLength(1);
    expect(after.emails).toEqual(["late_payment_refunded"]);
  });

  it("records a refund made in the Stripe dashboard before the app knew of it", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    stripe.fake.state.createRefund({ paymentIntent: held.intentId, amount: 300, metadata: {}, reason: "requested_by_customer" });
    await deliver(stripe.fake.state.lastEvent("charge.refunded", held.intentId));
    const s = await state(held.bookingId);
    expect(s.payment.status).toBe("PARTIALLY_REFUNDED");
    expect(s.payment.refundedCents).toBe(300);
    expect(s.payment.refunds).toMatchObject([{ status: "SUCCEEDED", amountCents: 300, reason: "Refunded outside the app" }]);
    expect(s.emails).toEqual(["booking_confirmed", "fee_receipt", "payment_refunded"]);

    // The app's own refund of the rest then counts on top, once.
    await refundPayment({ paymentId: held.paymentId, reason: "goodwill", idempotencyKey: "refund:test:rest" });
    await deliver(stripe.fake.state.lastEvent("charge.refunded", held.intentId));
    const after = await state(held.bookingId);
    expect(after.payment.refundedCents).toBe(1000);
    expect(after.payment.status).toBe("REFUNDED");
    expect(after.payment.refunds).toHaveLength(2);
  });

  it("shows a dashboard refund on a confirmed booking as refunded outside the app, and tells the admin once per refund", async () => {
    setEnv({ ADMIN_NOTIFY_EMAIL: "owner@example.com" });
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    expect((await getBookingDetail(held.bookingId))?.refundedOutsideApp).toBe(false);

    stripe.fake.state.createRefund({ paymentIntent: held.intentId, amount: 300, metadata: {}, reason: null });
    const first = stripe.fake.state.lastEvent("charge.refunded", held.intentId);
    await deliver(first);
    await deliver(first);
    const notices = () =>
      t.db.outboxEmail.findMany({
        where: { bookingId: held.bookingId, kind: "admin_refunded_outside_app" },
        orderBy: { createdAt: "asc" },
      });
    expect(await notices()).toMatchObject([{ toAddress: "owner@example.com", status: "PENDING" }]);
    const detail = await getBookingDetail(held.bookingId);
    expect(detail).toMatchObject({ status: "CONFIRMED", refundedOutsideApp: true });
    const listed = (await listPayments({ page: 1 })).rows.find((p) => p.bookingId === held.bookingId);
    expect(listed?.refundedOutsideApp).toBe(true);

    // A second dashboard refund is a second notice; a redelivered event is not.
    stripe.fake.state.createRefund({ paymentIntent: held.intentId, amount: 200, metadata: {}, reason: null });
    await deliver(stripe.fake.state.lastEvent("charge.refunded", held.intentId));
    await deliver(first);
    const both = await notices();
    expect(both).toHaveLength(2);
    const rendered = await renderEmail({ kind: both[0]!.kind, payload: both[0]!.payload, queuedAt: both[0]!.createdAt });
    expect(rendered.subject).toMatch(/^Refunded outside the app: Ada Lovelace, /);
    expect(rendered.text).toMatch(/refund of \$3 was made outside the app/i);

    // The app's own refunds are not "outside the app", and a cancelled booking is no longer flagged.
    await refundPayment({ paymentId: held.paymentId, amountCents: 100, reason: "goodwill", idempotencyKey: "refund:test:own" });
    expect(await notices()).toHaveLength(2);
    await t.db.booking.update({ where: { id: held.bookingId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect((await getBookingDetail(held.bookingId))?.refundedOutsideApp).toBe(false);
  });

  it("settles the payment first when the refund event is the first the app hears of it", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    stripe.fake.state.createRefund({ paymentIntent: held.intentId, metadata: {}, reason: null });
    await deliver(stripe.fake.state.lastEvent("charge.refunded", held.intentId));
    const s = await state(held.bookingId);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.status).toBe("REFUNDED");
    expect(s.payment.refundedCents).toBe(1000);
  });

  it("counts a refund once when its webhook beats the app's own bookkeeping", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId));
    // The refund reaches Stripe but its answer is lost: the row stays PENDING.
    stripe.fake.failNext("timeout_after_apply", { match: /refunds/ });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(
      refundPayment({ paymentId: held.paymentId, amountCents: 400, reason: "partial", idempotencyKey: "refund:test:partial" }),
    ).rejects.toMatchObject({
      code: "payment_provider_unavailable",
    });
    expect(warn).toHaveBeenCalled();
    await deliver(stripe.fake.state.lastEvent("charge.refunded", held.intentId));
    let s = await state(held.bookingId);
    expect(s.payment.refundedCents).toBe(400);
    expect(s.payment.refunds).toMatchObject([{ status: "SUCCEEDED", amountCents: 400, idempotencyKey: "refund:test:partial" }]);
    // The caller's retry finds the settled refund; Stripe still has exactly one.
    const retry = await refundPayment({
      paymentId: held.paymentId,
      amountCents: 400,
      reason: "partial",
      idempotencyKey: "refund:test:partial",
    });
    expect(retry.status).toBe("SUCCEEDED");
    s = await state(held.bookingId);
    expect(s.payment.refundedCents).toBe(400);
    expect(stripe.fake.state.refunds.size).toBe(1);
  });

  it("marks a canceled intent and releases a hold that can no longer be paid", async () => {
    const held = await heldStripeBooking(t.db);
    stripe.fake.state.cancelIntent(held.intentId, "requested_by_customer");
    await deliver(stripe.fake.state.lastEvent("payment_intent.canceled", held.intentId));
    const s = await state(held.bookingId);
    expect(s.payment.status).toBe("CANCELED");
    expect(s.booking.status).toBe("EXPIRED");
  });

  it("answers 503 while Stripe is down, records nothing, and processes the redelivery", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    stripe.fake.outage("500");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const down = await deliver(event);
    expect(down.status).toBe(503);
    expect(down.body.error?.message).not.toMatch(/injected|stripe/i);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("webhook.handler_failed"));
    expect(await t.db.webhookEvent.count()).toBe(0);
    stripe.fake.restore();
    expect((await deliver(event)).body.outcome).toBe("processed");
    expect((await state(held.bookingId)).booking.status).toBe("CONFIRMED");
  });

  it("ignores events for intents the app never stored", async () => {
    const intent = stripe.fake.state.createIntent({ amount: 1000, currency: "usd", metadata: {}, automaticPaymentMethods: true });
    await stripe.pay(intent.id);
    expect((await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", intent.id))).body.outcome).toBe("processed");
    expect(await t.db.booking.count()).toBe(0);
  });

  // A race proves something only on PostgreSQL (PGlite runs one transaction at a time).
  it.runIf(testDbKind() === "postgres")("lets exactly one of concurrent deliveries of an event do the work", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    const results = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    const outcomes = results.map((r) => r.body.outcome).sort();
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    for (const r of results) expect([200, 409]).toContain(r.status);
    const s = await state(held.bookingId);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.emails).toEqual(["booking_confirmed", "fee_receipt"]);
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).processedAt).not.toBeNull();
  });

  it.runIf(testDbKind() === "postgres")("confirms once when the visitor's call and the webhook race", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const event = stripe.fake.state.lastEvent("payment_intent.succeeded", held.intentId);
    const [a, , b] = await Promise.all([finalizeBookingPayment(held.bookingId), deliver(event), finalizeBookingPayment(held.bookingId)]);
    expect([a.outcome, b.outcome].sort()).toEqual(expect.arrayContaining([expect.stringMatching(/confirmed/)]));
    const s = await state(held.bookingId);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payment.status).toBe("SUCCEEDED");
    expect(s.emails).toEqual(["booking_confirmed", "fee_receipt"]);
  });
});
