import "server-only";
import { getDb } from "@/lib/db";
import { parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { isSecuredStatus, isSettledOutsideStatus } from "@/lib/status/payment-status";
import { planCapture } from "./capture-plan";

// When a held booking's fee will be taken, for the payment step (ADR 130). The server decides:
// once the payment row records its plan (captureMethod, captureAt, capturePlanReason) that is
// the answer; before that the same planCapture the intent is created from is evaluated now. Wording: lib/status/fee-timing.ts.

/** A plan as it crosses to the browser: ISO instants, no Date objects. */
export type FeeTiming = { kind: "charge_now" } | { kind: "authorize"; captureAt: string };

/** Null when the booking has no fee to take (free, unknown, or settled outside the card). */
export async function feeTimingFor(bookingId: string, now = new Date()): Promise<FeeTiming | null> {
  const db = await getDb();
  const [booking, s] = await Promise.all([
    db.booking.findUnique({ where: { id: bookingId }, include: { slot: true, payment: true } }),
    settings(db),
  ]);
  if (!booking) return null;
  const payment = booking.payment;
  if (!payment && (!booking.slot.requiresPayment || booking.slot.priceCents <= 0)) return null;
  if (payment && (payment.amountCents <= 0 || isSettledOutsideStatus(payment.status))) return null;
  if (payment?.captureMethod === "MANUAL" && payment.captureAt) return { kind: "authorize", captureAt: payment.captureAt.toISOString() };
  // A plan recorded for an ordinary charge, or a payment already charged that way.
  if (payment && (payment.capturePlanReason || isSecuredStatus(payment.status))) return { kind: "charge_now" };
  const plan = planCapture({ policy: parseRefundPolicy(s.REFUND_POLICY), startsAt: booking.slot.startsAt, now });
  return plan.kind === "authorize" ? { kind: "authorize", captureAt: plan.captureAt.toISOString() } : { kind: "charge_now" };
}
