import { canonicalZone } from "./time-zone-aliases";

// The one home for display formatting of money, zones and calendar dates.
// Intl only, no date library and nothing server-side: the browser bundle, server pages,
// emails and admin all import it, so the site, the inbox and the CSV say the same thing.

// Building an Intl formatter costs far more than using one, and a reminder run formats
// thousands of times in a handful of zones: keep them, bounded so odd zones cannot grow it.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= 512) formatters.clear();
    formatter = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? "";
}

const en = (timeZone: string, options: Intl.DateTimeFormatOptions) => dateTimeFormat("en-US", timeZone, options);

/** Integer cents to "$10" (whole amounts) or "$10.50", always with the currency's symbol. */
export function formatMoney(cents: number, currency: string): string {
  const digits = cents % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(cents / 100);
}

/** Integer cents to a plain decimal, "10.00": for CSV cells and form inputs, not for reading. */
export function formatDecimalAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Parses "10", "10.5" or "10.00" (an amount typed in major units) into cents without floating-point error. */
export function parseAmountToCents(input: string): number | undefined {
  const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateKeyInZone(instant: string | Date, timeZone: string): string {
  const parts = en(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  return `${part(parts, "year")}-${part(parts, "month")}-${part(parts, "day")}`;
}

/** The first and last dates of a booking window of `windowDays` from `now`, in `timeZone`. */
export function calendarBounds(timeZone: string, now: string | Date, windowDays: number): { todayKey: string; lastKey: string } {
  const start = new Date(now);
  return {
    todayKey: dateKeyInZone(start, timeZone),
    lastKey: dateKeyInZone(new Date(start.getTime() + windowDays * 86_400_000), timeZone),
  };
}

// Intl names zones only in the locale that uses them ("EDT" in en-US, "BST"/"CEST" in
// en-GB, "AEDT" in en-AU, "IST" in en-IN); elsewhere it prints "GMT+1". en-IE is left
// out on purpose: its "IST" (Irish Standard Time) would clash with India's.
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];
const OFFSET_ONLY = /^GMT[+-]/;

/** A zone's abbreviation at an instant (EST/EDT, GMT/BST, CET/CEST, UTC…), or its GMT offset. */
export function zoneAbbreviation(instant: string | Date, timeZone: string): string {
  const at = new Date(instant);
  let fallback = "UTC";
  for (const locale of ABBREVIATION_LOCALES) {
    const name = part(dateTimeFormat(locale, timeZone, { timeZoneName: "short" }).formatToParts(at), "timeZoneName");
    if (!name) continue;
    if (!OFFSET_ONLY.test(name)) return name;
    if (fallback === "UTC") fallback = name;
  }
  return fallback;
}

// A few zone ids whose last part does not spell the place.
const CITY_NAMES: Record<string, string> = {
  "America/St_Johns": "St. John's",
  "Antarctica/DumontDUrville": "Dumont d'Urville",
};

/** "America/New_York" → "New York", "America/Argentina/San_Juan" → "San Juan, Argentina"; a readable zone name. */
export function zoneCity(timeZone: string): string {
  const named = CITY_NAMES[timeZone];
  if (named) return named;
  const parts = timeZone.split("/").map((p) => p.replaceAll("_", " "));
  // Three parts name a place inside a country or state: "San Juan" alone would read as Puerto Rico.
  return parts.length === 3 ? `${parts[2]}, ${parts[1]}` : (parts.at(-1) ?? timeZone);
}

/** "New York (EST)", or just "UTC" where the city and the abbreviation are the same word. */
export function zoneLabel(instant: string | Date, timeZone: string): string {
  const city = zoneCity(timeZone);
  const abbreviation = zoneAbbreviation(instant, timeZone);
  return city === abbreviation ? city : `${city} (${abbreviation})`;
}

/** The zone's offset from UTC at an instant: "UTC−5", "UTC+5:30", "UTC+0" (with a real minus sign). */
export function zoneOffset(instant: string | Date, timeZone: string): string {
  const name = part(en(timeZone, { timeZoneName: "shortOffset" }).formatToParts(new Date(instant)), "timeZoneName");
  const offset = name.replace(/^GMT/, "").replace("-", "\u2212");
  return `UTC${offset || "+0"}`;
}

/** The zone's everyday name, the same all year: "Eastern Time", "Central European Time"; "UTC" for UTC. */
export function zoneGenericName(instant: string | Date, timeZone: string): string {
  if (isUtc(timeZone)) return "UTC";
  const name = part(en(timeZone, { timeZoneName: "longGeneric" }).formatToParts(new Date(instant)), "timeZoneName");
  // Intl has no name for some zones and prints their offset instead.
  return !name || OFFSET_ONLY.test(name) ? `${zoneCity(timeZone)} time` : name;
}

/** "Eastern Time (EST)", "Central European Time (CEST)", "Japan Standard Time (UTC+9)"; "UTC" rather than "UTC time (UTC)". */
export function zoneDescription(instant: string | Date, timeZone: string): string {
  if (isUtc(timeZone)) return "UTC";
  const abbreviation = zoneAbbreviation(instant, timeZone);
  const generic = zoneGenericName(instant, timeZone);
  return `${generic} (${OFFSET_ONLY.test(abbreviation) ? zoneOffset(instant, timeZone) : abbreviation})`;
}

function isUtc(timeZone: string): boolean {
  return canonicalZone(timeZone) === "UTC";
}

/** e.g. "2:00 PM". */
export function formatTime(instant: string | Date, timeZone: string): string {
  return en(timeZone, { hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** e.g. "Wednesday, November 25, 2026". */
export function formatLongDate(instant: string | Date, timeZone: string): string {
  return en(timeZone, { weekday: "long", month: "long", day: "numeric", year: "numeric" }).format(new Date(instant));
}

/** e.g. "Wed, Nov 25". */
export function formatShortDate(instant: string | Date, timeZone: string): string {
  return en(timeZone, { weekday: "short", month: "short", day: "numeric" }).format(new Date(instant));
}

/** "Wednesday, November 25, 2026 at 2:00 PM GMT". */
export function formatWhen(instant: string | Date, timeZone: string): string {
  return `${formatLongDate(instant, timeZone)} at ${formatTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`;
}

/** "60 min", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** The browser's own zone under its current name; the business zone where the platform cannot tell. */
export function detectTimeZone(fallback: string): string {
  try {
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return detected ? canonicalZone(detected) : fallback;
  } catch {
    return fallback;
  }
}
