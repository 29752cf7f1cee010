import { addDays, addHours, addMinutes } from "date-fns";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createSlot } from "@/tests/helpers/factories";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { authorisedBooking, type AuthorisedOptions } from "@/tests/fakes/stripe/authorised";
import { rescheduleViaManageLink } from "@/lib/self-service/manage-booking";
import { cancelAndRefund, previewCancellationFee } from "./cancel-and-refund";
import { captureDuePayments, capturePaymentNow, releaseAuthorization } from "./capture";
import { CAPTURE_MARGIN_MS } from "./capture-plan";
import { recordCaptured } from "./capture-record";

// The capture job and its neighbours (ADR 125) against the fake Stripe through the real SDK.
// Authorised payments are made directly: a manual-capture intent confirmed at the fake
// (requires_capture) and its row AUTHORIZED, as finalize leaves them.

const t = useTestDatabase();
const stripe = useFakeStripe();

const authorised = (options: AuthorisedOptions = {}) => authorisedBooking(t.db, stripe, options);

const captureCalls = () => stripe.fake.requests.filter((line) => /^POST \/v1\/payment_intents\/[^/]+\/capture$/.test(line)).length;
const paymentOf = (id: string) => t.db.payment.findUniqueOrThrow({ where: { id } });
const emailsOf = (bookingId: string, kind: string) => t.db.outboxEmail.findMany({ where: { bookingId, kind } });
const setEnvNames = new Set<string>();
function setEnv(values: Record<string, string>) {
  for (const [k, v] of Object.entries(values)) {
    process.env[k] = v;
    setEnvNames.add(k);
  }
  resetEnvCache();
}
afterEach(() => {
  for (const k of setEnvNames) delete process.env[k];
  setEnvNames.clear();
  resetEnvCache();
});
const quiet = () => vi.spyOn(console, "warn").mockImplementation(() => {});

