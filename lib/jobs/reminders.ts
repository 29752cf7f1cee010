import "server-only";
import { getDb } from "@/lib/db";
import { errorDetail, log } from "@/lib/log";
import { bookingEmailSnapshot, snapshotFromBooking } from "@/lib/email/booking-snapshot";
import { settings } from "@/lib/settings/settings";
import { enqueueEmail, enqueueEmails } from "@/lib/email/outbox";
import { sendDueEmails } from "@/lib/email/sender";

// Reminders. The rule (docs/emails.md):
// - only CONFIRMED bookings that have not started, once each (reminderSentAt);
// - booked at least 24 h ahead: the reminder goes when the start is 24 h away;
// - booked less than 24 h ahead: it goes 1 h before the start, and only if the booking
//   was confirmed more than 1 h before the start; a booking made in the last hour gets
//   none, since its confirmation has just arrived.
// Claiming is one conditional UPDATE (FOR UPDATE SKIP LOCKED, reminderSentAt IS NULL) in
// the same transaction as the outbox insert, so overlapping runs queue exactly one, and
// each batch costs the same handful of queries whatever its size.

export const REMINDER_LEAD_HOURS = 24;
export const LATE_REMINDER_LEAD_HOURS = 1;

async function claimAndQueueBatch(now: Date, batchSize: number): Promise<number> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      WITH due AS (
        SELECT b."id"
        FROM "Booking" b JOIN "Slot" s ON s."id" = b."slotId"
        WHERE b."status" = 'CONFIRMED'
          AND b."reminderSentAt" IS NULL
          AND s."startsAt" > ${now}::timestamptz
          AND COALESCE(b."confirmedAt", b."createdAt") < s."startsAt" - make_interval(hours => ${LATE_REMINDER_LEAD_HOURS}::int)
          AND s."startsAt" <= ${now}::timestamptz + CASE
            WHEN COALESCE(b."confirmedAt", b."createdAt") <= s."startsAt" - make_interval(hours => ${REMINDER_LEAD_HOURS}::int)
              THEN make_interval(hours => ${REMINDER_LEAD_HOURS}::int)
            ELSE make_interval(hours => ${LATE_REMINDER_LEAD_HOURS}::int)
          END
        ORDER BY s."startsAt"
        LIMIT ${batchSize}
        FOR UPDATE OF b SKIP LOCKED
      )
      UPDATE "Booking" AS bk SET "reminderSentAt" = ${now}::timestamptz, "updatedAt" = ${now}::timestamptz
      FROM due
      WHERE bk."id" = due."id" AND bk."reminderSentAt" IS NULL AND bk."status" = 'CONFIRMED'
      RETURNING bk."id"`;
    if (claimed.length === 0) return 0;
    const bookings = await tx.booking.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      include: { slot: true, payment: true },
    });
    const s = await settings(tx);
    await enqueueEmails(
      tx,
      bookings.map((booking) => ({
        kind: "booking_reminder" as const,
        bookingId: booking.id,
        to: booking.email,
        payload: snapshotFromBooking(booking, s),
        // A rescheduled booking (new sequence, reminderSentAt cleared) gets a new reminder.
        discriminator: booking.icsSequence,
      })),
    );
    return bookings.length;
  });
}

/** Queues every reminder that is due. Returns how many were queued. */
export async function queueDueReminders(options: { now?: Date; batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 20;
  let queued = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await claimAndQueueBatch(now, batchSize);
    queued += count;
    if (count < batchSize) break;
  }
  if (queued > 0) log("info", "reminders.queued", { queued });
  return queued;
}

export type ReminderNowOutcome = "queued" | "already_sent" | "not_confirmed";

/**
 * The admin's "send reminder now": queues the reminder at once, whatever the time rule
 * says, unless one already went out. Then tries to deliver it straight away; if that
 * fails the outbox retries it.
 */
export async function queueReminderNow(bookingId: string, now = new Date()): Promise<ReminderNowOutcome> {
  const db = await getDb();
  const outcome = await db.$transaction(async (tx): Promise<ReminderNowOutcome> => {
    const claimed = await tx.booking.updateMany({
      where: { id: bookingId, status: "CONFIRMED", reminderSentAt: null },
      data: { reminderSentAt: now },
    });
    if (claimed.count === 0) {
      const booking = await tx.booking.findUnique({ where: { id: bookingId }, select: { status: true } });
      return booking?.status === "CONFIRMED" ? "already_sent" : "not_confirmed";
    }
    const snapshot = await bookingEmailSnapshot(tx, bookingId);
    await enqueueEmail(tx, {
      kind: "booking_reminder",
      bookingId,
      to: snapshot.email,
      payload: snapshot,
      discriminator: snapshot.icsSequence,
    });
    return "queued";
  });
  if (outcome === "queued") {
    log("info", "reminders.queued_by_admin", { bookingId });
    try {
      await sendDueEmails();
    } catch (error) {
      log("warn", "reminders.immediate_send_failed", { bookingId, error: errorDetail(error) });
    }
  }
  return outcome;
}

/** The reminders job: queue what is due, then deliver it. */
export async function runRemindersJob(now = new Date()): Promise<{ queued: number; sent: number }> {
  const queued = await queueDueReminders({ now });
  const delivery = queued > 0 ? await sendDueEmails() : { sent: 0 };
  return { queued, sent: delivery.sent };
}
