import "server-only";
import { getDb, isUniqueViolation, type DbOrTx } from "@/lib/db";
import type { PaymentStatus } from "@/lib/db/generated/enums";
import { paymentMode } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { UNSETTLED_PAYMENT_STATUSES, isAuthorizedStatus, isSettledOutsideStatus } from "@/lib/status/payment-status";
import { confirmBooking, type ConfirmOutcome } from "@/lib/booking/transitions";
import { lateRevivalRefusal } from "@/lib/booking/late-revival";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { meetingLinkFor, meetingRequestFor } from "@/lib/meetings/links";
import { bookingCapturePlan } from "./booking-capture-plan";
import { ASSUMED_AUTHORIZATION_MS } from "./capture-plan";
import { recordCaptured, recordReleased } from "./capture-record";
import { visitorDeadline, type Deadline } from "./deadline";
import { PaymentProviderError, type IntentView } from "./gateway";
import { requireGateway } from "./gateway-registry";
import { refundPayment } from "./refunds";

// Finalising a payment: one function for the visitor's confirm-payment call, the return
// page and every Stripe webhook. It trusts only the provider's own record of the payment
// (re-fetched, never an event snapshot), moves payment and booking together in one
// transaction, and is idempotent: a late or repeated call cannot undo a success.
// An authorisation (manual capture, ADR 121) confirms the booking exactly like a charge;
// the fee is captured later by the capture job.

export type FinalizeOutcome =
  | "confirmed"
  /** Confirmed on an authorisation: the card is held and charged at the payment's captureAt. */
  | "authorized"
  | "already_confirmed"
  | "refunded_slot_taken"
  /** Authorised after the slot was taken: the authorisation was cancelled, nothing charged. */
  | "released_slot_taken"
  | "processing"
  | "not_paid"
  | "already_refunded";

export type FinalizeResult = { outcome: FinalizeOutcome; bookingId: string };

/** How the provider secured the fee: taken now, or authorised until a time. */
export type Settlement = { kind: "charged" } | { kind: "authorized"; authorizedUntil: Date };

const SETTLEABLE: PaymentStatus[] = ["REQUIRES_PAYMENT", "PROCESSING", "FAILED", "CANCELED"];

const AFTER_AUTHORIZATION: PaymentStatus[] = ["AUTHORIZED", "RELEASED", "CAPTURE_FAILED"];

class SlotLost extends Error {}

/** Conditional: a payment already succeeded, refunded or being refunded is left alone. */
function markPaymentSucceeded(db: DbOrTx, paymentId: string, now: Date) {
  return db.payment.updateMany({
    where: { id: paymentId, status: { in: SETTLEABLE } },
    data: { status: "SUCCEEDED", succeededAt: now, capturedAt: now, failureMessage: null },
  });
}

/**
 * Conditional like a success: an authorisation reported after the capture (events in any
 * order) cannot take a SUCCEEDED payment back. The capture time is re-planned on the charge's
 * real capture_before; a plan that now says "charge now" is due at once for the capture job.
 */
async function markPaymentAuthorized(db: DbOrTx, paymentId: string, startsAt: Date, authorizedUntil: Date, now: Date) {
  const plan = await bookingCapturePlan(db, startsAt, now, authorizedUntil);
  return db.payment.updateMany({
    where: { id: paymentId, status: { in: SETTLEABLE } },
    data: {
      status: "AUTHORIZED",
      captureMethod: "MANUAL",
      authorizedAt: now,
      authorizedUntil,
      captureAt: plan.kind === "authorize" ? plan.captureAt : now,
      capturePlanReason: plan.reason,
      failureMessage: null,
    },
  });
}

function markSettled(db: DbOrTx, paymentId: string, settlement: Settlement, startsAt: Date, now: Date) {
  return settlement.kind === "charged"
    ? markPaymentSucceeded(db, paymentId, now)
    : markPaymentAuthorized(db, paymentId, startsAt, settlement.authorizedUntil, now);
}

/** A confirmed payment whose booking cannot be confirmed is refunded in full. */
async function refundLatePayment(bookingId: string, paymentId: string, now: Date): Promise<FinalizeResult> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await markPaymentSucceeded(tx, paymentId, now);
    const snapshot = await bookingEmailSnapshot(tx, bookingId);
    await enqueueEmail(tx, { kind: "late_payment_refunded", bookingId, to: snapshot.email, payload: snapshot });
  });
  log("warn", "payment.late_for_taken_slot", { bookingId, paymentId });
  // If Stripe is down now, the refund stays PENDING (retried by retryPendingRefunds) and
  // the error reaches the caller, so a webhook is redelivered too.
  await refundPayment({ paymentId, reason: "slot_taken", idempotencyKey: `refund:${paymentId}:slot-taken`, notify: false });
  return { outcome: "refunded_slot_taken", bookingId };
}

