import "server-only";
import { subMinutes } from "date-fns";
import { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";

// The busy check, as one SQL condition on a slot row aliased `s`, shared by the slot listing
// (lib/booking/availability.ts) and the hold (lib/booking/holds.ts), so both apply the same
// rule. It reads only the cache (refresh.ts). A slot is not free when:
// - a cached busy interval overlaps it, unless that interval is our own written-back event
//   (same UID, or, for providers that give no UID, the exact times of our event on that
//   connection): a booking's own event never blocks its reschedule;
// - CALENDAR_STALE_POLICY=hide and a connection's last good read, older than
//   CALENDAR_CACHE_MAX_AGE_MINUTES, covered the slot (ADR 091).
// With buffers (BUFFER_BEFORE/AFTER_MINUTES), the slot's time is widened by them first: a
// busy event ending 10 minutes before a slot with a 15-minute "before" buffer blocks it.

export type SlotBuffers = { before: number; after: number };

export function calendarFreeSql(now: Date, buffers: SlotBuffers = { before: 0, after: 0 }): Prisma.Sql {
  const e = env();
  const start = Prisma.sql`(s."startsAt" - make_interval(mins => ${buffers.before}::int))`;
  const end = Prisma.sql`(s."startsAt" + make_interval(mins => s."durationMinutes" + ${buffers.after}::int))`;
  const staleBefore = e.CALENDAR_STALE_POLICY === "hide" ? subMinutes(now, e.CALENDAR_CACHE_MAX_AGE_MINUTES) : null;
  return Prisma.sql`(
    NOT EXISTS (
      SELECT 1 FROM "CalendarBusyInterval" bi
      WHERE bi."startsAt" < ${end}
        AND bi."endsAt" > ${start}
        -- Implied by the line above (no interval outlasts the longest), and what bounds the
        -- index walk from below: without it a late slot read every earlier interval. The
        -- longest is one index read per statement (migration 20261205000000); NULL when the
        -- cache is empty, and then nothing matches, as it should.
        AND bi."startsAt" > ${start} - (SELECT max(m."endsAt" - m."startsAt") FROM "CalendarBusyInterval" m)
        AND NOT EXISTS (
          SELECT 1 FROM "CalendarEvent" ce
          WHERE ce."uid" = bi."eventUid"
             OR (ce."connectionId" = bi."connectionId" AND ce."startsAt" = bi."startsAt" AND ce."endsAt" = bi."endsAt")
        )
    )
    AND NOT EXISTS (
      SELECT 1 FROM "CalendarBusyWindow" w
      WHERE w."fetchedAt" < ${staleBefore}::timestamptz
        AND w."windowStart" < ${end}
        AND w."windowEnd" > ${start}
    )
  )`;
}
