// Display formatting with the platform's Intl (no date library in the browser bundle).
// Shared by server-rendered and client components so both say the same thing.

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? "";
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateKeyInZone(instant: string | Date, timeZone: string): string {
  const parts = dateTimeFormat(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  return `${part(parts, "year")}-${part(parts, "month")}-${part(parts, "day")}`;
}

/** e.g. "2:00 PM". */
export function formatTime(instant: string | Date, timeZone: string): string {
  return dateTimeFormat(timeZone, { hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** e.g. "Wednesday, November 25, 2026". */
export function formatLongDate(instant: string | Date, timeZone: string): string {
  return dateTimeFormat(timeZone, { weekday: "long", month: "long", day: "numeric", year: "numeric" }).format(new Date(instant));
}

/** e.g. "Wed, Nov 25". */
export function formatShortDate(instant: string | Date, timeZone: string): string {
  return dateTimeFormat(timeZone, { weekday: "short", month: "short", day: "numeric" }).format(new Date(instant));
}

/** The zone's abbreviation at that instant, e.g. "EST" or "GMT+1". */
export function zoneAbbreviation(instant: string | Date, timeZone: string): string {
  return part(dateTimeFormat(timeZone, { timeZoneName: "short" }).formatToParts(new Date(instant)), "timeZoneName");
}

/** "America/New_York" → "New York"; used as a readable zone name. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replaceAll("_", " ");
}

/** "Wednesday, November 25, 2026 at 2:00 PM GMT". */
export function formatWhen(instant: string | Date, timeZone: string): string {
  return `${formatLongDate(instant, timeZone)} at ${formatTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`;
}

/** Integer cents to "$10" (whole amounts) or "$10.50". */
export function formatMoney(cents: number, currency: string): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
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