/**
 * An authorisation whose booking cannot be confirmed is cancelled at the provider first
 * (nothing charged, no Refund ever), then recorded RELEASED. If the cancel fails the error
 * reaches the caller (a webhook is redelivered) and nothing is recorded.
 */
async function releaseLateAuthorization(bookingId: string, paymentId: string, startsAt: Date, settlement: Settlement, now: Date) {
  const db = await getDb();
  const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (payment.provider === "STRIPE") {
    const intent = await requireGateway().cancelIntent(payment.providerPaymentId);
    // Captured meanwhile (in the dashboard): money was taken, so it goes back as a refund.
    if (intent.status === "succeeded") return refundLatePayment(bookingId, paymentId, now);
    // Anything else is not released yet: retryable, so a webhook comes back later.
    if (intent.status !== "canceled") throw new PaymentProviderError("unavailable", "authorization_not_released");
  }
  await db.$transaction(async (tx) => {
    await markSettled(tx, paymentId, settlement, startsAt, now);
    if (!(await recordReleased(tx, paymentId, now))) return;
    const snapshot = await bookingEmailSnapshot(tx, bookingId);
    await enqueueEmail(tx, {
      kind: "late_payment_released",
      bookingId,
      to: snapshot.email,
      payload: { ...snapshot, refundCents: payment.amountCents },
    });
  });
  log("warn", "payment.late_authorization_released", { bookingId, paymentId });
  return { outcome: "released_slot_taken" as const, bookingId };
}

/** Records a verified payment (charged or authorised) and confirms its booking. */
export async function settlePayment(
  bookingId: string,
  paymentId: string,
  settlement: Settlement,
  now = new Date(),
): Promise<FinalizeResult> {
  const db = await getDb();
  const booking = await db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { slot: true } });
  const startsAt = booking.slot.startsAt;
  // Settled before (and perhaps cancelled since, without a refund): nothing to do, and
  // above all no "late payment" refund. Also spares a second meeting from the link provider.
  if (booking.confirmedAt) {
    await markSettled(db, paymentId, settlement, startsAt, now);
    return { outcome: "already_confirmed", bookingId };
  }
  const link = await meetingLinkFor(meetingRequestFor(booking));
  let outcome: ConfirmOutcome | "already_refunded";
  try {
    outcome = await db.$transaction(async (tx) => {
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { refunds: true } });
      // A payment already (being) refunded must never confirm a booking again.
      if (payment.refunds.some((r) => r.status !== "FAILED") || payment.status === "REFUNDED" || payment.status === "PARTIALLY_REFUNDED") {
        return "already_refunded" as const;
      }
      // A lapsed hold paid late is a new claim: one the rules now refuse is a slot lost.
      if (await lateRevivalRefusal(tx, bookingId, now)) throw new SlotLost();
      await markSettled(tx, paymentId, settlement, startsAt, now);
      const result = await confirmBooking(tx, bookingId, { now, meetingUrl: link.url, meetingExternalId: link.externalId });
      if (result === "not_confirmable") {
        // Confirmed by a concurrent call and cancelled since: still settled, not late.
        const current = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { confirmedAt: true } });
        if (current.confirmedAt) return "already_confirmed" as const;
        throw new SlotLost();
      }
      return result;
    });
  } catch (error) {
    if (error instanceof SlotLost || isUniqueViolation(error)) {
      return settlement.kind === "charged"
        ? refundLatePayment(bookingId, paymentId, now)
        : releaseLateAuthorization(bookingId, paymentId, startsAt, settlement, now);
    }
    throw error;
  }
  if (outcome === "confirmed") {
    log("info", settlement.kind === "charged" ? "payment.succeeded" : "payment.authorized", { bookingId, paymentId });
    if (settlement.kind === "authorized") return { outcome: "authorized", bookingId };
  }
  return { outcome, bookingId };
}

/** Confirms a booking whose slot is free of charge (no payment row). */
export async function confirmFreeBooking(bookingId: string, now = new Date()): Promise<FinalizeResult> {
  const db = await getDb();
  const booking = await db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { slot: true } });
  if (booking.slot.requiresPayment && booking.slot.priceCents > 0) {
    throw new AppError("payment_failed", "This booking needs a payment before it can be confirmed.");
  }
  const link = await meetingLinkFor(meetingRequestFor(booking));
  try {
    const outcome = await db.$transaction(async (tx) => {
      const refusal = await lateRevivalRefusal(tx, bookingId, now);
      if (refusal) throw new AppError("slot_taken", refusal);
      return confirmBooking(tx, bookingId, { now, meetingUrl: link.url, meetingExternalId: link.externalId });
    });
    if (outcome === "not_confirmable") throw new AppError("invalid_transition", "This booking can no longer be confirmed.");
    return { outcome, bookingId };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("slot_taken", "Sorry, that time was taken while your hold had lapsed. Please pick another time.");
    throw error;
  }
}

