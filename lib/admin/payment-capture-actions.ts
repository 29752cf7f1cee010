import "server-only";
import { getDb } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { capturePaymentNow, releaseAuthorization } from "@/lib/payments/capture";
import { formatMoney } from "@/lib/format";

// The admin's "capture now" and "release" on an authorised fee (ADR 120, ADR 125). Like
// booking-admin-actions.ts: the change has its own transactions (and a provider call), so the
// audit entry is written right after it, also when the attempt failed, and the result is a
// sentence for the admin or an AppError.

async function authorizedPayment(bookingId: string) {
  const db = await getDb();
  const payment = await db.payment.findUnique({ where: { bookingId } });
  if (!payment) throw new AppError("not_found", "This booking has no payment.");
  return { db, payment };
}

export async function adminCaptureNow(input: { bookingId: string }, actor: AuditActor): Promise<string> {
  const { db, payment } = await authorizedPayment(input.bookingId);
  if (payment.status !== "AUTHORIZED") throw new AppError("invalid_transition", "Only an authorised fee can be captured.");
  const audit = (after: Record<string, unknown>) =>
    recordAudit(db, actor, {
      action: "payment.capture",
      entityType: "payment",
      entityId: payment.id,
      bookingId: input.bookingId,
      before: { status: payment.status, captureAt: payment.captureAt },
      after,
    });
  let outcome;
  try {
    outcome = await capturePaymentNow(payment.id);
  } catch (error) {
    await audit({ captureError: isAppError(error) ? error.message : "capture failed" });
    throw error;
  }
  const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } });
  await audit({ status: after.status, outcome });
  const amount = formatMoney(payment.amountCents, payment.currency);
  switch (outcome) {
    case "captured":
      return `Captured ${amount}. The visitor gets a receipt.`;
    case "already_captured":
      return `The ${amount} fee was already charged.`;
    case "lost":
      throw new AppError("payment_failed", `The ${amount} fee could not be captured (declined or expired); it is marked as not collected.`);
    case "retry_later":
      throw new AppError(
        "payment_provider_unavailable",
        "The payment provider did not answer. The fee is still authorised; try again in a minute.",
        {
          retryAfterSeconds: 60,
        },
      );
  }
}

export async function adminReleaseAuthorization(input: { bookingId: string; reason?: string }, actor: AuditActor): Promise<string> {
  const { db, payment } = await authorizedPayment(input.bookingId);
  const audit = (after: Record<string, unknown>) =>
    recordAudit(db, actor, {
      action: "payment.release",
      entityType: "payment",
      entityId: payment.id,
      bookingId: input.bookingId,
      before: { status: payment.status },
      after: { reason: input.reason, ...after },
    });
  let outcome;
  try {
    outcome = await releaseAuthorization(payment.id);
  } catch (error) {
    await audit({ releaseError: isAppError(error) ? error.message : "release failed" });
    throw error;
  }
  if (outcome === "already_released") throw new AppError("conflict", "This authorisation was already released.");
  if (outcome === "not_authorized") throw new AppError("invalid_transition", "Only an authorised fee can be released.");
  await audit({ status: "RELEASED" });
  return `Authorisation of ${formatMoney(payment.amountCents, payment.currency)} released; nothing was charged.`;
}
