import "server-only";
import { phoneCallSentence } from "@/lib/meeting-methods";
import type { BookingEmailSnapshot } from "./booking-snapshot";
import { contentLine, icalendarText, isWritableUri, textValue, utcDateTime } from "./icalendar";

// The calendar invitation attached to confirmation, reschedule and cancellation emails.
// One UID per booking for its whole life, so calendars update the same event: a
// reschedule is a new REQUEST with a higher SEQUENCE, a cancellation a CANCEL.

export type IcsMethod = "REQUEST" | "CANCEL";

export type IcsAttachment = { filename: string; content: string; contentType: string };

export class IcsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IcsError";
  }
}

export { bookingUid } from "./booking-snapshot";

type InviteSnapshot = Pick<
  BookingEmailSnapshot,
  | "bookingId"
  | "name"
  | "email"
  | "startsAt"
  | "endsAt"
  | "businessName"
  | "businessPhone"
  | "phone"
  | "method"
  | "meetingUrl"
  | "icsSequence"
  | "manageUrl"
  | "inviteUid"
  | "organizerEmail"
>;

function whereToMeet(snapshot: InviteSnapshot): string {
  if (snapshot.meetingUrl && !snapshot.meetingUrl.startsWith("tel:")) return snapshot.meetingUrl;
  return `Phone: ${snapshot.businessPhone}`;
}

/** The meeting link as a URL property, when it is a web link that can be written as is. */
export function inviteWebUrl(meetingUrl: string | null): string | undefined {
  return meetingUrl && /^https?:\/\//.test(meetingUrl) && isWritableUri(meetingUrl) ? meetingUrl : undefined;
}

/** The mailto: value of an ORGANIZER or ATTENDEE (a validated address never needs escaping). */
export function mailtoValue(email: string): string {
  const value = `mailto:${email}`;
  if (!isWritableUri(value)) throw new IcsError("An email address cannot be written into the invitation");
  return value;
}

/**
 * The iCalendar text. `stampedAt` (DTSTAMP) must be stable for a given email: a retried
 * send re-renders it, and Resend rejects a reused idempotency key with a different body.
 */
export function bookingInvite(snapshot: InviteSnapshot, method: IcsMethod, stampedAt: Date): string {
  const location = whereToMeet(snapshot);
  const webUrl = inviteWebUrl(snapshot.meetingUrl);
  const joinUrl = snapshot.meetingUrl?.startsWith("http") ? snapshot.meetingUrl : undefined;
  const description = [
    `Consultation with ${snapshot.businessName}.`,
    joinUrl ? `Join: ${joinUrl}` : snapshot.method === "PHONE" ? phoneCallSentence(snapshot.phone, snapshot.businessPhone) : location,
    snapshot.manageUrl ? `Manage booking: ${snapshot.manageUrl}` : null,
    `Reference: ${snapshot.bookingId}`,
  ]
    .filter(Boolean)
    .join("\n");
  return icalendarText([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "PRODID:-//consult-booking//booking invite//EN",
    `METHOD:${method}`,
    "BEGIN:VEVENT",
    contentLine("UID", textValue(snapshot.inviteUid)),
    `SEQUENCE:${snapshot.icsSequence}`,
    `DTSTAMP:${utcDateTime(stampedAt)}`,
    `DTSTART:${utcDateTime(new Date(snapshot.startsAt))}`,
    `DTEND:${utcDateTime(new Date(snapshot.endsAt))}`,
    contentLine("SUMMARY", textValue(`Consultation with ${snapshot.businessName}`)),
    contentLine("DESCRIPTION", textValue(description)),
    contentLine("LOCATION", textValue(location)),
    ...(webUrl ? [contentLine("URL", webUrl)] : []),
    `STATUS:${method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    contentLine("ORGANIZER", mailtoValue(snapshot.organizerEmail), { CN: snapshot.businessName }),
    // Gmail and Outlook show an invitation only when the recipient is an attendee.
    contentLine("ATTENDEE", mailtoValue(snapshot.email), {
      CN: snapshot.name,
      RSVP: "FALSE",
      PARTSTAT: "ACCEPTED",
      ROLE: "REQ-PARTICIPANT",
    }),
    "END:VEVENT",
    "END:VCALENDAR",
  ]);
}

/**
 * As an attachment. The MIME type must carry the same `method` as the file, or Outlook
 * shows a plain .ics file instead of an invitation; the Resend SDK sends it only from the
 * camel-case `contentType` field (see docs/emails.md).
 */
export function inviteAttachment(snapshot: InviteSnapshot, method: IcsMethod, stampedAt: Date): IcsAttachment {
  return {
    filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
    content: bookingInvite(snapshot, method, stampedAt),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
  };
}