/**
 * Mirrors a not-yet-successful intent on the payment row. Each move is conditional, so a
 * stale report can never take a payment back from SUCCEEDED or a refund state.
 */
async function recordOpenIntent(paymentId: string, intent: IntentView): Promise<void> {
  const db = await getDb();
  if (intent.status === "processing") {
    await db.payment.updateMany({
      where: { id: paymentId, status: { in: ["REQUIRES_PAYMENT", "FAILED"] } },
      data: { status: "PROCESSING" },
    });
  } else if (intent.status === "canceled") {
    await db.payment.updateMany({
      where: { id: paymentId, status: { in: [...UNSETTLED_PAYMENT_STATUSES] } },
      data: { status: "CANCELED" },
    });
  } else if (intent.lastError) {
    // A failed attempt keeps the hold: the visitor may try another card on the same intent.
    await db.payment.updateMany({
      where: { id: paymentId, status: { in: ["REQUIRES_PAYMENT", "PROCESSING"] } },
      data: { status: "FAILED", failureMessage: intent.lastError },
    });
  }
}

/**
 * The visitor's "I have paid" call, the return page and the webhooks' entry point. Demo
 * payments settle here (demo mode only); Stripe payments settle only if Stripe says the
 * intent succeeded (charged) or requires_capture (authorised) with the expected amount,
 * currency and booking. A capture Stripe reports on an authorised row is recorded here too.
 */
export async function finalizeBookingPayment(
  bookingId: string,
  now = new Date(),
  deadline: Deadline = visitorDeadline(),
): Promise<FinalizeResult> {
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: { payment: true, slot: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  const payment = booking.payment;
  if (!payment) return confirmFreeBooking(bookingId, now);

  if (payment.provider === "DEMO") {
    if (paymentMode() !== "demo") throw new AppError("payment_failed", "Demo payments are not accepted on this server.");
    // No gateway: a demo authorisation is assumed valid for Stripe's usual time.
    const settlement: Settlement =
      payment.captureMethod === "MANUAL"
        ? { kind: "authorized", authorizedUntil: new Date(now.getTime() + ASSUMED_AUTHORIZATION_MS) }
        : { kind: "charged" };
    return settlePayment(bookingId, payment.id, settlement, now);
  }

  const intent = await requireGateway({ deadline }).retrieveIntent(payment.providerPaymentId);
  const short = intent.status === "requires_capture" && intent.amountCapturableCents < payment.amountCents;
  if (intent.bookingId !== booking.id || intent.amountCents !== payment.amountCents || intent.currency !== payment.currency || short) {
    log("error", "payment.mismatch", { bookingId, paymentId: payment.id, intentId: intent.id });
    throw new AppError("payment_mismatch", "The payment does not match this booking. Please contact us.");
  }
  if (intent.status === "succeeded") {
    // Captured at Stripe (by the capture job, or in the dashboard) after we recorded the authorisation.
    if (isAuthorizedStatus(payment.status) || payment.status === "CAPTURE_FAILED") {
      await recordCaptured(db, payment.id, now);
      return { outcome: booking.confirmedAt ? "already_confirmed" : "not_paid", bookingId };
    }
    return settlePayment(bookingId, payment.id, { kind: "charged" }, now);
  }
  if (intent.status === "requires_capture") {
    const authorizedUntil = intent.authorizedUntil ?? new Date(now.getTime() + ASSUMED_AUTHORIZATION_MS);
    return settlePayment(bookingId, payment.id, { kind: "authorized", authorizedUntil }, now);
  }
  // The admin settled it (ADR 086) and cancelled the intent: the booking stands as it is.
  if (isSettledOutsideStatus(payment.status)) return { outcome: booking.confirmedAt ? "already_confirmed" : "not_paid", bookingId };
  // Past its authorisation (released, or lost: payment_intent.canceled records that): nothing to settle.
  if (AFTER_AUTHORIZATION.includes(payment.status)) return { outcome: booking.confirmedAt ? "already_confirmed" : "not_paid", bookingId };
  await recordOpenIntent(payment.id, intent);
  return { outcome: intent.status === "processing" ? "processing" : "not_paid", bookingId };
}
