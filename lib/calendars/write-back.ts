import "server-only";
import { addMilliseconds, addMinutes, addSeconds } from "date-fns";
import { getDb, type Db, type Tx } from "@/lib/db";
import { settings } from "@/lib/settings/settings";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { METHOD_INFO, type MeetingMethodName } from "@/lib/meeting-methods";
import { bookingUid } from "@/lib/email/booking-snapshot";
import { providerFor, type StoredConnection } from "./registry";
import type { CalendarEventInput } from "./provider";

// Write-back of bookings into the owner's write calendars, through a queue in Postgres that
// works like the email outbox (lib/email/sender.ts): rows are claimed under a lease with
// FOR UPDATE SKIP LOCKED, retried with backoff, and a worker that dies leaves a lapsed lease
// that another claims. One row per booking change (booking + iCalendar sequence) and
// connection, queued in the transaction of the change (enqueueCalendarWrites). The worker
// applies the booking's *current* state: confirmed → create or move our event (PUT by our
// UID, so a duplicate delivery overwrites the same event), cancelled → delete it. Rows can
// therefore run late, twice or out of order without a second event or a resurrected one.

const BASE_BACKOFF_SECONDS = 30;
const MAX_BACKOFF_SECONDS = 60 * 60;
// A provider that is down (or a connection waiting for the admin) delays the event; about a
// week of hourly tries before the row is FAILED and shown in admin.
const MAX_ATTEMPTS = 180;

export function writeBackoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Queues the write-back of a booking's current state to every connection with a write
 * calendar (and to any that holds our event for it), in the caller's transaction. Idempotent:
 * the same booking and sequence are queued once per connection.
 */
