import "server-only";
import { addMinutes } from "date-fns";
import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { settings, type Settings } from "@/lib/settings/settings";
import { AppError, SLOT_TAKEN_MESSAGE } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { isSecuredStatus } from "@/lib/status/payment-status";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { enqueueCalendarWrites } from "@/lib/calendars/write-back";
import { assertRulesAllow, expireLapsedHoldsOnSlot, loadHoldableSlot } from "./holds";
import { beforeRescheduleCutoff, bookingRules, ruleLockKeys } from "./rules";
import { takeRuleLocks } from "./rules-sql";

// Moving a confirmed booking to another slot is one UPDATE of its slotId: the partial
// unique index makes the claim on the new slot atomic, and the old slot is free the moment
// the row leaves it. The payment stays on the booking, so nothing is charged twice.
// Buffers and caps are checked after the rules' locks (ADR 104) with the booking itself left
// out of the count: a move within the same day or week does not count it twice, and its own
// old time never blocks its new one through the buffer.

export type RescheduleCheck = { allowed: true } | { allowed: false; reason: string };

/** Whether the booking may still be moved (confirmed, and before the cutoff). */
export function rescheduleCheck(booking: { status: string; startsAt: Date }, s: Settings, now = new Date()): RescheduleCheck {
  if (booking.status !== "CONFIRMED") return { allowed: false, reason: "Only a confirmed booking can be rescheduled." };
  const rules = bookingRules(s);
  const hours = rules.rescheduleCutoffHours;
  if (!beforeRescheduleCutoff(rules, booking.startsAt, now)) {
    return {
      allowed: false,
      reason: `Bookings can be rescheduled up to ${hours} hours before the start. Please contact us to change this one.`,
    };
  }
  return { allowed: true };
}

/** Runs inside the move's transaction: callers above this layer re-plan what depends on the time (the fee's capture). */
export type AfterReschedule = (tx: Tx, moved: { bookingId: string; startsAt: Date }) => Promise<void>;

export async function rescheduleBooking(
  bookingId: string,
  newSlotId: string,
  now = new Date(),
  afterMove?: AfterReschedule,
): Promise<{ icsSequence: number }> {
  const db = await getDb();
  const s = await settings(db);
  const rules = bookingRules(s);
  try {
    return await db.$transaction(async (tx) => {
      const booking = await tx.booking.findUnique({ where: { id: bookingId }, include: { slot: true, payment: true } });
      if (!booking) throw new AppError("not_found", "Booking not found.");
      const check = rescheduleCheck({ status: booking.status, startsAt: booking.slot.startsAt }, s, now);
      if (!check.allowed) throw new AppError("reschedule_not_allowed", check.reason);
      if (newSlotId === booking.slotId) throw new AppError("validation_failed", "That is already your booking's time.");
      const slot = await loadHoldableSlot(tx, { slotId: newSlotId, method: booking.method }, now, s);
      // The per-email cap is not asked: a move leaves the visitor's number of bookings as it was.
      await takeRuleLocks(tx, ruleLockKeys(rules, { startsAt: slot.startsAt, endsAt: addMinutes(slot.startsAt, slot.durationMinutes) }));
      await assertRulesAllow(tx, slot.id, rules, { now, excludeBookingId: bookingId });
      // The fee counts as paid once money was taken (or authorised, to be captured), even if
      // some of it was refunded since: a partial refund is the business's goodwill, not a
      // reason to charge again.
      const paid = booking.payment && isSecuredStatus(booking.payment.status) ? booking.payment.amountCents : 0;
      const newPrice = slot.requiresPayment ? slot.priceCents : 0;
      if (newPrice > paid || (booking.payment && slot.currency !== booking.payment.currency)) {
        throw new AppError("reschedule_not_allowed", "Please pick a time with the same booking fee as your current one.");
      }
      await expireLapsedHoldsOnSlot(tx, slot.id, now);
      const moved = await tx.booking.updateMany({
        where: { id: bookingId, status: "CONFIRMED", slotId: booking.slotId },
        data: { slotId: slot.id, icsSequence: { increment: 1 }, reminderSentAt: null },
      });
      if (moved.count === 0) throw new AppError("conflict", "This booking changed meanwhile. Please reload and try again.");
      await afterMove?.(tx, { bookingId, startsAt: slot.startsAt });
      const snapshot = await bookingEmailSnapshot(tx, bookingId);
      await enqueueEmail(tx, {
        kind: "booking_rescheduled",
        bookingId,
        to: snapshot.email,
        payload: { ...snapshot, previousStartsAt: booking.slot.startsAt.toISOString() },
        discriminator: snapshot.icsSequence,
      });
      await enqueueCalendarWrites(tx, bookingId, now);
      log("info", "booking.rescheduled", { bookingId, fromSlotId: booking.slotId, toSlotId: slot.id });
      return { icsSequence: snapshot.icsSequence };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("slot_taken", SLOT_TAKEN_MESSAGE, { cause: error });
    throw error;
  }
}
