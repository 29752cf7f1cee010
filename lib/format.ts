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

/** "America/New_York" → "New York"; used as a readable zone name. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replaceAll("_", " ");
}

/** "New York (EST)", or just "UTC" where the city and the abbreviation are the same word. */
export function zoneLabel(instant: string | Date, timeZone: string, between = " "): string {
  const city = zoneCity(timeZone);
  const abbreviation = zoneAbbreviation(instant, timeZone);
  return city === abbreviation ? city : `${city}${between}(${abbreviation})`;
}

/** "New York time (EST)", or "UTC" rather than "UTC time (UTC)". */
export function zoneDescription(instant: string | Date, timeZone: string): string {
  return zoneLabel(instant, timeZone, " time ");
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

/** The browser's own zone; the business zone where the platform cannot tell. */
export function detectTimeZone(fallback: string): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || fallback;
  } catch {
    return fallback;
  }
}
