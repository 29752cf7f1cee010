import fc from "fast-check";
import ICAL from "ical.js";
import nodeIcal from "node-ical";
import { describe, expect, it } from "vitest";
import { calendarFeedText, type FeedBooking } from "@/lib/admin/calendar-feed-ics";
import { visitorDetailsSchema } from "@/lib/booking/schemas";
import { METHOD_INFO, MEETING_METHODS } from "@/lib/meeting-methods";
import { bookingInvite, bookingUid, type IcsMethod } from "@/lib/email/ics";
import { FUZZ_RUNS, FUZZ_SEED } from "@/tests/e2e/helpers/fuzz";
import { phoneCallSentence } from "@/lib/meeting-methods";

// Hostile names, companies, notes and meeting links go into every invite variant and the
// admin feed; two independent parsers (ical.js and node-ical) must read back exactly the
// values written, with no extra property or parameter. Names and companies are what the
// input schema lets through; notes and links are arbitrary text the iCalendar layer must
// cope with. Seeded like the other fuzzers (docs/hardening.md): FUZZ_RUNS, FUZZ_SEED.

const APP_URL = "http://localhost:3000"; // the test env's APP_URL and ORGANIZER_EMAIL
const ORGANIZER = "mailto:bookings@example.com";
const TIMEOUT = 30_000 + FUZZ_RUNS * 100; // about 20 ms a run on a busy machine

// --- what a reader must see -------------------------------------------------------------

/** TEXT as written: line breaks (CRLF, CR, NEL, U+2028/9) become LF, other controls go. */
const asText = (s: string) =>
  s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/\r\n|[\r\u0085\u2028\u2029]/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
/** A display name in CN loses `"` (cannot be escaped), `^` and `\\` (escapes) and `;` `:` (ADR 055). */
const asDisplayName = (s: string) => s.replace(/[\p{Cc}\u2028\u2029"^\\;:]/gu, "").trim() || undefined;
const isPlainHttpUrl = (s: string | null) => !!s && /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(s);

// node-ical unescapes `\n` before `\\` and strips quotes around a whole value, so it misreads
// a literal backslash-n and a value wrapped in quotes; those values are checked with ical.js only.
const nodeIcalCanRead = (s: string) => !/\\[nN]/.test(s) && !/^".*"$/s.test(s);

// --- generators -------------------------------------------------------------------------

const hostilePiece = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '"',
      ";",
      ":",
      ",",
      "\\",
      "\\n",
      "\r",
      "\n",
      "\r\n",
      "\t",
      "^",
      "^'",
      "^n",
      "=",
      " ",
      "mailto:",
      ";CN=",
      "😀",
      "👩‍👩‍👧",
      "漢字",
      "é",
      "\u2028",
      "\u0085",
      "\u0000",
      "\u007F",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
);
const longRun = fc.tuple(fc.constantFrom("a", "é", "😀", "漢", "\\;"), fc.integer({ min: 40, max: 200 })).map(([c, n]) => c.repeat(n));
const hostileText = fc
  .array(fc.oneof({ weight: 5, arbitrary: hostilePiece }, { weight: 1, arbitrary: longRun }), { maxLength: 20 })
  .map((p) => p.join(""));
const attacks = fc.constantFrom(
  'Robert "Bob" Smith',
  'Ada";CN=Mallory:mailto:mallory@evil.example;X="',
  "Zoë 😀 Ünïcødé 漢字",
  '""',
  "^^'n",
);

const field = visitorDetailsSchema.shape;
/** A value the input schema lets through, as it stores it. */
function accepted<T>(schema: { safeParse: (v: unknown) => { success: boolean; data?: T } }, raw: fc.Arbitrary<string>) {
  return raw
    .map((v) => schema.safeParse(v))
    .filter((r) => r.success)
    .map((r) => r.data as T);
}
const name = accepted<string>(field.name, fc.oneof(attacks, hostileText, longRun));
const company = fc.option(
  accepted<string | undefined>(field.company, fc.oneof(attacks, hostileText)).map((v) => v ?? null),
  { nil: null },
);
const phone = fc.option(
  accepted<string | undefined>(field.phone, fc.constantFrom("+1 555 010 0199", "(020) 7946-0958", "+44 20 7946 0958")).map(
    (v) => v ?? null,
  ),
  { nil: null },
);
const email = accepted<string>(
  field.email,
  fc.oneof(fc.emailAddress(), fc.constantFrom("o'brien+tag@example.com", "A.B-c_d@sub.example.org")),
);
const notes = fc.option(hostileText, { nil: null });
const meetingUrl = fc.option(
  fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    hostileText,
    hostileText.map((t) => `https://meet.example/${t}`),
    fc.constant("tel:+15550100199"),
  ),
  { nil: null },
);
const businessName = fc.constantFrom("Northwind Consulting", 'Müller & "Söhne"; GmbH', "漢字コンサル 😀, Ltd.");

