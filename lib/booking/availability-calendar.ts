import "server-only";
import type { DbOrTx } from "@/lib/db";
import { dateKeyInZone } from "@/lib/format";
import type { Settings } from "@/lib/settings/settings";
import { localDayBounds, localMonthBounds } from "@/lib/time-zones";
import {
  bookingWindow,
  coalesced,
  listingContext,
  openSlotsSql,
  SLOT_JSON,
  viewerKey,
  type AvailableSlot,
  type Viewer,
  type Window,
  type ZonedJson,
} from "./availability";
import { SETTLED_IN } from "./rules-sql";

// Answers whose size does not grow with the booking window (ADR 140): a month's dates with
// counts, one page of the old whole-window listing, and what the page around the calendar
// needs (fee, durations, methods, first open date). All filter through openSlotsSql, the
// same rules as every other listing and placeHold's INSERT.

/** A date with open times and how many (local dates in the zone asked for). */
export type DateCount = { date: string; count: number };

/** Clip the booking window to [start, end). */
function clip(window: Window, range: { start: Date; end: Date }): Window {
  return {
    now: window.now,
    from: range.start > window.from ? range.start : window.from,
    to: range.end < window.to ? range.end : window.to,
  };
}

async function dateCountsJson(db: DbOrTx, s: Settings, window: Window, viewer: Viewer, zone: string): Promise<string> {
  const rows = await db.$queryRaw<{ body: string }[]>`
    WITH open AS (${openSlotsSql(s, window, viewer, zone)})
    SELECT COALESCE(json_agg(json_build_object('date', "date", 'count', "count") ORDER BY "date"), '[]')::text AS "body"
    FROM (SELECT "date", count(*)::int AS "count" FROM open GROUP BY "date") d`;
  return rows[0]?.body ?? "[]";
}

async function monthCounts(month: string, zone: string | undefined, now: Date, viewer: Viewer): Promise<ZonedJson> {
  const { db, s } = await listingContext();
  const timeZone = zone ?? s.BUSINESS_TIME_ZONE;
  const window = clip(bookingWindow(now, s), localMonthBounds(month, timeZone));
  return { timeZone, json: window.from < window.to ? await dateCountsJson(db, s, window, viewer, timeZone) : "[]" };
}

/** `[{ date, count }]` of one local month (YYYY-MM, already validated) as JSON text, in `zone` (default: the business zone). */
export function availableDateCountsBody(month: string, viewer: Viewer = {}, zone?: string): Promise<ZonedJson> {
  return coalesced(`month:${month}:${zone ?? ""}:${viewerKey(viewer)}`, () => monthCounts(month, zone, new Date(), viewer));
}

/** The same, parsed (server pages, tests). */
export async function listDateCounts(month: string, now = new Date(), viewer: Viewer = {}, zone?: string): Promise<DateCount[]> {
  return JSON.parse((await monthCounts(month, zone, now, viewer)).json) as DateCount[];
}

/** Slots per page of GET /api/slots/available: about 40 kB of JSON (ADR 140). */
export const AVAILABLE_PAGE_SLOTS = 150;

/** One page of the whole-window listing, whole dates only, and the first date of the next page. */
export type DatesPage = ZonedJson & { next: string | null };

type PageRow = { body: string; next: string | null; found: number };

/** The first `limit` open slots of `window` in whole dates, or fewer if the window holds fewer. */
async function pageRows(db: DbOrTx, s: Settings, window: Window, viewer: Viewer, limit: number): Promise<PageRow> {
  const zone = s.BUSINESS_TIME_ZONE;
  const [row] = await db.$queryRaw<PageRow[]>`
    WITH open AS (${openSlotsSql(s, window, viewer, zone)} ORDER BY s."startsAt" LIMIT ${limit + 1}::int),
    cut AS (SELECT CASE WHEN count(*) > ${limit}::int THEN max("date") END AS "next" FROM open),
    days AS (
      SELECT "date", json_agg(${SLOT_JSON} ORDER BY "startsAt") AS "slots"
      FROM open WHERE "date" < COALESCE((SELECT "next" FROM cut), '9999-12-31') GROUP BY "date"
    )
    SELECT COALESCE((SELECT json_agg(json_build_object('date', "date", 'slots', "slots") ORDER BY "date") FROM days), '[]')::text AS "body",
           (SELECT "next" FROM cut) AS "next",
           (SELECT count(*) FROM open)::int AS "found"`;
  return row ?? { body: "[]", next: null, found: 0 };
}

/** More slots than any one date holds: the bound when a date is answered whole. */
const ONE_DATE_MAX_SLOTS = 1_000_000;

/**
 * Unbooked slots the first span holds, per slot of the page: room for the ones the rules and
 * the calendars hide, so that one rules query usually fills the page.
 */
const FIRST_SPAN_SLOTS_PER_PAGE_SLOT = 1.5;

/**
 * Where the first span of a page ends: just after the slot at `count` among the window's
 * available, unbooked slots (or the window's end if it holds fewer). An index range scan of a
 * few hundred rows, without the rules or the calendars: those cost per slot checked, and a span
 * sized from the slots themselves fits any density, where a fixed number of days was too short
 * at a sparse one (two rules queries per page) and too long at a dense one.
 */
