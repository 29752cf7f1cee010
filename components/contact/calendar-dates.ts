// Calendar arithmetic on plain dates ("YYYY-MM-DD" keys). Keys carry no time zone: the
// visitor's zone was applied when slots were grouped into dates, so UTC is just a
// convenient clock with no daylight-saving jumps.

export type Month = { year: number; month: number }; // month: 0-11

export function keyToUtc(key: string): Date {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function utcToKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDaysToKey(key: string, days: number): string {
  const date = keyToUtc(key);
  date.setUTCDate(date.getUTCDate() + days);
  return utcToKey(date);
}

/** The same day of another month, clamped to that month's last day. */
export function addMonthsToKey(key: string, months: number): string {
  const date = keyToUtc(key);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return utcToKey(target);
}

export function monthOfKey(key: string): Month {
  const date = keyToUtc(key);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() };
}

export function sameMonth(a: Month, b: Month): boolean {
  return a.year === b.year && a.month === b.month;
}

export function shiftMonth(m: Month, by: number): Month {
  const date = new Date(Date.UTC(m.year, m.month + by, 1));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() };
}

/** The Sunday-first weeks of the month (four to six); days of other months are null. Only
 *  weeks with a day of the month: an empty row would be read out as an empty grid row. */
export function monthGrid({ year, month }: Month): (string | null)[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const start = new Date(Date.UTC(year, month, 1 - first.getUTCDay()));
  const weeks = Array.from({ length: 6 }, (_, week) =>
    Array.from({ length: 7 }, (_, day) => {
      const date = new Date(start);
      date.setUTCDate(start.getUTCDate() + week * 7 + day);
      return date.getUTCMonth() === month ? utcToKey(date) : null;
    }),
  );
  return weeks.filter((week) => week.some((day) => day !== null));
}

const monthFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" });
const dayFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" });

/** "November 2026". */
export function monthLabel({ year, month }: Month): string {
  return monthFormat.format(new Date(Date.UTC(year, month, 1)));
}

/** "Wednesday, November 25". */
export function dayLabel(key: string): string {
  return dayFormat.format(keyToUtc(key));
}

export const WEEKDAYS = [
  ["Sun", "Sunday"],
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
] as const;
