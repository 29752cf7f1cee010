import "server-only";
import { addMinutes } from "date-fns";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { enforceRateLimits } from "@/lib/rate-limit/rate-limit";
import { bookingIdForManageToken } from "@/lib/booking/manage-access";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { VISITOR_CANCELLATION_REASON } from "@/lib/email/payload";
import { bookingInvite } from "@/lib/email/ics";
import { rescheduleBooking, rescheduleCheck } from "@/lib/booking/reschedule";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import { cancelAndRefund, previewCancellationFee, previewCancellationRefund, type FeeOutcome } from "@/lib/payments/cancel-and-refund";
import { replanCapture } from "@/lib/payments/capture";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { feeOutcomeSentence } from "@/lib/status/fee-timing";
import { isPaid } from "@/lib/status/payment-status";

// The visitor's own booking, reached through the link in their emails. Every entry point
// resolves the token first; a wrong, revoked or expired token is a plain not-found.

export type ManageView = {
  bookingId: string;
  status: string;
  name: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  visitorTimeZone: string;
  businessTimeZone: string;
  /** How far ahead the reschedule picker may go (BOOKING_WINDOW_DAYS). */
  windowDays: number;
  method: MeetingMethodName;
  meetingUrl: string | null;
  paidCents: number;
  refundedCents: number;
  currency: string;
  paymentStatus: string | null;
  refundIfCancelledNowCents: number;
  refundPolicy: string;
  canCancel: boolean;
  reschedule: { allowed: boolean; reason: string | null };
  icsSequence: number;
  /** Why the booking was cancelled, as the business or visitor gave it. */
  cancellationReason: string | null;
  /** A cancelled booking that had been confirmed has a cancellation invite to download. */
  hasCancelInvite: boolean;
  /** The number the visitor gave for a phone meeting (this page is theirs, behind the signed link). */
  visitorPhone: string | null;
  /** When the card is or was charged, in the visitor's zone (ADR 130); null when there is nothing to say. */
  feeOutcome: string | null;
  /** What cancelling now does to the fee: an authorisation is released (or kept and charged), a charge refunded. */
  cancelFeeOutcome: FeeOutcome;
  /** Paid in demo mode: no card was charged, so nothing is refunded "to your card". */
  demoPayment: boolean;
};

export const MANAGE_LINK_NOT_FOUND = "This link is not valid. It may have expired or been replaced by a newer one.";

export async function resolveManageToken(token: string, now = new Date()): Promise<string> {
  const bookingId = await bookingIdForManageToken(token, now);
  if (!bookingId) throw new AppError("not_found", MANAGE_LINK_NOT_FOUND);
  return bookingId;
}

export async function limitManageRequests(ip: string): Promise<void> {
  const e = env();
  await enforceRateLimits(
    [{ key: `manage:ip:${ip}`, limit: e.RATE_LIMIT_MANAGE_PER_IP, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS }],
    "Too many requests. Please wait a few minutes and try again.",
  );
}

export async function getManageView(token: string, now = new Date()): Promise<ManageView> {
  const bookingId = await resolveManageToken(token, now);
  const db = await getDb();
  const [booking, s] = await Promise.all([
    db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { slot: true, payment: true } }),
    settings(db),
  ]);
  const paid = isPaid(booking.payment);
  const canCancel = booking.status === "CONFIRMED" && booking.slot.startsAt > now;
  const reschedule = rescheduleCheck({ status: booking.status, startsAt: booking.slot.startsAt }, s, now);
  return {
    bookingId: booking.id,
    status: booking.status,
    name: booking.name,
    startsAt: booking.slot.startsAt.toISOString(),
    endsAt: addMinutes(booking.slot.startsAt, booking.slot.durationMinutes).toISOString(),
    durationMinutes: booking.slot.durationMinutes,
    visitorTimeZone: booking.timeZone,
    businessTimeZone: s.BUSINESS_TIME_ZONE,
    windowDays: s.BOOKING_WINDOW_DAYS,
    method: booking.method,
    meetingUrl: booking.status === "CONFIRMED" ? booking.meetingUrl : null,
    paidCents: paid ? booking.payment!.amountCents : 0,
    refundedCents: booking.payment?.refundedCents ?? 0,
    currency: booking.payment?.currency ?? booking.slot.currency,
    paymentStatus: booking.payment?.status ?? null,
    refundIfCancelledNowCents: canCancel ? await previewCancellationRefund(bookingId, "policy", now) : 0,
    refundPolicy: describeRefundPolicy(parseRefundPolicy(s.REFUND_POLICY)),
    canCancel,
    reschedule: { allowed: reschedule.allowed, reason: reschedule.allowed ? null : reschedule.reason },
    icsSequence: booking.icsSequence,
    cancellationReason:
      booking.status === "CANCELLED" && booking.cancellationReason !== VISITOR_CANCELLATION_REASON ? booking.cancellationReason : null,
    hasCancelInvite: booking.status === "CANCELLED" && booking.confirmedAt !== null,
    visitorPhone: booking.phone,
    feeOutcome: feeOutcomeSentence(booking.payment, booking.timeZone),
    cancelFeeOutcome: canCancel ? (await previewCancellationFee(bookingId, "policy", now)).feeOutcome : "none",
    demoPayment: booking.payment?.provider === "DEMO",
  };
}

/** Cancels by policy. A second call finds the booking cancelled and changes nothing. */
export async function cancelViaManageLink(token: string, now = new Date()) {
  const bookingId = await resolveManageToken(token, now);
  const db = await getDb();
  const booking = await db.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { slot: true } });
  if (booking.status !== "CANCELLED" && booking.slot.startsAt <= now) {
    throw new AppError("invalid_transition", "This meeting has already started, so it can no longer be cancelled here.");
  }
  const result = await cancelAndRefund(bookingId, { reason: VISITOR_CANCELLATION_REASON, refund: "policy", notifyAdmin: true, now });
  return { outcome: result.outcome, refundCents: result.refundCents, released: result.feeOutcome === "released" };
}

export async function rescheduleViaManageLink(token: string, slotId: string, now = new Date()) {
  const bookingId = await resolveManageToken(token, now);
  // The fee's capture moves with the refund deadline, in the same transaction as the move.
  return rescheduleBooking(bookingId, slotId, now, (tx, moved) => replanCapture(tx, moved.bookingId, moved.startsAt, now));
}

/**
 * The booking as an .ics file (same UID and SEQUENCE as the emailed invites). Once a booking
 * that was confirmed is cancelled, the file is the cancellation (METHOD:CANCEL, the SEQUENCE
 * the cancel bumped), so a calendar that imported the invite removes the event.
 */
export async function manageIcs(token: string, now = new Date()): Promise<{ filename: string; content: string }> {
  const bookingId = await resolveManageToken(token, now);
  const db = await getDb();
  const { snapshot, confirmedAt } = await db.$transaction(async (tx) => ({
    snapshot: await bookingEmailSnapshot(tx, bookingId),
    confirmedAt: (await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { confirmedAt: true } })).confirmedAt,
  }));
  if (snapshot.status === "CONFIRMED") return { filename: "consultation.ics", content: bookingInvite(snapshot, "REQUEST", now) };
  if (snapshot.status === "CANCELLED" && confirmedAt) {
    return { filename: "consultation-cancelled.ics", content: bookingInvite(snapshot, "CANCEL", now) };
  }
  throw new AppError("not_found", "There is no upcoming meeting to add to a calendar.");
}