export async function enqueueCalendarWrites(tx: Tx, bookingId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "CalendarWrite" ("id", "connectionId", "bookingId", "sequence", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), c."id", b."id", b."icsSequence", ${now}, ${now}, ${now}
    FROM "Booking" b CROSS JOIN "CalendarConnection" c
    WHERE b."id" = ${bookingId}
      AND (c."writeCalendarId" IS NOT NULL
           OR EXISTS (SELECT 1 FROM "CalendarEvent" e WHERE e."connectionId" = c."id" AND e."bookingId" = b."id"))
    ON CONFLICT ("connectionId", "bookingId", "sequence") DO NOTHING`;
}

type ClaimedWrite = { id: string; connectionId: string; bookingId: string; sequence: number; attempts: number; lockedUntil: Date };

async function claimDue(now: Date, limit: number): Promise<ClaimedWrite[]> {
  const db = await getDb();
  const leaseUntil = addSeconds(now, env().CALENDAR_WRITE_LEASE_SECONDS);
  return db.$queryRaw<ClaimedWrite[]>`
    UPDATE "CalendarWrite"
    SET "status" = 'SENDING', "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "CalendarWrite"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${now})
         OR ("status" = 'SENDING' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt", "sequence"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "connectionId", "bookingId", "sequence", "attempts", "lockedUntil"`;
}

async function settle(row: ClaimedWrite, data: Record<string, unknown>): Promise<void> {
  const db = await getDb();
  // Only while our lease holds: a row re-claimed by another worker is theirs now.
  await db.calendarWrite.updateMany({ where: { id: row.id, status: "SENDING", lockedUntil: row.lockedUntil }, data });
}

type BookingForEvent = {
  id: string;
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  notes: string | null;
  method: string;
  meetingUrl: string | null;
  icsSequence: number;
  slot: { startsAt: Date; durationMinutes: number };
};

/** Our event for a booking: visitor's name in the title, the meeting link as location and in the description. */
export function bookingEvent(b: BookingForEvent): CalendarEventInput {
  const e = env();
  const method = METHOD_INFO[b.method as MeetingMethodName]?.label ?? b.method;
  const link = b.meetingUrl?.startsWith("http") ? b.meetingUrl : null;
  const location = link ?? (b.method === "PHONE" && b.phone ? `Phone: ${b.phone}` : method);
  const description = [
    `${method} with ${b.name}${b.company ? ` (${b.company})` : ""}.`,
    link ? `Join: ${link}` : null,
    `Email: ${b.email}`,
    b.phone ? `Phone: ${b.phone}` : null,
    b.notes ? `Notes: ${b.notes}` : null,
    `Booking: ${new URL(`/admin/bookings/${b.id}`, e.APP_URL).toString()}`,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    uid: bookingUid(b.id),
    sequence: b.icsSequence,
    title: `Consultation: ${b.name}`,
    start: b.slot.startsAt,
    end: addMinutes(b.slot.startsAt, b.slot.durationMinutes),
    location,
    description,
    attendee: { email: b.email, name: b.name },
  };
}

/** Makes the connection's calendar match the booking. Throws the provider's errors. */
async function apply(row: ClaimedWrite): Promise<void> {
  const db = await getDb();
  const [connection, booking, existing, s] = await Promise.all([
    db.calendarConnection.findUnique({ where: { id: row.connectionId } }),
    db.booking.findUnique({ where: { id: row.bookingId }, include: { slot: true } }),
    db.calendarEvent.findUnique({ where: { connectionId_bookingId: { connectionId: row.connectionId, bookingId: row.bookingId } } }),
    settings(db),
  ]);
  if (!connection || !booking) return;
  const provider = providerFor(connection as StoredConnection, { floatingZone: s.BUSINESS_TIME_ZONE });
  const target = connection.writeCalendarId;
  const wanted = booking.status === "CONFIRMED" || booking.status === "COMPLETED" || booking.status === "NO_SHOW";
  // An event in a calendar that is no longer the write calendar (or for a booking no longer live) goes.
  if (existing && (!wanted || existing.calendarId !== target)) {
    await provider.deleteEvent(existing.calendarId, existing.eventId, existing.uid);
    await db.$transaction([db.calendarEvent.deleteMany({ where: { id: existing.id } }), forgetCachedEvent(db, existing, true)]);
  }
  if (!wanted || !target) return;
  // A finished meeting keeps the event it has.
  if (booking.status !== "CONFIRMED" && existing?.calendarId === target) return;
  const event = bookingEvent(booking);
  const keep = existing?.calendarId === target ? existing : null;
  const { eventId } = await provider.upsertEvent(target, event, keep?.eventId ?? null);
  const fields = { calendarId: target, eventId, uid: event.uid, sequence: event.sequence, startsAt: event.start, endsAt: event.end };
  await db.$transaction([
    db.calendarEvent.upsert({
      where: { connectionId_bookingId: { connectionId: connection.id, bookingId: booking.id } },
      create: { connectionId: connection.id, bookingId: booking.id, ...fields },
      update: fields,
    }),
    // A moved event's old times (read without a UID) no longer count as busy.
    ...(keep && keep.startsAt.getTime() !== event.start.getTime() ? [forgetCachedEvent(db, keep, false)] : []),
  ]);
}

/**
 * Drops our event from the busy cache of its connection at once, so a cancelled or moved
 * booking frees its old time before the next refresh reads the calendar again.
 */
function forgetCachedEvent(db: Db, e: { connectionId: string; uid: string; startsAt: Date; endsAt: Date }, byUid: boolean) {
  const sameTimes = { startsAt: e.startsAt, endsAt: e.endsAt, eventUid: null };
  return db.calendarBusyInterval.deleteMany({
    where: { connectionId: e.connectionId, OR: byUid ? [{ eventUid: e.uid }, sameTimes] : [sameTimes] },
  });
}

export type WriteSummary = { claimed: number; done: number; retrying: number; failed: number };

/** Works the due writes, one batch at a time, within `budgetMs`. Never throws for one row. */
export async function processCalendarWrites(options: { now?: Date; batchSize?: number; budgetMs?: number } = {}): Promise<WriteSummary> {
  const summary: WriteSummary = { claimed: 0, done: 0, retrying: 0, failed: 0 };
  const stopAt = Date.now() + (options.budgetMs ?? (env().JOB_STEP_BUDGET_SECONDS * 1000) / 2);
  const db = await getDb();
  while (Date.now() < stopAt) {
    const now = options.now ?? new Date();
    const rows = await claimDue(now, options.batchSize ?? 20);
    if (rows.length === 0) break;
    summary.claimed += rows.length;
    // Rows of one booking and connection in sequence order, one after the other.
    for (const row of rows) {
      try {
        await apply(row);
        await settle(row, { status: "SENT", doneAt: now, lockedUntil: null, lastError: null });
        // Older rows of the same booking are covered by this apply of its current state.
        await db.calendarWrite.updateMany({
          where: { connectionId: row.connectionId, bookingId: row.bookingId, sequence: { lt: row.sequence }, status: "PENDING" },
          data: { status: "SENT", doneAt: now },
        });
        summary.done += 1;
      } catch (error) {
        const giveUp = row.attempts >= MAX_ATTEMPTS;
        const lastError = errorDetail(error).slice(0, 1000);
        await settle(
          row,
          giveUp
            ? { status: "FAILED", lockedUntil: null, lastError }
            : {
                status: "PENDING",
                lockedUntil: null,
                lastError,
                nextAttemptAt: addMilliseconds(now, writeBackoffSeconds(row.attempts) * 1000),
              },
        );
        summary[giveUp ? "failed" : "retrying"] += 1;
        log(giveUp ? "error" : "warn", "calendar.write_failed", {
          writeId: row.id,
          bookingId: row.bookingId,
          attempts: row.attempts,
          error: lastError,
        });
      }
    }
  }
  return summary;
}
