import { describe, expect, it } from "vitest";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { PaymentProviderError } from "../gateway";
import { requireGateway } from "../gateway-registry";

// The real stripe SDK against the fake Stripe API: mapping, idempotency and typed errors.
const stripe = useFakeStripe({ timeoutMs: 300 });

const input = (bookingId = "bk_test") => ({
  bookingId,
  slotId: "slot-1",
  email: "ada@example.com",
  amountCents: 1000,
  currency: "usd",
  idempotencyKey: `booking:${bookingId}:payment-intent`,
});

async function providerError(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentProviderError);
  return error as PaymentProviderError;
}

describe("Stripe gateway", () => {
  it("creates an intent with automatic payment methods and the booking in its metadata", async () => {
    const created = await requireGateway().createIntent(input());
    expect(created.status).toBe("requires_payment");
    expect(created.clientSecret).toMatch(new RegExp(`^${created.id}_secret_`));
    const stored = stripe.fake.state.intent(created.id);
    expect(stored.automatic_payment_methods).toEqual({ enabled: true });
    expect(stored.metadata).toEqual({ booking_id: "bk_test", slot_id: "slot-1", email: "ada@example.com" });
    const view = await requireGateway().retrieveIntent(created.id);
    expect(view).toMatchObject({ amountCents: 1000, currency: "usd", bookingId: "bk_test", refundedCents: 0, lastError: null });
  });

  it("never creates a second intent for the same idempotency key, even after a lost response", async () => {
    stripe.fake.failNext("timeout_after_apply");
    const lost = await providerError(requireGateway().createIntent(input()));
    expect(lost.kind).toBe("unavailable");
    expect(stripe.fake.state.intents.size).toBe(1);
    const retried = await requireGateway().createIntent(input());
    const again = await requireGateway().createIntent(input());
    expect(again.id).toBe(retried.id);
    expect(stripe.fake.state.intents.size).toBe(1);
    expect([...stripe.fake.state.intents.keys()]).toEqual([retried.id]);
  });

  it("rejects a reused idempotency key with other parameters", async () => {
    await requireGateway().createIntent(input());
    const error = await providerError(requireGateway().createIntent({ ...input(), amountCents: 2000 }));
    expect(error.kind).toBe("rejected");
    expect(error.code).toBe("payment_provider_unavailable");
  });

  it("maps 500s and outages to a retryable 503 that never shows Stripe's text", async () => {
    stripe.fake.outage("500");
    const error = await providerError(requireGateway().retrieveIntent("pi_missing"));
    expect(error.kind).toBe("unavailable");
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).not.toMatch(/injected/);
  });

  it("reports a missing intent as not_found", async () => {
    const error = await providerError(requireGateway().retrieveIntent("pi_missing"));
    expect(error.kind).toBe("not_found");
  });

  it("maps a declined card to requires_payment with our own failure message", async () => {
    const { id } = await requireGateway().createIntent(input());
    await stripe.pay(id, "pm_card_chargeDeclinedInsufficientFunds");
    const view = await requireGateway().retrieveIntent(id);
    expect(view.status).toBe("requires_payment");
    expect(view.lastError).toBe("The card has insufficient funds.");
    await stripe.pay(id, "pm_card_visa");
    expect((await requireGateway().retrieveIntent(id)).status).toBe("succeeded");
  });

  it("cancels an open intent and reports a succeeded one instead of failing", async () => {
    const open = await requireGateway().createIntent(input("bk_a"));
    expect((await requireGateway().cancelIntent(open.id)).status).toBe("canceled");
    expect((await requireGateway().cancelIntent(open.id)).status).toBe("canceled");
    const paid = await requireGateway().createIntent(input("bk_b"));
    await stripe.pay(paid.id);
    expect((await requireGateway().cancelIntent(paid.id)).status).toBe("succeeded");
  });

  it("refunds with an idempotency key and our refund id, and never more than was paid", async () => {
    const { id } = await requireGateway().createIntent(input());
    await stripe.pay(id);
    const g = requireGateway();
    const first = await g.refund({ intentId: id, amountCents: 400, idempotencyKey: "refund:1", appRefundId: "row-1", reason: "cancelled" });
    const replay = await g.refund({
      intentId: id,
      amountCents: 400,
      idempotencyKey: "refund:1",
      appRefundId: "row-1",
      reason: "cancelled",
    });
    expect(replay.id).toBe(first.id);
    expect(first).toMatchObject({ status: "succeeded", amountCents: 400, appRefundId: "row-1" });
    const tooMuch = await providerError(g.refund({ intentId: id, amountCents: 700, idempotencyKey: "refund:2" }));
    expect(tooMuch.kind).toBe("rejected");
    expect(tooMuch.providerCode).toBe("amount_too_large");
    expect((await g.retrieveIntent(id)).refundedCents).toBe(400);
    expect(await g.listRefunds(id)).toEqual([first]);
  });

  it("pages through every recent intent, reporting progress per page", async () => {
    for (let i = 0; i < 230; i++)
      stripe.fake.state.createIntent({ amount: 1000, currency: "usd", metadata: {}, automaticPaymentMethods: true });
    const progress: number[] = [];
    const ids: string[] = [];
    for await (const intent of requireGateway().listIntents({
      createdSince: new Date(Date.now() - 60_000),
      onProgress: (n) => progress.push(n),
    })) {
      ids.push(intent.id);
    }
    expect(new Set(ids).size).toBe(230);
    expect(progress).toEqual([100, 200, 230]);
    expect(stripe.fake.requests.filter((r) => r === "GET /v1/payment_intents")).toHaveLength(3);
  });

  it("fails fast when Stripe hangs", async () => {
    stripe.fake.failNext("timeout");
    const started = Date.now();
    const error = await providerError(requireGateway().retrieveIntent("pi_x"));
    expect(error.kind).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