const bookingId = fc.stringMatching(/^[a-z2-7]{26}$/).map((s) => `bk_${s}`);
const startsAt = fc.integer({ min: 0, max: 10_000 }).map((h) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000));

// --- parsers ----------------------------------------------------------------------------

function icalJs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
}
const propNames = (c: ICAL.Component) =>
  c
    .getAllProperties()
    .map((p) => p.name)
    .sort();
const params = (c: ICAL.Component, prop: string) => c.getFirstProperty(prop)!.toJSON()[1] as Record<string, unknown>;

type NodeIcalValue = string | { params: Record<string, unknown>; val: string };
function nodeIcalEvents(text: string) {
  const parsed = nodeIcal.sync.parseICS(text) as unknown as Record<string, Record<string, unknown>>;
  return { calendar: parsed.vcalendar!, events: Object.values(parsed).filter((c) => c.type === "VEVENT") };
}
/** node-ical types parameter values: "12" comes back as 12, "true" as true. */
function expectNodeIcalParam(actual: unknown, expected: string | undefined) {
  if (typeof actual === "number") expect(actual).toBe(Number(expected));
  else if (typeof actual === "boolean") expect(String(actual)).toBe(expected?.toLowerCase());
  else expect(actual).toBe(expected);
}
function expectText(actual: unknown, expected: string) {
  if (nodeIcalCanRead(expected)) expect(actual).toBe(expected);
}

/** Every content line at most 75 octets, each valid UTF-8 on its own, CRLF only. */
function expectWellFormed(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.slice(0, -2).split("\r\n")) {
    const bytes = Buffer.from(line, "utf8");
    expect(bytes.length).toBeLessThanOrEqual(75);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
    expect(line).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F]/);
  }
}

// --- invites ----------------------------------------------------------------------------

const invite = fc.record({
  bookingId,
  name,
  email,
  startsAt,
  businessName,
  method: fc.constantFrom(...MEETING_METHODS),
  meetingUrl,
  icsSequence: fc.integer({ min: 0, max: 50 }),
  manageUrl: fc.option(
    hostileText.map((t) => `${APP_URL}/manage/${t}`),
    { nil: null },
  ),
  variant: fc.constantFrom<[IcsMethod, string]>(["REQUEST", "request"], ["REQUEST", "update"], ["CANCEL", "cancel"]),
});

