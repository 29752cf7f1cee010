import "server-only";
import { settings, type Settings } from "@/lib/settings/settings";
import { getDb, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { SETTLED_BOOKING_STATUSES, sqlList } from "@/lib/status/booking-status";
import { localDayBounds } from "@/lib/time-zones";
import { offeredMethods } from "@/lib/meetings/rooms";
import { bookableRange, bookingRules } from "./rules";
import { calendarFreeWithBuffersSql, crossBookingFreeSql } from "./rules-sql";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import { sha256Hex } from "./ids";

const SETTLED_IN = Prisma.raw(sqlList(SETTLED_BOOKING_STATUSES));

export type AvailableSlot = {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  requiresPayment: boolean;
  methods: MeetingMethodName[];
  /** Held by the viewer's own live hold: still theirs to pick (ADR 082). */
  heldByYou: boolean;
};

export type AvailableDate = { date: string; slots: AvailableSlot[] };

// The read side is one SQL statement that filters, groups by business-local date and builds
// the JSON in PostgreSQL. Building ~700 slot objects in JavaScript (Prisma row mapping, a
// zoned Date per slot for its date key, toISOString, JSON.stringify) was the cost that held
// GET /api/slots/available to a tenth of a static route's throughput (docs/benchmarks.md).
// The bookability rule is the same one placeHold's INSERT re-checks atomically.

type Window = { now: Date; from: Date; to: Date };

/**
 * Whose listing this is: the visitor's browser-session id (the bk_session cookie), if any.
 * Their own live hold does not hide its slot from them, so "Change time" can go back to it.
 */
export type Viewer = {
  clientSession?: string;
  /** The booking being rescheduled (the manage page's picker): it blocks no buffer or cap of its own. */
  movingBookingId?: string;
};

// Stored hashes are hex, never empty: an anonymous viewer's "" matches no hold.
const viewerHash = (viewer: Viewer) => (viewer.clientSession ? sha256Hex(viewer.clientSession) : "");

/** Visitors may book from MIN_NOTICE_MINUTES after now until BOOKING_WINDOW_DAYS after it (lib/booking/rules.ts). */
export function bookingWindow(now: Date, s: Settings, day?: { start: Date; end: Date }): Window {
  const { from, to } = bookableRange(bookingRules(s), now);
  if (!day) return { now, from, to };
  return { now, from: day.start > from ? day.start : from, to: day.end < to ? day.end : to };
}

/** `[{ date, slots: [...] }]` as JSON text, dates ascending, one query whatever the count. */
async function availableDatesJson(db: DbOrTx, s: Settings, window: Window, viewer: Viewer): Promise<string> {
  const timeZone = s.BUSINESS_TIME_ZONE;
  const rules = bookingRules(s);
  const offered = offeredMethods(s);
  const own = viewerHash(viewer);
  const rows = await db.$queryRaw<{ body: string }[]>`
    WITH open AS (
      SELECT s."id", s."startsAt", s."durationMinutes", s."priceCents", s."currency",
             s."requiresPayment" AND s."priceCents" > 0 AS "requiresPayment",
             to_char(s."startsAt" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS "date",
             ARRAY(SELECT m FROM unnest(s."methods"::text[]) WITH ORDINALITY AS u(m, i)
                   WHERE m = ANY(${offered}::text[]) ORDER BY i) AS "methods",
             ${own}::text <> '' AND EXISTS (
               SELECT 1 FROM "Booking" b
               WHERE b."slotId" = s."id" AND b."status" = 'PENDING_PAYMENT'
                 AND b."holdExpiresAt" > ${window.now} AND b."clientSessionHash" = ${own}::text
             ) AS "heldByYou"
      FROM "Slot" s
      WHERE s."isAvailable"
        AND s."startsAt" >= ${window.from} AND s."startsAt" < ${window.to}
        AND s."methods"::text[] && ${offered}::text[]
        -- Busy in the owner's calendars (the cache only; lib/calendars/busy-sql.ts), with the buffers.
        AND ${calendarFreeWithBuffersSql(rules, window.now)}
        -- Buffers and day/week caps against other live bookings (TRUE when off; rules-sql.ts).
        AND ${crossBookingFreeSql(rules, { now: window.now, excludeBookingId: viewer.movingBookingId })}
        AND NOT EXISTS (
          SELECT 1 FROM "Booking" b
          WHERE b."slotId" = s."id"
            -- Settled live bookings block for good, a hold only until it lapses, and never
            -- for the visitor who holds it.
            AND (b."status" IN (${SETTLED_IN})
                 OR (b."status" = 'PENDING_PAYMENT' AND b."holdExpiresAt" > ${window.now}
                     AND b."clientSessionHash" IS DISTINCT FROM ${own}::text))
        )
    ), days AS (
      SELECT "date", json_agg(json_build_object(
               'id', "id",
               'startsAt', to_char("startsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'endsAt', to_char(("startsAt" + make_interval(mins => "durationMinutes")) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'durationMinutes', "durationMinutes",
               'priceCents', "priceCents",
               'currency', "currency",
               'requiresPayment', "requiresPayment",
               'methods', "methods",
               'heldByYou', "heldByYou") ORDER BY "startsAt") AS "slots"
      FROM open GROUP BY "date"
    )
    SELECT COALESCE(json_agg(json_build_object('date', "date", 'slots', "slots") ORDER BY "date"), '[]')::text AS "body"
    FROM days`;
  return rows[0]?.body ?? "[]";
}

// Concurrent identical reads share one query in flight (request coalescing): under a burst,
// each response is at most one query's duration older than its request, and nothing is
// kept once the query settles. Bookability is still decided by placeHold's atomic INSERT.
const inflight = new Map<string, Promise<ZonedJson>>();
function coalesced(key: string, read: () => Promise<ZonedJson>): Promise<ZonedJson> {
  let pending = inflight.get(key);
  if (!pending) {
    pending = read().finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/**
 * The body of GET /api/slots/available's `dates`: bookable slots in the booking window,
 * grouped by date in the business time zone, as JSON text.
 */
export function availableDatesBody(viewer: Viewer = {}): Promise<ZonedJson> {
  // Anonymous reads (the burst case) still share one query; a viewer's own differ by hold.
  return coalesced(`all:${viewerHash(viewer)}:${viewer.movingBookingId ?? ""}`, () => datesJson(new Date(), viewer));
}

/** JSON text with the business zone it was grouped in (one settings read per request). */
export type ZonedJson = { timeZone: string; json: string };

async function datesJson(now: Date, viewer: Viewer, dateKey?: string): Promise<ZonedJson> {
  const db = await getDb();
  const s = await settings(db);
  const day = dateKey === undefined ? undefined : localDayBounds(dateKey, s.BUSINESS_TIME_ZONE);
  return { timeZone: s.BUSINESS_TIME_ZONE, json: await availableDatesJson(db, s, bookingWindow(now, s, day), viewer) };
}

/** Bookable slots in the booking window, grouped by date in the business time zone. */
export async function listAvailableDates(now = new Date(), viewer: Viewer = {}): Promise<AvailableDate[]> {
  return JSON.parse((await datesJson(now, viewer)).json) as AvailableDate[];
}

/** `[...slots]` of one business-local date (YYYY-MM-DD, already validated), as JSON text. */
export function availableSlotsOnBody(dateKey: string, viewer: Viewer = {}): Promise<ZonedJson> {
  return coalesced(`date:${dateKey}:${viewerHash(viewer)}:${viewer.movingBookingId ?? ""}`, () => slotsOnJson(dateKey, new Date(), viewer));
}

async function slotsOnJson(dateKey: string, now: Date, viewer: Viewer): Promise<ZonedJson> {
  const { timeZone, json } = await datesJson(now, viewer, dateKey);
  const [only] = JSON.parse(json) as AvailableDate[];
  return { timeZone, json: JSON.stringify(only?.slots ?? []) };
}

/** The slots of one business-local date (tests and server pages; the route uses the JSON text). */
export async function listAvailableSlotsOn(dateKey: string, now = new Date(), viewer: Viewer = {}): Promise<AvailableSlot[]> {
  return JSON.parse((await slotsOnJson(dateKey, now, viewer)).json) as AvailableSlot[];
}
