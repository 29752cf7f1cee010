import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

// Display formatting for emails (the edge where UTC instants meet a reader's zone).

// Intl names zones only in the locale that uses them ("EDT" in en-US, "BST"/"CEST" in
// en-GB, "AEDT" in en-AU, "IST" in en-IN); elsewhere it prints "GMT+1". en-IE is left
// out on purpose: its "IST" (Irish Standard Time) would clash with India's.
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];
const OFFSET_ONLY = /^GMT[+-]/;

// Building an Intl formatter costs far more than using one, and a reminder run formats
// thousands of times in a handful of zones: keep them, bounded so odd zones cannot grow it.
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();
function zoneNameFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = zoneNameFormats.get(key);
  if (!formatter) {
    if (zoneNameFormats.size >= 512) zoneNameFormats.clear();
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
    zoneNameFormats.set(key, formatter);
  }
  return formatter;
}

/** A zone's abbreviation at an instant (EST/EDT, GMT/BST, CET/CEST…), or its GMT offset. */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  let fallback = "UTC";
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneNameFormat(locale, timeZone)
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value;
    if (!name) continue;
    if (!OFFSET_ONLY.test(name)) return name;
    if (fallback === "UTC") fallback = name;
  }
  return fallback;
}

/** "America/New_York" → "New York". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
}

function zoned(instant: Date, timeZone: string): TZDate {
  return new TZDate(instant.getTime(), timeZone);
}

/**
 * "Tuesday, March 10, 2026, 10:00 AM – 11:00 AM EDT" in the given zone. Each end carries
 * its own abbreviation when a meeting spans a clock change, and its own date when it
 * ends on the next day.
 */
export function formatTimeRange(startsAt: Date, endsAt: Date, timeZone: string): string {
  const start = zoned(startsAt, timeZone);
  const end = zoned(endsAt, timeZone);
  const startAbbr = zoneAbbreviation(startsAt, timeZone);
  const endAbbr = zoneAbbreviation(endsAt, timeZone);
  const day = format(start, "EEEE, MMMM d, yyyy");
  const sameDay = format(start, "yyyy-MM-dd") === format(end, "yyyy-MM-dd");
  const endText = `${sameDay ? "" : `${format(end, "EEEE, MMMM d")}, `}${format(end, "h:mm a")} ${endAbbr}`;
  const startText = format(start, "h:mm a") + (startAbbr === endAbbr && sameDay ? "" : ` ${startAbbr}`);
  return `${day}, ${startText} – ${endText}`;
}

/** Short form for subject lines: "Tue, Mar 10, 10:00 AM EDT". */
export function formatShortStart(startsAt: Date, timeZone: string): string {
  return `${format(zoned(startsAt, timeZone), "EEE, MMM d, h:mm a")} ${zoneAbbreviation(startsAt, timeZone)}`;
}

/** Integer cents and an ISO currency code → "$10.00", "€25.00". */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}
