import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { bookingInvite, bookingUid, inviteAttachment } from "./ics";

const snapshot = {
  bookingId: "bk_abcdefghijklmnopqrstuvwxyz",
  name: "Ada Lovelace",
  email: "ada@example.com",
  startsAt: "2026-03-10T14:00:00.000Z",
  endsAt: "2026-03-10T15:00:00.000Z",
  businessName: "Northwind Consulting",
  businessPhone: "+1 555 010 0199",
  phone: null as string | null,
  method: "ZOOM",
  meetingUrl: "https://zoom.us/j/123?pwd=abc",
  icsSequence: 0,
  manageUrl: "http://localhost:3000/manage/bk_abcdefghijklmnopqrstuvwxyz?t=secret",
  inviteUid: "bk_abcdefghijklmnopqrstuvwxyz@localhost",
  organizerEmail: "bookings@example.com",
};
const stampedAt = new Date("2026-03-01T12:00:00Z");

// Parsed with ical.js, an independent implementation, rather than by string matching.
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, event, vevent: new ICAL.Event(event) };
}

describe("bookingInvite", () => {
  it("is a METHOD:REQUEST invitation with a stable UID, UTC times, the link and the organizer", () => {
    const { calendar, event, vevent } = parse(bookingInvite(snapshot, "REQUEST", stampedAt));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(vevent.uid).toBe("bk_abcdefghijklmnopqrstuvwxyz@localhost");
    expect(vevent.uid).toBe(bookingUid(snapshot.bookingId));
    expect(vevent.sequence).toBe(0);
    expect(vevent.startDate.zone?.tzid).toBe("UTC");
    expect(vevent.startDate.toJSDate().toISOString()).toBe("2026-03-10T14:00:00.000Z");
    expect(vevent.endDate.toJSDate().toISOString()).toBe("2026-03-10T15:00:00.000Z");
    expect(vevent.location).toBe("https://zoom.us/j/123?pwd=abc");
    expect(event.getFirstPropertyValue("url")).toBe("https://zoom.us/j/123?pwd=abc");
    expect(String(event.getFirstPropertyValue("organizer")).toLowerCase()).toBe("mailto:bookings@example.com");
    expect(event.getFirstProperty("organizer")!.getParameter("cn")).toBe("Northwind Consulting");
    expect(String(event.getFirstPropertyValue("attendee")).toLowerCase()).toBe("mailto:ada@example.com");
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.getFirstPropertyValue("dtstamp")!.toString()).toBe("2026-03-01T12:00:00Z");
    expect(vevent.description).toContain("Manage booking: http://localhost:3000/manage/");
  });

  it("writes DTSTART and DTEND as UTC date-times", () => {
    const text = bookingInvite(snapshot, "REQUEST", stampedAt);
    expect(text).toMatch(/\r\nDTSTART:20260310T140000Z\r\n/);
    expect(text).toMatch(/\r\nDTEND:20260310T150000Z\r\n/);
  });

  it("carries the booking's sequence, so a reschedule replaces the earlier event", () => {
    const { vevent } = parse(
      bookingInvite(
        { ...snapshot, icsSequence: 2, startsAt: "2026-03-11T14:00:00.000Z", endsAt: "2026-03-11T15:00:00.000Z" },
        "REQUEST",
        stampedAt,
      ),
    );
    expect(vevent.uid).toBe(bookingUid(snapshot.bookingId));
    expect(vevent.sequence).toBe(2);
    expect(vevent.startDate.toJSDate().toISOString()).toBe("2026-03-11T14:00:00.000Z");
  });

  it("cancels with METHOD:CANCEL and STATUS:CANCELLED under the same UID", () => {
    const { calendar, event, vevent } = parse(bookingInvite({ ...snapshot, icsSequence: 1 }, "CANCEL", stampedAt));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent.uid).toBe(bookingUid(snapshot.bookingId));
    expect(vevent.sequence).toBe(1);
  });

  it("gives phone calls the business number as the location and no URL", () => {
    const { event, vevent } = parse(bookingInvite({ ...snapshot, method: "PHONE", meetingUrl: "tel:+15550100199" }, "REQUEST", stampedAt));
    expect(vevent.location).toBe("Phone: +1 555 010 0199");
    expect(event.getFirstPropertyValue("url")).toBeNull();
  });
});

describe("bookingInvite with hostile values", () => {
  it("never lets a name inject an attendee address or parameter", () => {
    const name = 'Ada";CN=Mallory:mailto:mallory@evil.example;X="';
    const text = bookingInvite({ ...snapshot, name }, "REQUEST", stampedAt);
    const { event } = parse(text);
    const attendees = event.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue())).toBe("mailto:ada@example.com");
    expect(Object.keys(attendees[0]!.toJSON()[1] as object).sort()).toEqual(["cn", "partstat", "role", "rsvp"]);
    expect(attendees[0]!.getParameter("cn")).toBe("AdaCN=Mallorymailtomallory@evil.exampleX=");
    expect(text).not.toContain("mailto:mallory");
  });

  it('writes a name with quotes as valid iCalendar (no \\" inside a parameter)', () => {
    const text = bookingInvite({ ...snapshot, name: 'Robert "Bob" Smith' }, "REQUEST", stampedAt);
    expect(text).not.toContain('\\"');
    expect(parse(text).event.getFirstProperty("attendee")!.getParameter("cn")).toBe("Robert Bob Smith");
  });

  it("escapes a bare CR and folds long lines at 75 octets without splitting a character", () => {
    const text = bookingInvite({ ...snapshot, businessName: `Line\rbreak ${"😀".repeat(40)}` }, "REQUEST", stampedAt);
    expect(text.replace(/\r\n/g, "")).not.toContain("\r");
    expect(parse(text).vevent.summary).toBe(`Consultation with Line\nbreak ${"😀".repeat(40)}`);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toContain("\uFFFD");
  });
});

describe("inviteAttachment", () => {
  it("declares text/calendar with the same method as the file", () => {
    expect(inviteAttachment(snapshot, "REQUEST", stampedAt)).toMatchObject({
      filename: "invite.ics",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
    });
    expect(inviteAttachment(snapshot, "CANCEL", stampedAt)).toMatchObject({
      filename: "cancel.ics",
      contentType: "text/calendar; charset=utf-8; method=CANCEL",
    });
  });
});
