import "server-only";
import type { DbOrTx } from "@/lib/db";
import { parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { planCapture, type CapturePlan } from "./capture-plan";

// capture-plan.ts applied to one booking: the refund policy from the settings, the slot's
// start, and (once authorised) the charge's real capture_before. Decided on the server only.

export async function bookingCapturePlan(db: DbOrTx, startsAt: Date, now: Date, authorizedUntil?: Date): Promise<CapturePlan> {
  const policy = parseRefundPolicy((await settings(db)).REFUND_POLICY);
  return planCapture({ policy, startsAt, now, authorizedUntil });
}

/** The Payment columns that record a plan (captureAt only for an authorisation). */
export function planColumns(plan: CapturePlan) {
  return plan.kind === "authorize"
    ? { captureMethod: "MANUAL" as const, capturePlanReason: plan.reason, captureAt: plan.captureAt }
    : { captureMethod: "AUTOMATIC" as const, capturePlanReason: plan.reason, captureAt: null };
}
