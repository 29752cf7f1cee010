import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";
import { parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { CAPTURE_MARGIN_MS, planCapture } from "./capture-plan";
import { recordCaptured, recordFeeLost, recordReleased } from "./capture-record";
import { isProviderError, type IntentView, type PaymentGateway } from "./gateway";
import { gateway } from "./gateway-registry";

// Takes authorised fees when they stop being refundable (ADR 120), exactly once (ADR 125).
// Each attempt is claimed under the payment's row lock: the claim bumps captureAttempts and
// pushes nextCaptureAttemptAt, so a racing run finds nothing due, and the attempt number is
// in the provider's idempotency key. The intent is read before capturing, so a capture whose
// answer was lost (a crash before our write) is recorded rather than attempted again.

/** After attempt n fails for a passing reason, the next one waits BACKOFF_MS[n-1] (the last one repeats). */
const BACKOFF_MS = [5, 15, 60, 180, 360].map((minutes) => minutes * 60_000);
/** Set on a payment whose booking was cancelled with the fee kept: the job captures it, not releases it. */
export const KEPT_ON_CANCELLATION = "kept_on_cancellation";
const BATCH = 100;

export type CaptureOutcome = "captured" | "already_captured" | "lost" | "retry_later";
export type ReleaseOutcome = "released" | "already_released" | "not_authorized";

const LOST_DECLINED = "The card was declined when the fee was captured.";
const LOST_EXPIRED = "The card authorisation expired or was cancelled at Stripe before the fee was captured.";

function nextAttemptAt(attempt: number, now: Date, authorizedUntil: Date | null): Date {
  const at = new Date(now.getTime() + BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1]!);
  return authorizedUntil && authorizedUntil < at ? authorizedUntil : at;
}

type Claim = {
  id: string;
  provider: string;
  providerPaymentId: string;
  authorizedUntil: Date | null;
  attempt: number;
  /** The booking was cancelled and the fee not kept: release, never capture. */
  release: boolean;
};

type ClaimRow = {
  id: string;
  status: string;
  provider: string;
  providerPaymentId: string;
  captureAt: Date | null;
  nextCaptureAttemptAt: Date | null;
  authorizedUntil: Date | null;
  captureAttempts: number;
  capturePlanReason: string | null;
  bookingStatus: string;
};

/**
 * Claims the next capture attempt of an AUTHORIZED payment: the row lock makes a racing claim
 * wait and then see the pushed nextCaptureAttemptAt. `due` asks that the capture be due now
 * (the job); an explicit capture (admin, cancellation keeping the fee) claims at any time.
 */
async function claimAttempt(paymentId: string, now: Date, due: boolean): Promise<Claim | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<ClaimRow[]>`
      SELECT p."id", p."status"::text AS "status", p."provider"::text AS "provider", p."providerPaymentId", p."captureAt",
             p."nextCaptureAttemptAt", p."authorizedUntil", p."captureAttempts", p."capturePlanReason", b."status"::text AS "bookingStatus"
      FROM "Payment" p JOIN "Booking" b ON b."id" = p."bookingId"
      WHERE p."id" = ${paymentId}::uuid FOR UPDATE OF p`;
    if (!row || row.status !== "AUTHORIZED") return null;
    const release = row.bookingStatus === "CANCELLED" && row.capturePlanReason !== KEPT_ON_CANCELLATION;
    if (due && !release && ((row.captureAt && row.captureAt > now) || (row.nextCaptureAttemptAt && row.nextCaptureAttemptAt > now))) {
      return null;
    }
    const attempt = row.captureAttempts + 1;
    await tx.payment.update({
      where: { id: row.id },
      data: { captureAttempts: attempt, nextCaptureAttemptAt: nextAttemptAt(attempt, now, row.authorizedUntil) },
    });
    return { ...row, attempt, release };
  });
}

