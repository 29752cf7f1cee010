import "server-only";
import type { Tx } from "@/lib/db";
import { settings } from "@/lib/settings/settings";
import { log } from "@/lib/log";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { enqueueCalendarWrites } from "@/lib/calendars/write-back";
import { activateManageToken } from "./manage-access";
import { isCancellableBooking, isSettledBooking } from "@/lib/status/booking-status";

// Booking state moves. Each is one conditional UPDATE ("... WHERE status IN (allowed)"),
// so two concurrent moves cannot both apply, and each queues its emails in the same
// transaction. None of them talks to Stripe: money moves live in lib/payments.

export type ConfirmOutcome = "confirmed" | "already_confirmed" | "not_confirmable";

/**
 * Confirms a held booking. A hold that lapsed is revived when its slot is still free; if
 * someone else took the slot, the UPDATE violates Booking_one_live_per_slot and throws,
 * which aborts the caller's transaction (the caller then refunds: lib/payments/finalize).
 */
export async function confirmBooking(
  tx: Tx,
  bookingId: string,
  options: { now: Date; meetingUrl: string | null; meetingExternalId?: string | null },
): Promise<ConfirmOutcome> {
  const data = {
    status: "CONFIRMED" as const,
    confirmedAt: options.now,
    holdExpiresAt: null,
    meetingUrl: options.meetingUrl,
    meetingExternalId: options.meetingExternalId ?? null,
  };
  const updated = await tx.booking.updateMany({
    where: { id: bookingId, status: { in: ["PENDING_PAYMENT", "EXPIRED"] } },
    data,
  });
  if (updated.count === 0) {
    const current = await tx.booking.findUnique({ where: { id: bookingId }, select: { status: true } });
    return current && isSettledBooking(current.status) ? "already_confirmed" : "not_confirmable";
  }
  await activateManageToken(tx, bookingId);
  const snapshot = await bookingEmailSnapshot(tx, bookingId);
  await enqueueEmail(tx, { kind: "booking_confirmed", bookingId, to: snapshot.email, payload: snapshot });
  const admin = (await settings(tx)).ADMIN_NOTIFY_EMAIL;
  if (admin) await enqueueEmail(tx, { kind: "admin_new_booking", bookingId, to: admin, payload: snapshot });
  await enqueueCalendarWrites(tx, bookingId, options.now);
  log("info", "booking.confirmed", { bookingId });
  return "confirmed";
}

export type CancelOutcome = "cancelled" | "already_cancelled" | "not_cancellable";

/**
 * Cancels a held or confirmed booking and frees its slot. The cancellation email (with
 * the refund the caller decided on) goes out only for bookings that had been confirmed.
 */
export async function cancelBooking(
  tx: Tx,
  bookingId: string,
  options: {
    now: Date;
    reason?: string;
    refundCents: number;
    notifyAdmin?: boolean;
    /** An authorised fee (ADR 120): what the cancellation does with it, for the email. */
    authorization?: { outcome: "released" | "kept"; feeCents: number };
  },
): Promise<CancelOutcome> {
  const before = await tx.booking.findUnique({ where: { id: bookingId }, select: { status: true } });
  if (!before) return "not_cancellable";
  if (before.status === "CANCELLED") return "already_cancelled";
  if (!isCancellableBooking(before.status)) return "not_cancellable";
  // Conditional on the status just read: a concurrent move makes this a no-op.
  const updated = await tx.booking.updateMany({
    where: { id: bookingId, status: before.status },
    data: {
      status: "CANCELLED",
      cancelledAt: options.now,
      cancellationReason: options.reason ?? null,
      holdExpiresAt: null,
      icsSequence: { increment: 1 },
    },
  });
  if (updated.count === 0) {
    const now = await tx.booking.findUnique({ where: { id: bookingId }, select: { status: true } });
    return now?.status === "CANCELLED" ? "already_cancelled" : "not_cancellable";
  }
  if (before.status === "CONFIRMED") {
    const authorization = options.authorization
      ? { authorizationOutcome: options.authorization.outcome, feeCents: options.authorization.feeCents }
      : {};
    const snapshot = { ...(await bookingEmailSnapshot(tx, bookingId)), refundCents: options.refundCents, ...authorization };
    await enqueueEmail(tx, { kind: "booking_cancelled", bookingId, to: snapshot.email, payload: snapshot });
    const admin = (await settings(tx)).ADMIN_NOTIFY_EMAIL;
    if (admin && options.notifyAdmin) {
      await enqueueEmail(tx, { kind: "admin_booking_cancelled", bookingId, to: admin, payload: snapshot });
    }
    await enqueueCalendarWrites(tx, bookingId, options.now);
  }
  log("info", "booking.cancelled", { bookingId, from: before.status });
  return "cancelled";
}
