import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/db";
import { SETTLED_BOOKING_STATUSES, sqlList } from "@/lib/status/booking-status";
import { calendarFreeSql } from "@/lib/calendars/busy-sql";
import { RULE_LOCK_CLASS, meetingGap, type BookingRules, type RuleBreak } from "./rules";

// The booking rules as SQL conditions on a slot row aliased `s`, shared by the listing
// (availability.ts), the hold's checking INSERT (holds.ts), the reschedule and the admin's
// bookability, so all of them decide the same way. A rule that is off is the constant TRUE,
// so the default listing and hold stay the statements they were (ADR 103, 104).

/** `IN (…)` list of the statuses that hold a slot for good; the one SQL form of that rule. */
export const SETTLED_IN = Prisma.raw(sqlList(SETTLED_BOOKING_STATUSES));
// Longest slot the schema admits (slot-admin: 480) with room to spare: bounds the index scan.
const LONGEST_SLOT_MINUTES = 1440;

export type RuleScope = {
  now: Date;
  /** A booking that does not count against the slot (the one being rescheduled, or confirmed). */
  excludeBookingId?: string | null;
};

/** Bookings that occupy time now: settled ones, and holds until they lapse (lib/status). */
function liveBooking(scope: RuleScope): Prisma.Sql {
  return Prisma.sql`(b."status" IN (${SETTLED_IN}) OR (b."status" = 'PENDING_PAYMENT' AND b."holdExpiresAt" > ${scope.now}))
    AND b."id" IS DISTINCT FROM ${scope.excludeBookingId ?? null}::text`;
}

/** Other slots' live bookings whose meeting comes within the meeting gap of `s` (the buffers). */
function bufferNeighboursSql(r: BookingRules, scope: RuleScope, what: Prisma.Sql): Prisma.Sql {
  const gap = meetingGap(r);
  return Prisma.sql`SELECT ${what} FROM "Booking" b JOIN "Slot" bs ON bs."id" = b."slotId"
    WHERE b."slotId" <> s."id" AND ${liveBooking(scope)}
      AND bs."startsAt" > s."startsAt" - make_interval(mins => ${gap + LONGEST_SLOT_MINUTES}::int)
      AND bs."startsAt" < s."startsAt" + make_interval(mins => s."durationMinutes" + ${gap}::int)
      AND bs."startsAt" + make_interval(mins => bs."durationMinutes" + ${gap}::int) > s."startsAt"`;
}

/** No live booking on another slot within the meeting gap of `s`. */
export function bufferFreeSql(r: BookingRules, scope: RuleScope): Prisma.Sql {
  if (meetingGap(r) === 0) return Prisma.sql`TRUE`;
  return Prisma.sql`NOT EXISTS (${bufferNeighboursSql(r, scope, Prisma.sql`1`)})`;
}

/** The earliest start of a booking too close to `s` (null when none or no buffer). */
export function bufferNeighbourSql(r: BookingRules, scope: RuleScope): Prisma.Sql {
  if (meetingGap(r) === 0) return Prisma.sql`NULL::timestamptz`;
  return Prisma.sql`(${bufferNeighboursSql(r, scope, Prisma.sql`min(bs."startsAt")`)})`;
}

/** Live bookings on other slots in the business-local day or ISO week of `s`. */
export function periodCountSql(r: BookingRules, scope: RuleScope, unit: "day" | "week"): Prisma.Sql {
  // date_trunc on the local wall clock, then back to an instant: DST days have 23 or 25 hours.
  const unitSql = Prisma.raw(`'${unit}'`);
  const length = Prisma.raw(unit === "day" ? "interval '1 day'" : "interval '7 days'");
  const local = Prisma.sql`date_trunc(${unitSql}, s."startsAt" AT TIME ZONE ${r.timeZone}::text)`;
  return Prisma.sql`(
    SELECT count(*)::int FROM "Booking" b JOIN "Slot" bs ON bs."id" = b."slotId"
    WHERE b."slotId" <> s."id" AND ${liveBooking(scope)}
      AND bs."startsAt" >= (${local} AT TIME ZONE ${r.timeZone}::text)
      AND bs."startsAt" < ((${local} + ${length}) AT TIME ZONE ${r.timeZone}::text)
  )`;
}

