import { addMinutes } from "date-fns";
import { METHOD_INFO, type MeetingMethodName } from "@/lib/meeting-methods";
import type { SnapshotSource } from "@/lib/email/booking-snapshot";
import { contentLine, icalendarText, textValue, utcDateTime } from "@/lib/email/icalendar";

// The feed's iCalendar text from booking rows, kept apart from the query so the
// round-trip property test can drive it with hostile values and no database.

export type FeedBooking = Pick<SnapshotSource, "id" | "name" | "email" | "company" | "phone" | "notes" | "meetingUrl" | "icsSequence"> & {
  method: MeetingMethodName;
  slot: Pick<SnapshotSource["slot"], "startsAt" | "durationMinutes">;
};

export type FeedOptions = { appUrl: string; businessName: string; now: Date };

export function feedEventDescription(b: FeedBooking, appUrl: string): string {
  return [
    `${METHOD_INFO[b.method].label} with ${b.name} <${b.email}>`,
    b.phone ? `Phone: ${b.phone}` : null,
    b.meetingUrl ? `Join: ${b.meetingUrl}` : null,
    b.notes ? `Notes: ${b.notes}` : null,
    `Admin: ${new URL(`/admin/bookings/${b.id}`, appUrl)}`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function feedEventSummary(b: FeedBooking): string {
  return `Consultation: ${b.name}${b.company ? ` (${b.company})` : ""}`;
}

function feedEvent(b: FeedBooking, host: string, options: FeedOptions): string[] {
  return [
    "BEGIN:VEVENT",
    contentLine("UID", textValue(`feed-${b.id}@${host}`)),
    `SEQUENCE:${b.icsSequence}`,
    `DTSTAMP:${utcDateTime(options.now)}`,
    `DTSTART:${utcDateTime(b.slot.startsAt)}`,
    `DTEND:${utcDateTime(addMinutes(b.slot.startsAt, b.slot.durationMinutes))}`,
    contentLine("SUMMARY", textValue(feedEventSummary(b))),
    contentLine("DESCRIPTION", textValue(feedEventDescription(b, options.appUrl))),
    contentLine("LOCATION", textValue(b.meetingUrl ?? METHOD_INFO[b.method].label)),
    "STATUS:CONFIRMED",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "END:VEVENT",
  ];
}

export function calendarFeedText(bookings: FeedBooking[], options: FeedOptions): string {
  const host = new URL(options.appUrl).hostname;
  return icalendarText([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "PRODID:consult-booking/admin-feed",
    "METHOD:PUBLISH",
    // An X- property has no known type, so VALUE=TEXT tells parsers to unescape it.
    contentLine("X-WR-CALNAME", textValue(`${options.businessName} consultations`), { VALUE: "TEXT" }),
    "X-PUBLISHED-TTL:PT1H",
    ...bookings.flatMap((b) => feedEvent(b, host, options)),
    "END:VCALENDAR",
  ]);
}