export async function firstSpanEnd(db: DbOrTx, window: Window, count: number): Promise<Date> {
  const rows = await db.$queryRaw<{ startsAt: Date }[]>`
    SELECT s."startsAt" FROM "Slot" s
    WHERE s."isAvailable" AND s."startsAt" >= ${window.from} AND s."startsAt" < ${window.to}
      AND NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s."id" AND b."status" IN (${SETTLED_IN}))
    ORDER BY s."startsAt" OFFSET ${count - 1}::int LIMIT 1`;
  const at = rows[0]?.startsAt;
  return at ? new Date(at.getTime() + 1) : window.to;
}

/** The shortest span tried: a day, so hidden slots close together do not cost many tries. */
const MIN_SPAN_MS = 86_400_000;

/**
 * How much a span that did not fill the page grows: by the share of open slots it found,
 * with the same room as the first span, at least doubled and at most 4 times. Not more: the
 * rules query costs about its span, LIMIT or not (measured on a 365-day window whose first
 * month the calendars hide: a page cost 40 ms growing at most 4×, 68 ms at 8×, 115–130 ms at 16×).
 */
export function spanGrowth(found: number, limit: number): number {
  const needed = ((limit + 1) * FIRST_SPAN_SLOTS_PER_PAGE_SLOT) / Math.max(found, 1);
  return Math.min(Math.max(needed, 2), 4);
}

/**
 * `[{ date, slots }]` from `from` (business-local date, inclusive; default the window's start)
 * to `to` (inclusive; default its end), cut after the last whole date that fits in `limit`
 * slots. The rules are checked on a span of the window, not on the whole window: Postgres does
 * not reliably stop at the LIMIT (measured: a 365-day window cost twice a 30-day one). The first
 * span is sized from the unbooked slots (firstSpanEnd) and grows while the page is not full
 * (spanGrowth), so the cost is bounded by the page, not by the window.
 */
export async function availableDatesPage(
  range: { from?: string; to?: string },
  now = new Date(),
  viewer: Viewer = {},
  limit = AVAILABLE_PAGE_SLOTS,
): Promise<DatesPage> {
  const { db, s } = await listingContext();
  const zone = s.BUSINESS_TIME_ZONE;
  let window = bookingWindow(now, s);
  if (range.from) window = clip(window, { start: localDayBounds(range.from, zone).start, end: window.to });
  if (range.to) window = clip(window, { start: window.from, end: localDayBounds(range.to, zone).end });
  if (window.from >= window.to) return { timeZone: zone, json: "[]", next: null };
  const wanted = Math.min(Math.ceil((limit + 1) * FIRST_SPAN_SLOTS_PER_PAGE_SLOT), ONE_DATE_MAX_SLOTS);
  let span = Math.max((await firstSpanEnd(db, window, wanted)).getTime() - window.from.getTime(), MIN_SPAN_MS);
  let row: PageRow;
  for (;;) {
    const end = new Date(window.from.getTime() + span);
    const last = end >= window.to;
    row = await pageRows(db, s, last ? window : { ...window, to: end }, viewer, limit);
    if (row.next || last) break;
    span *= spanGrowth(row.found, limit);
  }
  const next = row.next;
  if (!next || row.body !== "[]") return { timeZone: zone, json: row.body, next };
  // One date alone holds more than a page: it is answered whole, so a page never splits a date.
  const day = localDayBounds(next, zone);
  const whole = await availableDatesPage({ from: next, to: next }, now, viewer, ONE_DATE_MAX_SLOTS);
  const after = dateKeyInZone(day.end, zone);
  return { ...whole, next: range.to && after > range.to ? null : after };
}

/** The listing page, shared by concurrent identical requests. */
export function availableDatesPageBody(range: { from?: string; to?: string }, viewer: Viewer = {}): Promise<DatesPage> {
  return coalesced(`page:${range.from ?? ""}:${range.to ?? ""}:${viewerKey(viewer)}`, () => availableDatesPage(range, new Date(), viewer));
}

/** What the page around the calendar states, without the slots themselves. */
export type SlotKind = Pick<AvailableSlot, "durationMinutes" | "priceCents" | "currency" | "requiresPayment" | "methods">;
export type OpenSummary = { kinds: SlotKind[]; firstDate: string | null };

/** The distinct kinds of open slot in the window (fee, length, methods) and the first open business-local date. */
export async function openSummary(now = new Date(), viewer: Viewer = {}): Promise<OpenSummary> {
  const { db, s } = await listingContext();
  const [row] = await db.$queryRaw<{ kinds: SlotKind[] | null; firstDate: string | null }[]>`
    WITH open AS (${openSlotsSql(s, bookingWindow(now, s), viewer, s.BUSINESS_TIME_ZONE)})
    SELECT (SELECT min("date") FROM open) AS "firstDate",
           (SELECT json_agg(k) FROM (SELECT DISTINCT "durationMinutes", "priceCents", "currency", "requiresPayment", "methods" FROM open) k) AS "kinds"`;
  return { kinds: row?.kinds ?? [], firstDate: row?.firstDate ?? null };
}

/** One slot if it is bookable for this viewer now (a reloaded later step names it in its URL). */
export async function openSlotById(slotId: string, now = new Date(), viewer: Viewer = {}): Promise<AvailableSlot | null> {
  const { db, s } = await listingContext();
  const [row] = await db.$queryRaw<{ slot: AvailableSlot }[]>`
    WITH open AS (${openSlotsSql(s, bookingWindow(now, s), viewer, s.BUSINESS_TIME_ZONE, slotId)})
    SELECT ${SLOT_JSON} AS "slot" FROM open`;
  return row?.slot ?? null;
}
