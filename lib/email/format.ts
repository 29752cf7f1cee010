import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

import { dateKeyInZone, zoneAbbreviation } from "@/lib/format";

// Date-fns patterns for email dates; money, zone names and date keys come from lib/format.

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
  const sameDay = dateKeyInZone(startsAt, timeZone) === dateKeyInZone(endsAt, timeZone);
  const endText = `${sameDay ? "" : `${format(end, "EEEE, MMMM d")}, `}${format(end, "h:mm a")} ${endAbbr}`;
  const startText = format(start, "h:mm a") + (startAbbr === endAbbr && sameDay ? "" : ` ${startAbbr}`);
  return `${day}, ${startText} – ${endText}`;
}

/** Short form for subject lines: "Tue, Mar 10, 10:00 AM EDT". */
export function formatShortStart(startsAt: Date, timeZone: string): string {
  return `${format(zoned(startsAt, timeZone), "EEE, MMM d, h:mm a")} ${zoneAbbreviation(startsAt, timeZone)}`;
}