describe("invites read back exactly by ical.js and node-ical", () => {
  it(
    "for hostile names, links and texts, in the request, update and cancel variants",
    () => {
      fc.assert(
        fc.property(invite, (v) => {
          const [method, variant] = v.variant;
          const snapshot = {
            ...v,
            startsAt: v.startsAt.toISOString(),
            endsAt: new Date(v.startsAt.getTime() + 3_600_000).toISOString(),
            businessPhone: "+1 555 010 0199",
            phone: null,
            icsSequence: variant === "update" ? v.icsSequence + 1 : v.icsSequence,
            inviteUid: bookingUid(v.bookingId),
            organizerEmail: "bookings@example.com",
          };
          const text = bookingInvite(snapshot, method, new Date(Date.UTC(2026, 0, 1)));
          expectWellFormed(text);

          const where = v.meetingUrl && !v.meetingUrl.startsWith("tel:") ? v.meetingUrl : "Phone: +1 555 010 0199";
          const joinUrl = v.meetingUrl?.startsWith("http") ? v.meetingUrl : null;
          const expected = {
            summary: asText(`Consultation with ${v.businessName}`),
            description: asText(
              [
                `Consultation with ${v.businessName}.`,
                joinUrl ? `Join: ${joinUrl}` : v.method === "PHONE" ? phoneCallSentence(null, "+1 555 010 0199") : where,
                v.manageUrl ? `Manage booking: ${v.manageUrl}` : null,
                `Reference: ${v.bookingId}`,
              ]
                .filter(Boolean)
                .join("\n"),
            ),
            location: asText(where),
            url: isPlainHttpUrl(v.meetingUrl) ? v.meetingUrl! : undefined,
            attendee: `mailto:${v.email}`,
            visitorName: asDisplayName(v.name),
            organizerName: asDisplayName(v.businessName),
            status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
          };

          // ical.js
          const a = icalJs(text);
          expect(propNames(a.calendar)).toEqual(["calscale", "method", "prodid", "version"]);
          expect(a.calendar.getFirstPropertyValue("method")).toBe(method);
          expect(a.events).toHaveLength(1);
          const event = a.events[0]!;
          expect(propNames(event)).toEqual(
            [
              "attendee",
              "description",
              "dtend",
              "dtstamp",
              "dtstart",
              "location",
              "organizer",
              "sequence",
              "status",
              "summary",
              "uid",
              ...(expected.url ? ["url"] : []),
            ].sort(),
          );
          expect(event.getFirstPropertyValue("uid")).toBe(bookingUid(v.bookingId));
          expect(event.getFirstPropertyValue("sequence")).toBe(snapshot.icsSequence);
          expect(event.getFirstPropertyValue("summary")).toBe(expected.summary);
          expect(event.getFirstPropertyValue("description")).toBe(expected.description);
          expect(event.getFirstPropertyValue("location")).toBe(expected.location);
          expect(event.getFirstPropertyValue("url") ?? undefined).toBe(expected.url);
          expect(event.getFirstPropertyValue("status")).toBe(expected.status);
          expect(String(event.getFirstPropertyValue("attendee"))).toBe(expected.attendee);
          expect(params(event, "attendee")).toEqual({
            ...(expected.visitorName ? { cn: expected.visitorName } : {}),
            rsvp: "FALSE",
            partstat: "ACCEPTED",
            role: "REQ-PARTICIPANT",
          });
          expect(String(event.getFirstPropertyValue("organizer"))).toBe(ORGANIZER);
          expect(params(event, "organizer")).toEqual(expected.organizerName ? { cn: expected.organizerName } : {});
          expect(new ICAL.Event(event).startDate.toJSDate().toISOString()).toBe(snapshot.startsAt);

          // node-ical
          const n = nodeIcalEvents(text);
          expect(n.events).toHaveLength(1);
          const ne = n.events[0]!;
          expect(Object.keys(ne).sort()).toEqual(
            [
              "attendee",
              "datetype",
              "description",
              "dtstamp",
              "end",
              "location",
              "method",
              "organizer",
              "sequence",
              "start",
              "status",
              "summary",
              "type",
              "uid",
              ...(expected.url ? ["url"] : []),
            ].sort(),
          );
          expect(ne.uid).toBe(bookingUid(v.bookingId));
          expectText(ne.summary, expected.summary);
          expectText(ne.description, expected.description);
          expectText(ne.location, expected.location);
          expect(ne.url).toBe(expected.url);
          const attendee = ne.attendee as NodeIcalValue;
          expect(typeof attendee === "object" && !Array.isArray(attendee)).toBe(true);
          if (typeof attendee !== "object") return;
          expect(attendee.val).toBe(expected.attendee);
          expect(Object.keys(attendee.params).sort()).toEqual([...(expected.visitorName ? ["CN"] : []), "PARTSTAT", "ROLE", "RSVP"]);
          expectNodeIcalParam(attendee.params.CN, expected.visitorName);
          const organizer = ne.organizer as Exclude<NodeIcalValue, string>;
          expect(organizer.val).toBe(ORGANIZER);
          expectNodeIcalParam(organizer.params.CN, expected.organizerName);
          expect((ne.start as Date).toISOString()).toBe(snapshot.startsAt);
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
      );
    },
    TIMEOUT,
  );
});

// --- the admin feed ---------------------------------------------------------------------

const feedBooking = fc.record({
  id: bookingId,
  name,
  email,
  company,
  phone,
  notes,
  meetingUrl,
  method: fc.constantFrom(...MEETING_METHODS),
  icsSequence: fc.integer({ min: 0, max: 50 }),
  slot: fc.record({ startsAt, durationMinutes: fc.constantFrom(30, 60) }),
});

function expectedFeedEvent(b: FeedBooking) {
  return {
    summary: asText(`Consultation: ${b.name}${b.company ? ` (${b.company})` : ""}`),
    description: asText(
      [
        `${METHOD_INFO[b.method].label} with ${b.name} <${b.email}>`,
        b.phone ? `Phone: ${b.phone}` : null,
        b.meetingUrl ? `Join: ${b.meetingUrl}` : null,
        b.notes ? `Notes: ${b.notes}` : null,
        `Admin: ${APP_URL}/admin/bookings/${b.id}`,
      ]
        .filter(Boolean)
        .join("\n"),
    ),
    location: asText(b.meetingUrl ?? METHOD_INFO[b.method].label),
  };
}

describe("the admin calendar feed reads back exactly by ical.js and node-ical", () => {
  it(
    "for hostile names, companies, notes and links",
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(feedBooking, { minLength: 1, maxLength: 3, selector: (b) => b.id }),
          businessName,
          (bookings, business) => {
            const text = calendarFeedText(bookings, { appUrl: APP_URL, businessName: business, now: new Date(Date.UTC(2026, 0, 1)) });
            expectWellFormed(text);

            const a = icalJs(text);
            expect(propNames(a.calendar)).toEqual(["calscale", "method", "prodid", "version", "x-published-ttl", "x-wr-calname"]);
            expect(a.calendar.getFirstPropertyValue("x-wr-calname")).toBe(asText(`${business} consultations`));
            expect(a.events).toHaveLength(bookings.length);
            const n = nodeIcalEvents(text);
            expect(n.events).toHaveLength(bookings.length);
            expectText(n.calendar["WR-CALNAME"], asText(`${business} consultations`));

            bookings.forEach((b, i) => {
              const expected = expectedFeedEvent(b);
              const event = a.events[i]!;
              expect(propNames(event)).toEqual([
                "description",
                "dtend",
                "dtstamp",
                "dtstart",
                "location",
                "sequence",
                "status",
                "summary",
                "uid",
                "x-microsoft-cdo-busystatus",
              ]);
              expect(event.getFirstPropertyValue("uid")).toBe(`feed-${b.id}@localhost`);
              expect(event.getFirstPropertyValue("summary")).toBe(expected.summary);
              expect(event.getFirstPropertyValue("description")).toBe(expected.description);
              expect(event.getFirstPropertyValue("location")).toBe(expected.location);
              expect(event.getAllProperties().every((p) => Object.keys(p.toJSON()[1] as object).length === 0)).toBe(true);

              const ne = n.events.find((e) => e.uid === `feed-${b.id}@localhost`)!;
              expect(Object.keys(ne).sort()).toEqual(
                [
                  "MICROSOFT-CDO-BUSYSTATUS",
                  "datetype",
                  "description",
                  "dtstamp",
                  "end",
                  "location",
                  "method",
                  "sequence",
                  "start",
                  "status",
                  "summary",
                  "type",
                  "uid",
                ].sort(),
              );
              expectText(ne.summary, expected.summary);
              expectText(ne.description, expected.description);
              expectText(ne.location, expected.location);
              expect((ne.start as Date).toISOString()).toBe(b.slot.startsAt.toISOString());
            });
          },
        ),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
      );
    },
    TIMEOUT,
  );
});
