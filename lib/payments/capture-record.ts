import "server-only";
import type { DbOrTx } from "@/lib/db";

// The conditional moves out of AUTHORIZED (ADR 120). Each one applies at most once, so a
// redelivered webhook, a reconcile run and the capture job can all call them safely.
// (Minimal copy for the booking side; the capture job's module adds the emails.)

/** AUTHORIZED (or a CAPTURE_FAILED that Stripe captured after all) → SUCCEEDED. */
export async function recordCaptured(db: DbOrTx, paymentId: string, now: Date): Promise<boolean> {
  const moved = await db.payment.updateMany({
    where: { id: paymentId, status: { in: ["AUTHORIZED", "CAPTURE_FAILED"] } },
    data: { status: "SUCCEEDED", capturedAt: now, succeededAt: now, captureError: null, nextCaptureAttemptAt: null },
  });
  return moved.count === 1;
}

/** AUTHORIZED → RELEASED: the authorisation was cancelled by us, nothing was charged. */
export async function recordReleased(db: DbOrTx, paymentId: string, now: Date): Promise<boolean> {
  const moved = await db.payment.updateMany({
    where: { id: paymentId, status: "AUTHORIZED" },
    data: { status: "RELEASED", releasedAt: now, nextCaptureAttemptAt: null },
  });
  return moved.count === 1;
}

/** AUTHORIZED → CAPTURE_FAILED: the fee can no longer be captured; the booking stands. */
export async function recordFeeLost(db: DbOrTx, paymentId: string, reason: string, now: Date): Promise<boolean> {
  const moved = await db.payment.updateMany({
    where: { id: paymentId, status: "AUTHORIZED" },
    data: { status: "CAPTURE_FAILED", captureError: reason.slice(0, 500), nextCaptureAttemptAt: null, updatedAt: now },
  });
  return moved.count === 1;
}
