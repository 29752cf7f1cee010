import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startFakeStripe, type FakeStripeServer } from "./server";
import { AUTHORIZATION_VALIDITY_SECONDS } from "./state";

// The fake's manual capture, driven through the real SDK as the app will drive it: the
// states and events Stripe documents for "place a hold on a payment method".

let fake: FakeStripeServer;
let sdk: Stripe;
let now = 1_800_000_000;

beforeAll(async () => {
  fake = await startFakeStripe();
  const url = new URL(fake.url);
  sdk = new Stripe("sk_test_fake_0123456789", {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  now = 1_800_000_000;
  fake.state.clock = () => now;
});

async function authorised(amount = 1000) {
  const intent = await sdk.paymentIntents.create({ amount, currency: "usd", capture_method: "manual", metadata: { bookingId: "bk_1" } });
  fake.state.confirmIntent(intent.id, "pm_card_visa");
  return intent.id;
}

const types = () => fake.state.events.map((e) => e.type);

describe("fake Stripe: authorise then capture", () => {
  it("authorises without charging: requires_capture, amount_capturable, capture_before on the charge", async () => {
    const id = await authorised();
    const intent = await sdk.paymentIntents.retrieve(id, { expand: ["latest_charge"] });
    expect(intent.status).toBe("requires_capture");
    expect(intent.capture_method).toBe("manual");
    expect(intent.amount_capturable).toBe(1000);
    expect(intent.amount_received).toBe(0);
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge.captured).toBe(false);
    expect(charge.payment_method_details?.card?.capture_before).toBe(now + AUTHORIZATION_VALIDITY_SECONDS);
    expect(types()).toEqual(["payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated"]);
  });

  it("captures once: succeeded with the amount received; a second capture is refused", async () => {
    const id = await authorised();
    const captured = await sdk.paymentIntents.capture(id, {}, { idempotencyKey: `capture-${id}-1` });
    expect(captured.status).toBe("succeeded");
    expect(captured.amount_received).toBe(1000);
    expect(captured.amount_capturable).toBe(0);
    // The same idempotency key replays the first answer rather than failing.
    const replay = await sdk.paymentIntents.capture(id, {}, { idempotencyKey: `capture-${id}-1` });
    expect(replay.status).toBe("succeeded");
    await expect(sdk.paymentIntents.capture(id, {}, { idempotencyKey: `capture-${id}-2` })).rejects.toMatchObject({
      code: "payment_intent_unexpected_state",
    });
    expect(types().filter((t) => t === "payment_intent.succeeded")).toHaveLength(1);
  });

  it("a partial capture releases the rest", async () => {
    const id = await authorised(1000);
    const captured = await sdk.paymentIntents.capture(id, { amount_to_capture: 700 });
    expect(captured.amount_received).toBe(700);
    await expect(sdk.paymentIntents.capture(await authorised(500), { amount_to_capture: 501 })).rejects.toMatchObject({
      code: "amount_too_large",
    });
  });

  it("cancelling an authorisation releases it: canceled, nothing charged, no Refund object", async () => {
    const id = await authorised();
    const canceled = await sdk.paymentIntents.cancel(id, { cancellation_reason: "requested_by_customer" });
    expect(canceled.status).toBe("canceled");
    expect(canceled.amount_received).toBe(0);
    expect((await sdk.refunds.list({ payment_intent: id })).data).toEqual([]);
    expect(types().slice(-2)).toEqual(["charge.refunded", "payment_intent.canceled"]);
    await expect(sdk.paymentIntents.capture(id)).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
  });

  it("an authorisation past capture_before expires: canceled automatically, capture refused", async () => {
    const id = await authorised();
    now += AUTHORIZATION_VALIDITY_SECONDS - 1;
    expect(fake.state.expireAuthorizations()).toEqual([]);
    now += 1;
    expect(fake.state.expireAuthorizations()).toEqual([id]);
    const intent = await sdk.paymentIntents.retrieve(id);
    expect(intent.status).toBe("canceled");
    expect(intent.cancellation_reason).toBe("automatic");
    expect(types().slice(-2)).toEqual(["charge.expired", "payment_intent.canceled"]);
    await expect(sdk.paymentIntents.capture(id)).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
  });

  it("a capture the issuer declines answers 402 and leaves the authorisation capturable", async () => {
    const id = await authorised();
    fake.state.declineOnCapture.add(id);
    await expect(sdk.paymentIntents.capture(id)).rejects.toMatchObject({ type: "StripeCardError", code: "card_declined" });
    expect((await sdk.paymentIntents.retrieve(id)).status).toBe("requires_capture");
  });

  it("automatic capture is unchanged: confirm charges at once", async () => {
    const intent = await sdk.paymentIntents.create({ amount: 1000, currency: "usd" });
    fake.state.confirmIntent(intent.id, "pm_card_visa");
    const after = await sdk.paymentIntents.retrieve(intent.id, { expand: ["latest_charge"] });
    expect(after.status).toBe("succeeded");
    expect((after.latest_charge as Stripe.Charge).captured).toBe(true);
    expect((after.latest_charge as Stripe.Charge).payment_method_details?.card?.capture_before).toBeNull();
  });

  it("refuses an unknown capture_method", async () => {
    await expect(sdk.paymentIntents.create({ amount: 1000, currency: "usd", capture_method: "later" as "manual" })).rejects.toMatchObject({
      param: "capture_method",
    });
  });
});
