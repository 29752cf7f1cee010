import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import { TEST_STRIPE_ENV, useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import type { FakeEvent } from "@/tests/fakes/stripe/state";
import { cancelAndRefund } from "./cancel-and-refund";
import { finalizeBookingPayment } from "./finalize";
import { expireHoldsAndCancelIntents } from "./hold-expiry";
import { reconcilePayments } from "./reconcile";
import { refundPayment } from "./refunds";
import { startBooking } from "./start-booking";

const t = useTestDatabase();
const stripe = useFakeStripe();
const root = path.resolve(import.meta.dirname, "../..");

async function deliver(event: FakeEvent) {
  const res = await webhook(stripe.webhookRequest(event));
  expect(res.status).toBe(200);
}

/** Every payment story the other tests tell, in one database. */
async function livePaymentHistory() {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  // Paid and confirmed by the visitor's call, then the webhook (duplicate delivery too).
  const paid = await heldStripeBooking(t.db);
  await stripe.pay(paid.intentId);
  await finalizeBookingPayment(paid.bookingId);
  const succeeded = stripe.fake.state.lastEvent("payment_intent.succeeded", paid.intentId);
  await deliver(succeeded);
  await deliver(succeeded);
  // Declined, then paid; the events arrive out of order. Confirmed by webhook alone (crash case).
  const retried = await heldStripeBooking(t.db);
  await stripe.pay(retried.intentId, "pm_card_chargeDeclined");
  const failed = stripe.fake.state.lastEvent("payment_intent.payment_failed", retried.intentId);
  await stripe.pay(retried.intentId);
  await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", retried.intentId));
  await deliver(failed);
  // A late payment on a slot someone else took: refunded in full.
  const late = await heldStripeBooking(t.db);
  await lapseHold(t.db, late.bookingId);
  const taker = await heldStripeBooking(t.db, { slotId: late.slotId });
  await stripe.pay(taker.intentId);
  await finalizeBookingPayment(taker.bookingId);
  await stripe.pay(late.intentId);
  await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", late.intentId));
  await deliver(stripe.fake.state.lastEvent("charge.refunded", late.intentId));
  // A partial refund in the dashboard the app learns of by webhook, then a cancellation.
  await stripe.fake.state.createRefund({ paymentIntent: paid.intentId, amount: 250, metadata: {}, reason: null });
  await deliver(stripe.fake.state.lastEvent("charge.refunded", paid.intentId));
  await cancelAndRefund(paid.bookingId, { refund: "full", reason: "changed plans" });
  // An app refund whose webhook beats the API answer.
  stripe.fake.failNext("timeout_after_apply", { match: /refunds/ });
  await refundPayment({ paymentId: retried.paymentId, amountCents: 100, reason: "goodwill", idempotencyKey: "refund:test:goodwill" }).catch(
    () => {},
  );
  await deliver(stripe.fake.state.lastEvent("charge.refunded", retried.intentId));
  // An abandoned hold whose intent is cancelled on expiry.
  const abandoned = await heldStripeBooking(t.db);
  await lapseHold(t.db, abandoned.bookingId);
  await expireHoldsAndCancelIntents();
  // Stripe down (and a lost answer) while placing holds: no booking, an unpaid orphan intent.
  const slot = await createSlot(t.db);
  stripe.fake.outage("500");
  await startBooking(bookingRequest(slot.id, { email: "down@example.com" }), { clientSession: "session-down-0123456789" }).catch(() => {});
  stripe.fake.restore();
  stripe.fake.failNext("timeout_after_apply");
  await startBooking(bookingRequest(slot.id, { email: "lost@example.com" }), { clientSession: "session-lost-0123456789" }).catch(() => {});
  vi.mocked(console.warn).mockRestore();
}

async function runScript(args: string[] = []) {
  const env = {
    ...process.env,
    ...TEST_STRIPE_ENV,
    STRIPE_API_BASE_URL: stripe.fake.url,
    DATABASE_URL: t.current.url,
    LOG_LEVEL: "warn",
  };
  return promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["scripts/reconcile-payments.ts", ...args], { cwd: root, env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
  );
}

describe("payment reconciliation", () => {
  it("finds nothing after every payment story, and reports each planted discrepancy", { timeout: 180_000 }, async () => {
    await livePaymentHistory();
    const clean = await reconcilePayments();
    expect(clean.discrepancies).toEqual([]);
    expect(clean.intentsChecked).toBe(6); // five bookings and the orphan of the lost answer
    expect(clean.paymentsChecked).toBe(5);

    const script = await runScript();
    expect(script.code).toBe(0);
    expect(script.stdout).toMatch(/PaymentIntents fetched from Stripe/);
    expect(script.stdout).toMatch(/0 discrepancies\./);

    // A charge Stripe took for a booking the app never stored.
    const stray = stripe.fake.state.createIntent({
      amount: 1000,
      currency: "usd",
      metadata: { booking_id: "bk_gone" },
      automaticPaymentMethods: true,
    });
    await stripe.pay(stray.id);
    // A payment row Stripe has never heard of, and one whose amount was changed.
    const someone = await heldStripeBooking(t.db);
    await t.db.payment.update({ where: { id: someone.paymentId }, data: { providerPaymentId: "pi_not_in_stripe" } });
    const changed = await heldStripeBooking(t.db);
    await t.db.payment.update({ where: { id: changed.paymentId }, data: { amountCents: 900 } });
    // Marked succeeded here; Stripe declined the card.
    const declined = await heldStripeBooking(t.db);
    await stripe.pay(declined.intentId, "pm_card_chargeDeclined");
    await t.db.payment.update({ where: { id: declined.paymentId }, data: { status: "SUCCEEDED", succeededAt: new Date() } });
    // Paid and confirmed, then refunded in full at Stripe; the webhook never came.
    const refunded = await heldStripeBooking(t.db);
    await stripe.pay(refunded.intentId);
    await finalizeBookingPayment(refunded.bookingId);
    stripe.fake.state.createRefund({ paymentIntent: refunded.intentId, amount: 1000, metadata: {}, reason: null });
    // A booking confirmed on an intent Stripe has as cancelled: no money at all.
    const cancelled = await heldStripeBooking(t.db);
    stripe.fake.state.cancelIntent(cancelled.intentId, null);
    await t.db.booking.update({
      where: { id: cancelled.bookingId },
      data: { status: "CONFIRMED", confirmedAt: new Date(), holdExpiresAt: null },
    });
    await t.db.payment.update({ where: { id: cancelled.paymentId }, data: { status: "SUCCEEDED", succeededAt: new Date() } });

    const planted = await reconcilePayments();
    expect(planted.discrepancies.map((d) => [d.kind, d.intentId]).sort()).toEqual(
      [
        ["paid_without_booking", stray.id],
        ["unknown_to_stripe", "pi_not_in_stripe"],
        ["amount_mismatch", changed.intentId],
        ["status_mismatch", declined.intentId],
        ["refund_mismatch", refunded.intentId],
        ["status_mismatch", refunded.intentId],
        ["status_mismatch", cancelled.intentId],
        ["booking_without_payment", cancelled.intentId],
      ].sort(),
    );
    expect(planted.discrepancies.find((d) => d.intentId === declined.intentId)?.detail).toBe(
      "Stripe says requires payment, app has succeeded",
    );
    expect(planted.discrepancies.find((d) => d.kind === "booking_without_payment")?.detail).toBe(
      "booking is confirmed but Stripe has the intent as canceled: no money taken",
    );

    const failing = await runScript(["--days", "7"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/DISCREPANCY paid_without_booking/);
    expect(failing.stdout).toMatch(/DISCREPANCY status_mismatch/);
    expect(failing.stdout).toMatch(/DISCREPANCY booking_without_payment/);
    expect(failing.stdout).toMatch(/8 discrepancies\./);
  });

  it(
    "knows authorised, captured, released and expired intents, and reports each authorisation discrepancy",
    { timeout: 120_000 },
    async () => {
      vi.spyOn(console, "warn").mockImplementation(() => {});
      const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
      const authorise = async (startsAt: Date, slotId?: string) => {
        const held = await heldStripeBooking(t.db, { startsAt, slotId, path: "planned" });
        await stripe.pay(held.intentId);
        return held;
      };
      // Authorised and confirmed; authorised then captured; a late authorisation released; one Stripe let expire.
      const authorised = await authorise(inDays(3));
      await deliver(stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", authorised.intentId));
      const captured = await authorise(inDays(3, 2));
      await finalizeBookingPayment(captured.bookingId);
      await stripe.sdk.paymentIntents.capture(captured.intentId);
      await deliver(stripe.fake.state.lastEvent("payment_intent.succeeded", captured.intentId));
      const lost = await heldStripeBooking(t.db, { startsAt: inDays(3, 4), path: "planned" });
      await lapseHold(t.db, lost.bookingId);
      const taker = await authorise(inDays(3, 4), lost.slotId);
      await finalizeBookingPayment(taker.bookingId);
      await stripe.pay(lost.intentId);
      await deliver(stripe.fake.state.lastEvent("payment_intent.amount_capturable_updated", lost.intentId));
      await deliver(stripe.fake.state.lastEvent("charge.refunded", lost.intentId));
      const expired = await authorise(inDays(3, 6));
      await finalizeBookingPayment(expired.bookingId);
      stripe.fake.state.authorizationValiditySeconds = 0;
      stripe.fake.state.charges.get(stripe.fake.state.intent(expired.intentId).latest_charge!)!.payment_method_details.card.capture_before =
        0;
      stripe.fake.state.expireAuthorizations();
      await deliver(stripe.fake.state.lastEvent("payment_intent.canceled", expired.intentId));
      expect((await t.db.payment.findUniqueOrThrow({ where: { id: lost.paymentId } })).status).toBe("RELEASED");
      expect((await t.db.payment.findUniqueOrThrow({ where: { id: expired.paymentId } })).status).toBe("CAPTURE_FAILED");
      expect((await reconcilePayments()).discrepancies).toEqual([]);

      stripe.fake.state.authorizationValiditySeconds = 7 * 86_400;
      // AUTHORIZED here, dropped at Stripe with no event heard.
      const dropped = await authorise(inDays(4));
      await finalizeBookingPayment(dropped.bookingId);
      stripe.fake.state.cancelIntent(dropped.intentId, "requested_by_customer");
      // Captured at Stripe (say, in the dashboard), the webhook never came.
      const unrecorded = await authorise(inDays(4, 2));
      await finalizeBookingPayment(unrecorded.bookingId);
      await stripe.sdk.paymentIntents.capture(unrecorded.intentId);
      // Still held at Stripe while the app says it released it.
      const stillHeld = await authorise(inDays(4, 4));
      await finalizeBookingPayment(stillHeld.bookingId);
      await t.db.payment.update({ where: { id: stillHeld.paymentId }, data: { status: "RELEASED", releasedAt: new Date() } });
      // Authorised, but no booking was ever confirmed for it (the events never came).
      const stray = await authorise(inDays(4, 6));

      const planted = await reconcilePayments();
      expect(planted.discrepancies.map((d) => [d.kind, d.intentId]).sort()).toEqual(
        [
          ["authorization_lost", dropped.intentId],
          ["capture_not_recorded", unrecorded.intentId],
          ["authorization_not_recorded", stillHeld.intentId],
          ["authorized_without_booking", stray.intentId],
        ].sort(),
      );
      expect(planted.discrepancies.find((d) => d.kind === "authorized_without_booking")?.detail).toBe(
        "$10 authorised and held on the card; booking is pending_payment; not released",
      );
      const script = await runScript();
      expect(script.code).toBe(1);
      expect(script.stdout).toMatch(/DISCREPANCY authorization_lost/);
      expect(script.stdout).toMatch(/4 discrepancies\./);
    },
  );

  it("reports a webhook that never arrived as money without a booking", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    const report = await reconcilePayments();
    expect(report.discrepancies).toMatchObject([{ kind: "paid_without_booking", intentId: held.intentId, bookingId: held.bookingId }]);
    await finalizeBookingPayment(held.bookingId);
    expect((await reconcilePayments()).discrepancies).toEqual([]);
  });

  it("pages through more intents than one page, printing progress", async () => {
    for (let i = 0; i < 120; i++)
      stripe.fake.state.createIntent({ amount: 1000, currency: "usd", metadata: {}, automaticPaymentMethods: true });
    const progress: number[] = [];
    const report = await reconcilePayments({ onProgress: (n) => progress.push(n) });
    expect(report.intentsChecked).toBe(120);
    expect(progress).toEqual([100, 120]);
    expect(report.discrepancies).toEqual([]);
  });

  it("refuses bad arguments", async () => {
    const bad = await runScript(["--days", "zero"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/usage/);
  });
});