/** Settles a claimed attempt from the intent's state; null when it stays authorised. */
async function settleFromIntent(paymentId: string, intent: IntentView, now: Date): Promise<CaptureOutcome | null> {
  const db = await getDb();
  if (intent.status === "succeeded") {
    // Recorded already (a webhook, or a racing capture got there first): still one charge.
    return (await recordCaptured(db, paymentId, now)) ? "captured" : "already_captured";
  }
  if (intent.status === "canceled") {
    // Cancelled by our own release (the booking was cancelled meanwhile) is not a lost fee.
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { capturePlanReason: true, booking: true } });
    if (payment.booking.status === "CANCELLED" && payment.capturePlanReason !== KEPT_ON_CANCELLATION) {
      await recordReleased(db, paymentId, now);
      return "retry_later";
    }
    await recordFeeLost(db, paymentId, LOST_EXPIRED, now);
    return "lost";
  }
  return null;
}

async function captureAtProvider(g: PaymentGateway, claim: Claim, now: Date): Promise<CaptureOutcome> {
  const db = await getDb();
  try {
    // A capture that succeeded in an earlier run whose write was lost shows here as succeeded.
    const before = await settleFromIntent(claim.id, await g.retrieveIntent(claim.providerPaymentId), now);
    if (before) return before;
    const after = await g.captureIntent({ intentId: claim.providerPaymentId, idempotencyKey: `capture:${claim.id}:${claim.attempt}` });
    const settled = await settleFromIntent(claim.id, after, now);
    if (settled) return settled;
    log("warn", "payment.capture_unsettled", { paymentId: claim.id, attempt: claim.attempt, status: after.status });
  } catch (error) {
    if (isProviderError(error, "declined")) {
      await recordFeeLost(db, claim.id, LOST_DECLINED, now);
      return "lost";
    }
    log("warn", "payment.capture_failed", { paymentId: claim.id, attempt: claim.attempt, error: errorDetail(error) });
  }
  // Past the authorisation's limit there is nothing left to retry.
  if (claim.authorizedUntil && claim.authorizedUntil <= now) {
    await recordFeeLost(db, claim.id, LOST_EXPIRED, now);
    return "lost";
  }
  return "retry_later";
}

async function runAttempt(claim: Claim, now: Date): Promise<CaptureOutcome> {
  if (claim.provider === "DEMO") {
    // Demo mode mirrors the states without a gateway.
    await recordCaptured(await getDb(), claim.id, now);
    return "captured";
  }
  const g = gateway();
  if (!g) {
    log("warn", "payment.capture_no_gateway", { paymentId: claim.id });
    return "retry_later";
  }
  return captureAtProvider(g, claim, now);
}

/**
 * Captures one authorised payment now (admin "capture now", a cancellation that keeps the fee).
 * A booking cancelled without keeping the fee is refused: its authorisation is released instead.
 */
export async function capturePaymentNow(paymentId: string, now = new Date()): Promise<CaptureOutcome> {
  const claim = await claimAttempt(paymentId, now, false);
  if (!claim) {
    const payment = await (await getDb()).payment.findUnique({ where: { id: paymentId }, select: { status: true } });
    if (!payment) throw new AppError("not_found", "Payment not found.");
    if (payment.status === "SUCCEEDED" || payment.status === "PARTIALLY_REFUNDED" || payment.status === "REFUNDED") {
      return "already_captured";
    }
    throw new AppError("invalid_transition", "Only an authorised fee can be captured.");
  }
  if (claim.release) throw new AppError("invalid_transition", "This booking is cancelled: its authorisation is released, not captured.");
  const outcome = await runAttempt(claim, now);
  log("info", "payment.capture_attempted", { paymentId, attempt: claim.attempt, outcome, trigger: "now" });
  return outcome;
}

/** Cancels an authorisation (nothing is charged). A provider that shows it captured meanwhile is recorded so. */
export async function releaseAuthorization(paymentId: string, now = new Date()): Promise<ReleaseOutcome> {
  const db = await getDb();
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment) throw new AppError("not_found", "Payment not found.");
  if (payment.status === "RELEASED") return "already_released";
  if (payment.status !== "AUTHORIZED") return "not_authorized";
  if (payment.provider !== "DEMO") {
    const g = gateway();
    if (!g) throw new AppError("misconfigured", "Card payments are not configured.");
    const intent = await g.cancelIntent(payment.providerPaymentId);
    if (intent.status === "succeeded") {
      // A capture won the race: the fee is charged, and the caller refunds by its policy.
      await recordCaptured(db, paymentId, now);
      return "not_authorized";
    }
    if (intent.status !== "canceled") {
      throw new AppError("payment_provider_unavailable", "The authorisation could not be released yet. It will be retried.");
    }
  }
  if (await recordReleased(db, paymentId, now)) return "released";
  const after = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { status: true } });
  return after.status === "RELEASED" ? "already_released" : "not_authorized";
}

