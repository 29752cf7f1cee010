import { describe, expect, it, vi } from "vitest";
import { testDbKind, useTestDatabase } from "@/tests/helpers/test-db";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking } from "@/tests/fakes/stripe/scenarios";
import { cancelAndRefund } from "./cancel-and-refund";
import { finalizeBookingPayment } from "./finalize";
import { refundPayment, retryPendingRefunds } from "./refunds";

const t = useTestDatabase();
const stripe = useFakeStripe();

async function paidBooking() {
  const held = await heldStripeBooking(t.db);
  await stripe.pay(held.intentId);
  await finalizeBookingPayment(held.bookingId);
  return held;
}

// PGlite runs one transaction at a time over one shared session: races prove something only on PostgreSQL.
const raceIt = it.runIf(testDbKind() === "postgres");

const chargeOf = (intentId: string) => stripe.fake.state.charges.get(stripe.fake.state.intent(intentId).latest_charge!)!;

describe("refundPayment with Stripe", () => {
  it("refunds once per idempotency key and queues one email", async () => {
    const held = await paidBooking();
    const request = { paymentId: held.paymentId, amountCents: 400, reason: "goodwill", idempotencyKey: "refund:test:once" };
    const first = await refundPayment(request);
    const second = await refundPayment(request);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ status: "SUCCEEDED", amountCents: 400 });
    expect(stripe.fake.state.refunds.size).toBe(1);
    const stripeRefund = [...stripe.fake.state.refunds.values()][0]!;
    expect(stripeRefund.metadata).toEqual({ app_refund_id: first.refundId, reason: "goodwill" });
    const payment = await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } });
    expect(payment).toMatchObject({ refundedCents: 400, status: "PARTIALLY_REFUNDED" });
    expect(await t.db.outboxEmail.count({ where: { kind: "payment_refunded" } })).toBe(1);
  });

  it("never refunds more than was paid", async () => {
    const held = await paidBooking();
    await refundPayment({ paymentId: held.paymentId, amountCents: 700, reason: "a", idempotencyKey: "refund:test:a" });
    await expect(
      refundPayment({ paymentId: held.paymentId, amountCents: 400, reason: "b", idempotencyKey: "refund:test:b" }),
    ).rejects.toMatchObject({
      code: "refund_not_allowed",
    });
    const rest = await refundPayment({ paymentId: held.paymentId, reason: "c", idempotencyKey: "refund:test:c" });
    expect(rest.amountCents).toBe(300);
    await expect(refundPayment({ paymentId: held.paymentId, reason: "d", idempotencyKey: "refund:test:d" })).rejects.toMatchObject({
      code: "refund_not_allowed",
    });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({
      refundedCents: 1000,
      status: "REFUNDED",
    });
    expect(chargeOf(held.intentId).amount_refunded).toBe(1000);
  });

  raceIt("keeps concurrent refunds within what was paid", async () => {
    const held = await paidBooking();
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) =>
        refundPayment({ paymentId: held.paymentId, amountCents: 400, reason: "race", idempotencyKey: `refund:test:race-${i}` }),
      ),
    );
    const ok = attempts.filter((a) => a.status === "fulfilled");
    expect(ok).toHaveLength(2);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ code: "refund_not_allowed" });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({ refundedCents: 800 });
    expect(chargeOf(held.intentId).amount_refunded).toBe(800);
  });

  raceIt("sends one refund when the same key races with itself", async () => {
    const held = await paidBooking();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        refundPayment({ paymentId: held.paymentId, amountCents: 500, reason: "double click", idempotencyKey: "refund:test:same" }),
      ),
    );
    expect(new Set(results.map((r) => r.refundId)).size).toBe(1);
    expect(stripe.fake.state.refunds.size).toBe(1);
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({ refundedCents: 500 });
  });

  it("keeps a refund pending through an outage and completes it on retry, once", async () => {
    const held = await paidBooking();
    stripe.fake.outage("500");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(
      refundPayment({ paymentId: held.paymentId, reason: "outage", idempotencyKey: "refund:test:outage" }),
    ).rejects.toMatchObject({
      code: "payment_provider_unavailable",
      status: 503,
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.refund_provider_error"));
    expect(await t.db.refund.findUniqueOrThrow({ where: { idempotencyKey: "refund:test:outage" } })).toMatchObject({ status: "PENDING" });
    // The reservation counts: nothing more can be refunded meanwhile.
    await expect(
      refundPayment({ paymentId: held.paymentId, amountCents: 1, reason: "x", idempotencyKey: "refund:test:x" }),
    ).rejects.toMatchObject({
      code: "refund_not_allowed",
    });
    expect(await retryPendingRefunds(new Date(Date.now() + 1000))).toBe(0);
    stripe.fake.restore();
    expect(await retryPendingRefunds(new Date(Date.now() + 1000))).toBe(1);
    expect(await retryPendingRefunds(new Date(Date.now() + 1000))).toBe(0);
    expect(stripe.fake.state.refunds.size).toBe(1);
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({
      refundedCents: 1000,
      status: "REFUNDED",
    });
  });

  it("frees the reservation when Stripe refuses the refund for good", async () => {
    const held = await paidBooking();
    // Refunded in the dashboard; the app has not heard yet.
    stripe.fake.state.createRefund({ paymentIntent: held.intentId, metadata: {}, reason: null });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(refundPayment({ paymentId: held.paymentId, reason: "late", idempotencyKey: "refund:test:late" })).rejects.toMatchObject({
      code: "refund_not_allowed",
    });
    expect(await t.db.refund.findUniqueOrThrow({ where: { idempotencyKey: "refund:test:late" } })).toMatchObject({ status: "FAILED" });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({ refundedCents: 0 });
  });
});

describe("cancelAndRefund with Stripe", () => {
  it("cancels a confirmed booking, refunds it by policy once, and keeps the one cancellation email", async () => {
    const held = await paidBooking();
    const result = await cancelAndRefund(held.bookingId, { reason: "visitor cancelled", refund: "policy" });
    expect(result).toMatchObject({ outcome: "cancelled", refundCents: 1000, refund: { status: "SUCCEEDED", amountCents: 1000 } });
    const again = await cancelAndRefund(held.bookingId, { reason: "visitor cancelled", refund: "policy" });
    expect(again).toMatchObject({ outcome: "already_cancelled", refund: null });
    expect(stripe.fake.state.refunds.size).toBe(1);
    const kinds = (await t.db.outboxEmail.findMany({ where: { bookingId: held.bookingId } })).map((e) => e.kind).sort();
    expect(kinds).toEqual(["booking_cancelled", "booking_confirmed", "fee_receipt"]);
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({
      status: "REFUNDED",
      refundedCents: 1000,
    });
  });
});
