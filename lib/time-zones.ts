import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

import { zoneAbbreviation } from "@/lib/format";

export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** UTC bounds [start, end) of a local calendar date in a time zone. */
export function localDayBounds(dateKey: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  const start = new TZDate(y, m - 1, d, 0, 0, timeZone);
  const end = new TZDate(y, m - 1, d + 1, 0, 0, timeZone);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(input: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** e.g. "Tue, Mar 10, 2026, 9:00 AM EDT" in the given zone. */
export function formatInZone(instant: Date, timeZone: string, pattern = "EEE, MMM d, yyyy, h:mm a zzz"): string {
  // date-fns's "zzz" asks Intl in en-US only ("GMT+1" for Berlin): write the shared abbreviation instead.
  const named = pattern.replace(/z+/g, () => `'${zoneAbbreviation(instant, timeZone)}'`);
  return format(new TZDate(instant.getTime(), timeZone), named);
}

/** True for a calendar month written as YYYY-MM (01–12). */
export function isCalendarMonth(input: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(input);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** UTC bounds [start, end) of a local calendar month (YYYY-MM) in a time zone. */
export function localMonthBounds(monthKey: string, timeZone: string): { start: Date; end: Date } {
  const [y, m] = monthKey.split("-").map(Number) as [number, number];
  return {
    start: new Date(new TZDate(y, m - 1, 1, 0, 0, timeZone).getTime()),
    end: new Date(new TZDate(y, m, 1, 0, 0, timeZone).getTime()),
  };
}
