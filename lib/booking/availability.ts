import "server-only";
import { settings, type Settings } from "@/lib/settings/settings";
import { getDb, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { localDayBounds } from "@/lib/time-zones";
import { offeredMethods } from "@/lib/meetings/rooms";
import { bookableRange, bookingRules } from "./rules";
import { calendarFreeWithBuffersSql, crossBookingFreeSql, SETTLED_IN } from "./rules-sql";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import { sha256Hex } from "./ids";

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

export type Window = { now: Date; from: Date; to: Date };

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
export const viewerKey = (viewer: Viewer) => `${viewerHash(viewer)}:${viewer.movingBookingId ?? ""}`;
const viewerHash = (viewer: Viewer) => (viewer.clientSession ? sha256Hex(viewer.clientSession) : "");

/** Visitors may book from MIN_NOTICE_MINUTES after now until BOOKING_WINDOW_DAYS after it (lib/booking/rules.ts). */
export function bookingWindow(now: Date, s: Settings, day?: { start: Date; end: Date }): Window {
  const { from, to } = bookableRange(bookingRules(s), now);
  if (!day) return { now, from, to };
  return { now, from: day.start > from ? day.start : from, to: day.end < to ? day.end : to };
}

/** The viewer's bookable slots in the window as a SELECT (the `open` CTE of every listing query). */
export function openSlotsSql(s: Settings, window: Window, viewer: Viewer, dateZone: string, slotId?: string): Prisma.Sql {
  const rules = bookingRules(s);
  const offered = offeredMethods(s);
  const own = viewerHash(viewer);
  const onlySlot = slotId === undefined ? Prisma.empty : Prisma.sql`AND s."id"::text = ${slotId}`;
  return Prisma.sql`
      SELECT s."id", s."startsAt", s."durationMinutes", s."priceCents", s."currency",
             s."requiresPayment" AND s."priceCents" > 0 AS "requiresPayment",
             to_char(s."startsAt" AT TIME ZONE ${dateZone}, 'YYYY-MM-DD') AS "date",
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
        ${onlySlot}
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
        )`;
}

/** One slot's JSON object, built in PostgreSQL from a row of openSlotsSql. */
export const SLOT_JSON = Prisma.sql`json_build_object(
               'id', "id",
               'startsAt', to_char("startsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'endsAt', to_char(("startsAt" + make_interval(mins => "durationMinutes")) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'durationMinutes', "durationMinutes",
               'priceCents', "priceCents",
               'currency', "currency",
               'requiresPayment', "requiresPayment",
               'methods', "methods",
               'heldByYou', "heldByYou")`;

/** `[{ date, slots: [...] }]` as JSON text, dates ascending, one query whatever the count. */
async function availableDatesJson(db: DbOrTx, s: Settings, window: Window, viewer: Viewer, zone: string): Promise<string> {
  const rows = await db.$queryRaw<{ body: string }[]>`
    WITH open AS (${openSlotsSql(s, window, viewer, zone)}    ), days AS (
      SELECT "date", json_agg(${SLOT_JSON} ORDER BY "startsAt") AS "slots"
      FROM open GROUP BY "date"
    )
    SELECT COALESCE(json_agg(json_build_object('date', "date", 'slots', "slots") ORDER BY "date"), '[]')::text AS "body"
    FROM days`;
  return rows[0]?.body ?? "[]";
}

// Concurrent identical reads share one query in flight (request coalescing): under a burst,
// each response is at most one query's duration older than its request, and nothing is
// kept once the query settles. Bookability is still decided by placeHold's atomic INSERT.
const inflight = new Map<string, Promise<unknown>>();
export function coalesced<T>(key: string, read: () => Promise<T>): Promise<T> {
  let pending = inflight.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read().finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/** JSON text with the zone it was grouped in (one settings read per request). */
export type ZonedJson = { timeZone: string; json: string };

/** Settings and database for one listing read: the snapshot every query of it agrees with. */
export async function listingContext() {
  const db = await getDb();
  return { db, s: await settings(db) };
}

async function datesJson(now: Date, viewer: Viewer, dateKey?: string, zone?: string): Promise<ZonedJson> {
  const { db, s } = await listingContext();
  const timeZone = zone ?? s.BUSINESS_TIME_ZONE;
  const day = dateKey === undefined ? undefined : localDayBounds(dateKey, timeZone);
  return { timeZone, json: await availableDatesJson(db, s, bookingWindow(now, s, day), viewer, timeZone) };
}

/** Bookable slots in the whole booking window, grouped by date in the business time zone (server pages, tests). */
export async function listAvailableDates(now = new Date(), viewer: Viewer = {}): Promise<AvailableDate[]> {
  return JSON.parse((await datesJson(now, viewer)).json) as AvailableDate[];
}

/**
 * `[...slots]` of one local date (YYYY-MM-DD, already validated) as JSON text, in `zone`
 * (the visitor's; the business zone when absent).
 */
export function availableSlotsOnBody(dateKey: string, viewer: Viewer = {}, zone?: string): Promise<ZonedJson> {
  return coalesced(`date:${dateKey}:${zone ?? ""}:${viewerKey(viewer)}`, () => slotsOnJson(dateKey, new Date(), viewer, zone));
}

async function slotsOnJson(dateKey: string, now: Date, viewer: Viewer, zone?: string): Promise<ZonedJson> {
  const { timeZone, json } = await datesJson(now, viewer, dateKey, zone);
  const [only] = JSON.parse(json) as AvailableDate[];
  return { timeZone, json: JSON.stringify(only?.slots ?? []) };
}

/** The slots of one local date (tests and server pages; the route uses the JSON text). */
export async function listAvailableSlotsOn(
  dateKey: string,
  now = new Date(),
  viewer: Viewer = {},
  zone?: string,
): Promise<AvailableSlot[]> {
  return JSON.parse((await slotsOnJson(dateKey, now, viewer, zone)).json) as AvailableSlot[];
}