describe("the capture job", () => {
  it("captures a due authorisation exactly once when two runs race, and sends one receipt", async () => {
    const { paymentId, intentId, bookingId } = await authorised();
    const now = new Date();
    const [a, b] = await Promise.all([captureDuePayments(now), captureDuePayments(now)]);
    expect(a.captured + b.captured).toBe(1);
    expect(captureCalls()).toBe(1);
    expect(stripe.fake.state.intent(intentId).status).toBe("succeeded");
    expect(await paymentOf(paymentId)).toMatchObject({ status: "SUCCEEDED", captureAttempts: 1, capturedAt: now, succeededAt: now });
    const receipts = await emailsOf(bookingId, "fee_receipt");
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.payload).toMatchObject({
      feeCents: 1000,
      chargedAt: now.toISOString(),
      receiptNumber: expect.stringMatching(/^R-/),
    });
    // A later run finds nothing to do.
    expect(await captureDuePayments(addMinutes(now, 10))).toEqual({ captured: 0, failed: 0, retrying: 0, lost: 0, released: 0 });
  });

  it("an admin's capture racing the job charges once and records once", async () => {
    const { paymentId, bookingId } = await authorised();
    const now = new Date();
    const [, admin] = await Promise.all([captureDuePayments(now), capturePaymentNow(paymentId, now)]);
    expect(["captured", "already_captured", "retry_later"]).toContain(admin);
    expect(stripe.fake.state.events.filter((e) => e.type === "charge.captured")).toHaveLength(1);
    expect((await paymentOf(paymentId)).status).toBe("SUCCEEDED");
    expect(await emailsOf(bookingId, "fee_receipt")).toHaveLength(1);
  });

  it("leaves an authorisation alone before its capture time", async () => {
    const { paymentId } = await authorised({ captureAt: addHours(new Date(), 2) });
    expect((await captureDuePayments()).captured).toBe(0);
    expect(captureCalls()).toBe(0);
    expect(await paymentOf(paymentId)).toMatchObject({ status: "AUTHORIZED", captureAttempts: 0 });
  });

  it("records a capture whose answer was lost (a crash before our write) without capturing again", async () => {
    const { paymentId, intentId, bookingId } = await authorised();
    await stripe.sdk.paymentIntents.capture(intentId, {}, { idempotencyKey: `capture:${paymentId}:1` });
    expect(await captureDuePayments()).toMatchObject({ captured: 1, lost: 0 });
    expect(captureCalls()).toBe(1);
    expect((await paymentOf(paymentId)).status).toBe("SUCCEEDED");
    expect(await emailsOf(bookingId, "fee_receipt")).toHaveLength(1);
  });

  it("a capture the card declines loses the fee: CAPTURE_FAILED, the admin is told, the booking stands", async () => {
    setEnv({ ADMIN_NOTIFY_EMAIL: "owner@example.com" });
    quiet();
    const { paymentId, intentId, bookingId } = await authorised();
    stripe.fake.state.declineOnCapture.add(intentId);
    expect(await captureDuePayments()).toMatchObject({ captured: 0, lost: 1 });
    expect(await paymentOf(paymentId)).toMatchObject({
      status: "CAPTURE_FAILED",
      captureError: "The card was declined when the fee was captured.",
    });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CONFIRMED");
    const [alert] = await emailsOf(bookingId, "admin_fee_lost");
    expect(alert).toMatchObject({ toAddress: "owner@example.com", payload: expect.objectContaining({ feeCents: 1000 }) });
    expect(await emailsOf(bookingId, "fee_receipt")).toHaveLength(0);
  });

  it("retries with backoff while Stripe is down, then captures with the next attempt's key", async () => {
    quiet();
    const { paymentId, intentId } = await authorised();
    const now = new Date();
    stripe.fake.outage("500");
    expect(await captureDuePayments(now)).toMatchObject({ retrying: 1, captured: 0 });
    expect(await paymentOf(paymentId)).toMatchObject({
      status: "AUTHORIZED",
      captureAttempts: 1,
      nextCaptureAttemptAt: addMinutes(now, 5),
    });
    stripe.fake.restore();
    // Not due again before the backoff.
    expect(await captureDuePayments(addMinutes(now, 1))).toMatchObject({ retrying: 0, captured: 0 });
    expect(captureCalls()).toBe(0);
    expect(await captureDuePayments(addMinutes(now, 5))).toMatchObject({ captured: 1 });
    expect(await paymentOf(paymentId)).toMatchObject({ status: "SUCCEEDED", captureAttempts: 2 });
    expect(stripe.fake.state.intent(intentId).status).toBe("succeeded");
  });

  it("the backoff never reaches past the authorisation, and past it the fee is lost", async () => {
    quiet();
    const { paymentId, authorizedUntil } = await authorised();
    const late = addMinutes(authorizedUntil, -2);
    stripe.fake.outage("500");
    expect(await captureDuePayments(late)).toMatchObject({ retrying: 1 });
    expect((await paymentOf(paymentId)).nextCaptureAttemptAt).toEqual(authorizedUntil);
    expect(await captureDuePayments(authorizedUntil)).toMatchObject({ lost: 1 });
    expect((await paymentOf(paymentId)).status).toBe("CAPTURE_FAILED");
  });

  it("an authorisation that expired at Stripe is a lost fee", async () => {
    quiet();
    const { paymentId, authorizedUntil } = await authorised();
    const clock = stripe.fake.state.clock;
    stripe.fake.state.clock = () => Math.floor(authorizedUntil.getTime() / 1000);
    stripe.fake.state.expireAuthorizations();
    stripe.fake.state.clock = clock;
    expect(await captureDuePayments()).toMatchObject({ lost: 1 });
    expect(captureCalls()).toBe(0);
    expect(await paymentOf(paymentId)).toMatchObject({ status: "CAPTURE_FAILED", captureError: expect.stringMatching(/expired/) });
  });

  it("never captures a cancelled booking's authorisation: it releases it", async () => {
    const { paymentId, intentId, bookingId } = await authorised();
    await t.db.booking.update({ where: { id: bookingId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect(await captureDuePayments()).toMatchObject({ captured: 0, released: 1 });
    expect(captureCalls()).toBe(0);
    expect(stripe.fake.state.intent(intentId).status).toBe("canceled");
    expect((await paymentOf(paymentId)).status).toBe("RELEASED");
    await expect(capturePaymentNow(paymentId)).rejects.toMatchObject({ code: "invalid_transition" });
  });

  it("demo authorisations are captured and released without a gateway", async () => {
    const due = await authorised({ provider: "DEMO", startsAt: addDays(new Date(), 4) });
    const other = await authorised({ provider: "DEMO", startsAt: addDays(new Date(), 5), captureAt: addDays(new Date(), 2) });
    expect(await captureDuePayments()).toMatchObject({ captured: 1 });
    expect((await paymentOf(due.paymentId)).status).toBe("SUCCEEDED");
    expect((await emailsOf(due.bookingId, "fee_receipt"))[0]!.payload).toMatchObject({ demoPayment: true });
    expect(await releaseAuthorization(other.paymentId)).toBe("released");
    expect(await releaseAuthorization(other.paymentId)).toBe("already_released");
    expect(await releaseAuthorization(due.paymentId)).toBe("not_authorized");
    expect(stripe.fake.requests).toHaveLength(0);
  });
});

describe("recording outcomes", () => {
  it("recordCaptured moves the row once inside a caller's transaction, and the receipt is queued once", async () => {
    const { paymentId, bookingId } = await authorised();
    const now = new Date();
    expect(await t.db.$transaction((tx) => recordCaptured(tx, paymentId, now))).toBe(true);
    expect(await recordCaptured(t.db, paymentId, now)).toBe(false);
    expect(await emailsOf(bookingId, "fee_receipt")).toHaveLength(1);
  });
});

describe("cancelling an authorised booking", () => {
  it("before the deadline releases the authorisation: intent canceled, RELEASED, no Refund at all", async () => {
    const { paymentId, intentId, bookingId } = await authorised({ captureAt: addDays(new Date(), 3) });
    expect(await previewCancellationFee(bookingId)).toEqual({
      feeOutcome: "released",
      refundCents: 0,
      feeCents: 1000,
      currency: "usd",
      authorized: true,
    });
    const result = await cancelAndRefund(bookingId, { reason: "Plans changed" });
    expect(result).toMatchObject({ outcome: "cancelled", feeOutcome: "released", refundCents: 0, refund: null });
    expect(stripe.fake.state.intent(intentId).status).toBe("canceled");
    expect([...stripe.fake.state.refunds.values()]).toEqual([]);
    expect(await t.db.refund.count()).toBe(0);
    expect(await paymentOf(paymentId)).toMatchObject({ status: "RELEASED", releasedAt: expect.any(Date) });
    expect(captureCalls()).toBe(0);
    const [email] = await emailsOf(bookingId, "booking_cancelled");
    expect(email!.payload).toMatchObject({ authorizationOutcome: "released", feeCents: 1000, refundCents: 0 });
  });

  it("when Stripe is down, the booking is cancelled and the job releases the authorisation later", async () => {
    quiet();
    const { paymentId, intentId, bookingId } = await authorised({ captureAt: addMinutes(new Date(), 30) });
    stripe.fake.outage("500");
    expect(await cancelAndRefund(bookingId)).toMatchObject({ outcome: "cancelled", feeOutcome: "released" });
    expect((await paymentOf(paymentId)).status).toBe("AUTHORIZED");
    stripe.fake.restore();
    // Even once the capture time has come, the job releases rather than captures.
    expect(await captureDuePayments(addHours(new Date(), 1))).toMatchObject({ released: 1, captured: 0 });
    expect(stripe.fake.state.intent(intentId).status).toBe("canceled");
    expect(captureCalls()).toBe(0);
    expect(await t.db.refund.count()).toBe(0);
  });

  it("inside the refund window the business keeps the fee: captured now, and a receipt", async () => {
    const { paymentId, intentId, bookingId } = await authorised({ startsAt: addHours(new Date(), 12) });
    expect((await previewCancellationFee(bookingId)).feeOutcome).toBe("kept");
    expect(await cancelAndRefund(bookingId)).toMatchObject({ outcome: "cancelled", feeOutcome: "kept", refundCents: 0 });
    expect(stripe.fake.state.intent(intentId).status).toBe("succeeded");
    expect((await paymentOf(paymentId)).status).toBe("SUCCEEDED");
    expect(await emailsOf(bookingId, "fee_receipt")).toHaveLength(1);
    expect((await emailsOf(bookingId, "booking_cancelled"))[0]!.payload).toMatchObject({ authorizationOutcome: "kept" });
  });

  it("admin choices: full releases even inside the window, none captures; a kept fee survives a Stripe outage", async () => {
    quiet();
    const full = await authorised({ startsAt: addHours(new Date(), 12) });
    expect(await cancelAndRefund(full.bookingId, { refund: "full" })).toMatchObject({ feeOutcome: "released" });
    expect((await paymentOf(full.paymentId)).status).toBe("RELEASED");

    const kept = await authorised({ captureAt: addDays(new Date(), 3) });
    stripe.fake.outage("500");
    expect(await cancelAndRefund(kept.bookingId, { refund: "none" })).toMatchObject({ feeOutcome: "kept" });
    expect((await paymentOf(kept.paymentId)).status).toBe("AUTHORIZED");
    stripe.fake.restore();
    // The job captures it (the business kept the fee), it does not release it.
    expect(await captureDuePayments(addMinutes(new Date(), 10))).toMatchObject({ captured: 1, released: 0 });
    expect((await paymentOf(kept.paymentId)).status).toBe("SUCCEEDED");
  });
});

describe("previewing a cancellation's fee", () => {
  it("says refunded for a charged fee, kept inside the window, none without a payment", async () => {
    const paid = await seedBooking(t.db, { paidCents: 1000, startsAt: addDays(new Date(), 3) });
    expect(await previewCancellationFee(paid.booking.id)).toMatchObject({ feeOutcome: "refunded", refundCents: 1000, authorized: false });
    const late = await seedBooking(t.db, { paidCents: 1000, startsAt: addHours(new Date(), 5) });
    expect(await previewCancellationFee(late.booking.id)).toMatchObject({ feeOutcome: "kept", refundCents: 0, feeCents: 1000 });
    const free = await seedBooking(t.db, { priceCents: 0 });
    expect(await previewCancellationFee(free.booking.id)).toMatchObject({ feeOutcome: "none", refundCents: 0 });
  });
});

describe("rescheduling an authorised booking", () => {
  it("moves the capture with the refund deadline, and to the authorisation's limit when the deadline is beyond it", async () => {
    const now = new Date();
    const { paymentId, token, authorizedUntil } = await authorised({ startsAt: addDays(now, 3), captureAt: addDays(now, 2) });
    const later = await createSlot(t.db, { startsAt: addDays(now, 5) });
    await rescheduleViaManageLink(token, later.id, now);
    expect(await paymentOf(paymentId)).toMatchObject({ captureAt: addHours(later.startsAt, -24), capturePlanReason: "refund_deadline" });

    // Beyond what the authorisation covers: captured at its own limit, before the new deadline.
    const muchLater = await createSlot(t.db, { startsAt: addDays(now, 12) });
    await rescheduleViaManageLink(token, muchLater.id, now);
    const moved = await paymentOf(paymentId);
    expect(moved.captureAt).toEqual(new Date(authorizedUntil.getTime() - CAPTURE_MARGIN_MS));
    expect(moved.status).toBe("AUTHORIZED");
  });

  it("a move inside the refund window makes the capture due now", async () => {
    const now = new Date();
    const { paymentId, token } = await authorised({ startsAt: addDays(now, 4), captureAt: addDays(now, 3) });
    const soon = await createSlot(t.db, { startsAt: addHours(now, 26) });
    setEnv({ REFUND_POLICY: "hours_before:48" });
    await rescheduleViaManageLink(token, soon.id, now);
    expect(await paymentOf(paymentId)).toMatchObject({ captureAt: now, capturePlanReason: "deadline_passed" });
    expect(await captureDuePayments(now)).toMatchObject({ captured: 1 });
  });
});
