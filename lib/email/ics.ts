import "server-only";
import { createEvent, type EventAttributes } from "ics";
import { env } from "@/lib/env";
import type { BookingEmailSnapshot } from "./booking-snapshot";

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

export function bookingUid(bookingId: string): string {
  return `${bookingId}@${new URL(env().APP_URL).hostname}`;
}

type InviteSnapshot = Pick<
  BookingEmailSnapshot,
  "bookingId" | "name" | "email" | "startsAt" | "endsAt" | "businessName" | "businessPhone" | "method" | "meetingUrl" | "icsSequence" | "manageUrl"
>;

function whereToMeet(snapshot: InviteSnapshot): string {
  if (snapshot.meetingUrl && !snapshot.meetingUrl.startsWith("tel:")) return snapshot.meetingUrl;
  return `Phone: ${snapshot.businessPhone}`;
}

/**
 * The iCalendar text. `stampedAt` (DTSTAMP) must be stable for a given email: a retried
 * send re-renders it, and Resend rejects a reused idempotency key with a different body.
 */
export function bookingInvite(snapshot: InviteSnapshot, method: IcsMethod, stampedAt: Date): string {
  const e = env();
  const location = whereToMeet(snapshot);
  const webUrl = snapshot.meetingUrl?.startsWith("http") ? snapshot.meetingUrl : undefined;
  const description = [
    `Consultation with ${snapshot.businessName}.`,
    webUrl ? `Join: ${webUrl}` : location,
    snapshot.manageUrl ? `Manage booking: ${snapshot.manageUrl}` : null,
    `Reference: ${snapshot.bookingId}`,
  ]
    .filter(Boolean)
    .join("\n");
  const attributes: EventAttributes & { timestamp: number } = {
    productId: "-//consult-booking//booking invite//EN",
    method,
    uid: bookingUid(snapshot.bookingId),
    sequence: snapshot.icsSequence,
    timestamp: stampedAt.getTime(),
    start: Date.parse(snapshot.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(snapshot.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: `Consultation with ${snapshot.businessName}`,
    description,
    location,
    ...(webUrl ? { url: webUrl } : {}),
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    organizer: { name: snapshot.businessName, email: e.ORGANIZER_EMAIL },
    // Gmail and Outlook show an invitation only when the recipient is an attendee.
    attendees: [{ name: snapshot.name, email: snapshot.email, rsvp: false, partstat: "ACCEPTED", role: "REQ-PARTICIPANT" }],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new IcsError(`Could not build the invitation for ${snapshot.bookingId}`, { cause: error });
  return value;
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