/**
 * The job: captures authorisations whose time has come, and releases those whose booking was
 * cancelled (a release that failed when the visitor cancelled is retried here). A cancelled
 * booking's authorisation is never captured, unless the cancellation kept the fee.
 */
export async function captureDuePayments(
  now = new Date(),
): Promise<{ captured: number; failed: number; retrying: number; lost: number; released: number }> {
  const db = await getDb();
  const result = { captured: 0, failed: 0, retrying: 0, lost: 0, released: 0 };
  const toRelease = await db.payment.findMany({
    where: {
      status: "AUTHORIZED",
      booking: { status: "CANCELLED" },
      OR: [{ capturePlanReason: null }, { capturePlanReason: { not: KEPT_ON_CANCELLATION } }],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  for (const { id } of toRelease) {
    try {
      if ((await releaseAuthorization(id, now)) === "released") result.released++;
    } catch (error) {
      result.failed++;
      log("warn", "payment.release_failed", { paymentId: id, error: errorDetail(error) });
    }
  }
  const due = await db.payment.findMany({
    where: {
      status: "AUTHORIZED",
      captureAt: { lte: now },
      OR: [{ nextCaptureAttemptAt: null }, { nextCaptureAttemptAt: { lte: now } }],
      AND: [{ OR: [{ booking: { status: { not: "CANCELLED" } } }, { capturePlanReason: KEPT_ON_CANCELLATION }] }],
    },
    select: { id: true },
    orderBy: { captureAt: "asc" },
    take: BATCH,
  });
  for (const { id } of due) {
    try {
      const claim = await claimAttempt(id, now, true);
      if (!claim || claim.release) continue;
      const outcome = await runAttempt(claim, now);
      log("info", "payment.capture_attempted", { paymentId: id, attempt: claim.attempt, outcome, trigger: "job" });
      if (outcome === "captured" || outcome === "already_captured") result.captured++;
      else if (outcome === "lost") result.lost++;
      else result.retrying++;
    } catch (error) {
      result.failed++;
      log("error", "payment.capture_job_failed", { paymentId: id, error: errorDetail(error) });
    }
  }
  if (due.length + toRelease.length > 0) log("info", "jobs.capture_payments", result);
  return result;
}

/**
 * After a reschedule: the capture moves with the new refund deadline, planned against the
 * authorisation's real limit. An authorisation that cannot reach the new deadline is captured at
 * its own limit (or now, when that has passed); a meeting moved inside the refund window, now.
 */
export async function replanCapture(db: DbOrTx, bookingId: string, newStartsAt: Date, now: Date): Promise<void> {
  const payment = await db.payment.findUnique({ where: { bookingId } });
  if (!payment || payment.status !== "AUTHORIZED") return;
  const policy = parseRefundPolicy((await settings(db)).REFUND_POLICY);
  const plan = planCapture({ policy, startsAt: newStartsAt, now, authorizedUntil: payment.authorizedUntil ?? undefined });
  let captureAt: Date;
  if (plan.kind === "authorize") captureAt = plan.captureAt;
  else if (plan.reason === "authorization_too_short" && payment.authorizedUntil) {
    const limit = new Date(payment.authorizedUntil.getTime() - CAPTURE_MARGIN_MS);
    captureAt = limit > now ? limit : now;
  } else captureAt = now;
  await db.payment.updateMany({ where: { id: payment.id, status: "AUTHORIZED" }, data: { captureAt, capturePlanReason: plan.reason } });
  log("info", "payment.capture_replanned", { paymentId: payment.id, bookingId, captureAt: captureAt.toISOString(), reason: plan.reason });
}
