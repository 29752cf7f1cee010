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

type PageRow = { body: string; next: string | null };

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
           (SELECT "next" FROM cut) AS "next"`;
  return row ?? { body: "[]", next: null };
}

/** More slots than any one date holds: the bound when a date is answered whole. */
const ONE_DATE_MAX_SLOTS = 1_000_000;

/** Days of the window the first try reads; doubled until the page fills (or the window ends). */
const FIRST_SPAN_DAYS = 7;

/**
 * `[{ date, slots }]` from `from` (business-local date, inclusive; default the window's start)
 * to `to` (inclusive; default its end), cut after the last whole date that fits in `limit`
 * slots. The rules are checked on a span of the window that doubles until the page is full, not
 * on the whole window: Postgres does not reliably stop at the LIMIT (measured: a 365-day window
 * cost twice a 30-day one), and the span bounds the cost by the page, not by the window.
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
  let row: PageRow;
  for (let days = FIRST_SPAN_DAYS; ; days *= 2) {
    const end = new Date(window.from.getTime() + days * 86_400_000);
    const last = end >= window.to;
    row = await pageRows(db, s, last ? window : { ...window, to: end }, viewer, limit);
    if (row.next || last) break;
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