export const dayFreeSql = (r: BookingRules, scope: RuleScope) =>
  r.dayCap === 0 ? Prisma.sql`TRUE` : Prisma.sql`${periodCountSql(r, scope, "day")} < ${r.dayCap}::int`;
export const weekFreeSql = (r: BookingRules, scope: RuleScope) =>
  r.weekCap === 0 ? Prisma.sql`TRUE` : Prisma.sql`${periodCountSql(r, scope, "week")} < ${r.weekCap}::int`;

/** Upcoming live bookings under this email (case-insensitive). */
export function emailCountSql(scope: RuleScope, email: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT count(*)::int FROM "Booking" b JOIN "Slot" bs ON bs."id" = b."slotId"
    WHERE lower(b."email") = lower(${email}) AND bs."startsAt" > ${scope.now} AND ${liveBooking(scope)}
  )`;
}

/** Fewer than the cap of upcoming live bookings under this email. */
export function emailFreeSql(r: BookingRules, scope: RuleScope, email: string): Prisma.Sql {
  if (r.emailCap === 0) return Prisma.sql`TRUE`;
  return Prisma.sql`${emailCountSql(scope, Prisma.sql`${email}::text`)} < ${r.emailCap}::int`;
}

/** The calendar busy check with the buffers around the slot (lib/calendars/busy-sql.ts). */
export const calendarFreeWithBuffersSql = (r: BookingRules, now: Date) =>
  calendarFreeSql(now, { before: r.bufferBefore, after: r.bufferAfter });

/** Every rule that involves other bookings, as one condition (the listing's filter). */
export function crossBookingFreeSql(r: BookingRules, scope: RuleScope): Prisma.Sql {
  return Prisma.sql`(${bufferFreeSql(r, scope)} AND ${dayFreeSql(r, scope)} AND ${weekFreeSql(r, scope)})`;
}

/** Each rule's verdict as a column, for a clear message on refusal (hold, reschedule, bookability). */
export function ruleColumnsSql(r: BookingRules, scope: RuleScope, email?: string): Prisma.Sql {
  return Prisma.sql`${bufferFreeSql(r, scope)} AS "bufferFree", ${dayFreeSql(r, scope)} AS "dayFree",
    ${weekFreeSql(r, scope)} AS "weekFree", ${email === undefined ? Prisma.sql`TRUE` : emailFreeSql(r, scope, email)} AS "emailFree"`;
}

export type RuleColumns = { bufferFree: boolean; dayFree: boolean; weekFree: boolean; emailFree: boolean };

/** The first rule the columns say is broken, in the order a visitor can act on. */
export function firstBrokenRule(c: RuleColumns): RuleBreak | null {
  if (!c.emailFree) return "email_cap";
  if (!c.bufferFree) return "buffer";
  if (!c.dayFree) return "day_cap";
  if (!c.weekFree) return "week_cap";
  return null;
}

/**
 * Takes the rules' advisory locks for the rest of the transaction, in the keys' (sorted)
 * order. The checking statement must come after this one: under READ COMMITTED it then sees
 * every claim that held the lock before it.
 */
export function ruleLocksSql(keys: readonly number[]): Prisma.Sql {
  return Prisma.sql`SELECT count(pg_advisory_xact_lock(${RULE_LOCK_CLASS}::int, k))::int AS "locks"
    FROM unnest(${[...keys]}::int[]) WITH ORDINALITY AS u(k, i)`;
}

export async function takeRuleLocks(tx: DbOrTx, keys: readonly number[]): Promise<void> {
  if (keys.length > 0) await tx.$queryRaw(ruleLocksSql(keys));
}
