import { contentLine, icalendarText, isWritableUri, textValue, utcDateTime } from "@/lib/email/icalendar";
import type { CalendarEventInput } from "../provider";

// The VEVENT we PUT into the owner's calendar. No METHOD and no ORGANIZER: it is the owner's
// own copy, not an invitation. The visitor is an attendee with SCHEDULE-AGENT=CLIENT (RFC 6638),
// so a server that schedules (Nextcloud, iCloud) does not send them a second invite.
export function eventIcs(event: CalendarEventInput, stampedAt = new Date()): string {
  return icalendarText([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "PRODID:-//consult-booking//calendar write-back//EN",
    "BEGIN:VEVENT",
    contentLine("UID", textValue(event.uid)),
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcDateTime(stampedAt)}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    contentLine("SUMMARY", textValue(event.title)),
    contentLine("DESCRIPTION", textValue(event.description)),
    ...(event.location ? [contentLine("LOCATION", textValue(event.location))] : []),
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    ...(event.attendee && isWritableUri(`mailto:${event.attendee.email}`)
      ? [
          contentLine("ATTENDEE", `mailto:${event.attendee.email}`, {
            CN: event.attendee.name,
            "SCHEDULE-AGENT": "CLIENT",
            PARTSTAT: "ACCEPTED",
            RSVP: "FALSE",
          }),
        ]
      : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ]);
}
