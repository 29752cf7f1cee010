import { TZDate } from "@date-fns/tz";
import { dateKeyInZone } from "@/lib/format";
import { isCalendarDate, localDayBounds } from "@/lib/time-zones";

// The insights date range: whole business-local days, `from` and `to` inclusive, and the
// previous period of the same number of days just before it (ADR 110). Pure: the page and
// the CSV route parse the same search parameters with it.

export const RANGE_PRESETS = { "4w": 28, "12w": 84, "26w": 182, "52w": 364 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_PRESET: RangePreset = "12w";
/** Two years: enough for a year-on-year look, small enough that a typo cannot scan forever. */
export const MAX_RANGE_DAYS = 731;

export type Period = { from: string; to: string; days: number; start: Date; end: Date };
export type InsightsRange = { preset: RangePreset | "custom"; current: Period; previous: Period };
export type RangeResult = { ok: true; range: InsightsRange } | { ok: false; errors: { from?: string; to?: string; range?: string } };

/** A local date key moved by whole days (calendar days, so DST changes do not shift it). */
export function addDaysToKey(dateKey: string, days: number): string {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return moved.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function period(from: string, to: string, timeZone: string): Period {
  return { from, to, days: daysBetween(from, to), start: localDayBounds(from, timeZone).start, end: localDayBounds(to, timeZone).end };
}

function build(preset: InsightsRange["preset"], from: string, to: string, timeZone: string): InsightsRange {
  const days = daysBetween(from, to);
  const previousTo = addDaysToKey(from, -1);
  return { preset, current: period(from, to, timeZone), previous: period(addDaysToKey(previousTo, 1 - days), previousTo, timeZone) };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

/**
 * `?range=12w` (a preset ending today), or `?from=YYYY-MM-DD&to=YYYY-MM-DD`. Nothing given: the
 * default preset. Errors name the field, in words an admin can act on.
 */
export function parseInsightsRange(params: Record<string, string | string[] | undefined>, timeZone: string, now: Date): RangeResult {
  const today = dateKeyInZone(now, timeZone);
  const from = one(params.from);
  const to = one(params.to);
  const preset = one(params.range);
  if (!from && !to) {
    const chosen = (preset && preset in RANGE_PRESETS ? preset : DEFAULT_PRESET) as RangePreset;
    if (preset && preset !== "custom" && !(preset in RANGE_PRESETS))
      return { ok: false, errors: { range: "Choose one of the listed ranges." } };
    return { ok: true, range: build(chosen, addDaysToKey(today, 1 - RANGE_PRESETS[chosen]), today, timeZone) };
  }
  const errors: { from?: string; to?: string; range?: string } = {};
  if (!isCalendarDate(from)) errors.from = from ? "Enter the start date as a real date (YYYY-MM-DD)." : "Enter a start date.";
  if (!isCalendarDate(to)) errors.to = to ? "Enter the end date as a real date (YYYY-MM-DD)." : "Enter an end date.";
  if (errors.from || errors.to) return { ok: false, errors };
  if (from > to) return { ok: false, errors: { to: "The end date must be on or after the start date." } };
  if (daysBetween(from, to) > MAX_RANGE_DAYS) return { ok: false, errors: { range: `Choose at most ${MAX_RANGE_DAYS} days.` } };
  // Years outside this span are typos; TZDate and the database both accept them, so refuse here.
  if (from < "2000-01-01" || to > "2100-12-31") return { ok: false, errors: { range: "Choose dates between 2000 and 2100." } };
  return { ok: true, range: build("custom", from, to, timeZone) };
}

/** The query string that reproduces a range (for the CSV link and the preset links). */
export function rangeQuery(range: InsightsRange): string {
  return range.preset === "custom" ? `from=${range.current.from}&to=${range.current.to}` : `range=${range.preset}`;
}

/** Monday (local date key) of the business-local week containing an instant. */
export function weekKeyOf(dateKey: string): string {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDaysToKey(dateKey, -((weekday + 6) % 7));
}

/** Every week (Monday key) a period touches, oldest first, so empty weeks show as zero. */
export function weeksOf(p: Period): string[] {
  const weeks: string[] = [];
  for (let w = weekKeyOf(p.from); w <= p.to; w = addDaysToKey(w, 7)) weeks.push(w);
  return weeks;
}

/** Noon of a local date: an instant safely inside that day for formatting it. */
export function noonOf(dateKey: string, timeZone: string): Date {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 12, 0, timeZone).getTime());
}
