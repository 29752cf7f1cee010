import { beforeEach, describe, expect, it } from "vitest";
import { CalendarAuthError, CalendarUnavailableError, type CalendarEventInput } from "../provider";
import { graphTime, microsoftProvider } from "./provider";
import type { FakeGraph } from "@/tests/fakes/microsoft/fake-graph-calendar";
import { fakeConnection } from "@/tests/fakes/oauth/fake-connection";
import { useOAuthCalendarFakes } from "@/tests/fakes/oauth/use-calendar-fakes";

// The real Graph client against tests/fakes/microsoft.

const CAL = "cal-default";
const day = (iso: string) => new Date(iso);
const RANGE = { start: day("2027-01-14T00:00:00Z"), end: day("2027-01-21T00:00:00Z") };
const UID = "booking-456@northwind.example";

const booking = (over: Partial<CalendarEventInput> = {}): CalendarEventInput => ({
  uid: UID,
  sequence: 0,
  title: "Consultation with Grace Hopper",
  start: day("2027-01-15T14:00:00Z"),
  end: day("2027-01-15T14:30:00Z"),
  location: "https://teams.example/room",
  description: "Join: https://teams.example/room",
  attendee: { email: "grace@example.org", name: "Grace Hopper" },
  ...over,
});

const fakes = useOAuthCalendarFakes();
let fake: FakeGraph;
beforeEach(() => {
  fake = fakes.graph;
});

describe("listCalendars", () => {
  it("lists the calendars across pages, with the default one and write rights", async () => {
    fake.addCalendar({ id: "cal-team", name: "Team", canEdit: false });
    fake.addCalendar({ id: "cal-side", name: "Side" });
    fake.state.pageSize = 2;
    const calendars = await microsoftProvider(fakeConnection(fake.oauth)).listCalendars();
    expect(calendars).toEqual([
      { id: CAL, name: "Calendar", primary: true, canWrite: true },
      { id: "cal-team", name: "Team", primary: false, canWrite: false },
      { id: "cal-side", name: "Side", primary: false, canWrite: true },
    ]);
  });
});

describe("busy", () => {
  it("reads calendarView in UTC: recurring expanded, free, working-elsewhere and cancelled left out, tentative kept", async () => {
    fake.addCalendar({ id: "cal-side" });
    fake.addEvent({ calendarId: CAL, start: day("2027-01-14T15:00:00Z"), end: day("2027-01-14T16:00:00Z"), timeZone: "Europe/Berlin" });
    fake.addEvent({ calendarId: CAL, start: day("2027-01-15T09:00:00Z"), end: day("2027-01-15T10:00:00Z"), showAs: "free" });
    fake.addEvent({ calendarId: CAL, start: day("2027-01-15T10:00:00Z"), end: day("2027-01-15T11:00:00Z"), showAs: "workingElsewhere" });
    fake.addEvent({ calendarId: CAL, start: day("2027-01-15T11:00:00Z"), end: day("2027-01-15T12:00:00Z"), isCancelled: true });
    fake.addEvent({ calendarId: CAL, start: day("2027-01-15T12:00:00Z"), end: day("2027-01-15T13:00:00Z"), showAs: "tentative" });
    fake.addEvent({
      calendarId: "cal-side",
      start: day("2027-01-16T08:00:00Z"),
      end: day("2027-01-16T08:30:00Z"),
      recurrence: { everyDays: 7, count: 2 },
    });
    fake.state.pageSize = 2;
    const busy = await microsoftProvider(fakeConnection(fake.oauth)).busy(RANGE, [CAL, "cal-side"]);
    expect(busy.map((b) => [b.start.toISOString(), b.end.toISOString()]).sort()).toEqual([
      ["2027-01-14T15:00:00.000Z", "2027-01-14T16:00:00.000Z"],
      ["2027-01-15T12:00:00.000Z", "2027-01-15T13:00:00.000Z"],
      ["2027-01-16T08:00:00.000Z", "2027-01-16T08:30:00.000Z"],
    ]);
    const views = fake.requests.filter((r) => r.url.pathname.endsWith("/calendarView"));
    expect(views.length).toBeGreaterThan(2); // paged
    expect(views.every((r) => r.headers.prefer === 'outlook.timezone="UTC"')).toBe(true);
  });

  it("reads a time given in another zone correctly too", () => {
    expect(graphTime({ dateTime: "2027-01-14T16:00:00.0000000", timeZone: "Europe/Berlin" }).toISOString()).toBe(
      "2027-01-14T15:00:00.000Z",
    );
    expect(graphTime({ dateTime: "2027-03-28T03:30:00.0000000", timeZone: "Europe/Berlin" }).toISOString()).toBe(
      "2027-03-28T01:30:00.000Z",
    );
    expect(graphTime({ dateTime: "2027-01-14T15:00:00.0000000", timeZone: "UTC" }).toISOString()).toBe("2027-01-14T15:00:00.000Z");
    expect(() => graphTime({ dateTime: "2027-01-14T15:00:00", timeZone: "W. Europe Standard Time" })).toThrow(CalendarUnavailableError);
  });

  it("our own written event carries its uid, so the core can tell it from the owner's", async () => {
    const provider = microsoftProvider(fakeConnection(fake.oauth));
    await provider.upsertEvent(CAL, booking(), null);
    const busy = await provider.busy(RANGE, [CAL]);
    expect(busy).toEqual([{ start: booking().start, end: booking().end, eventUid: UID }]);
  });

  it("a chosen calendar that is gone needs the admin", async () => {
    await expect(microsoftProvider(fakeConnection(fake.oauth)).busy(RANGE, ["cal-deleted"])).rejects.toBeInstanceOf(CalendarAuthError);
  });
});

describe("events", () => {
  it("a create retried after a lost answer returns the first event (transactionId), without attendees", async () => {
    const provider = microsoftProvider(fakeConnection(fake.oauth));
    const first = await provider.upsertEvent(CAL, booking(), null);
    const retry = await provider.upsertEvent(CAL, booking(), null);
    expect(retry.eventId).toBe(first.eventId);
    const events = fake.eventsIn(CAL);
    expect(events).toHaveLength(1);
    expect(events[0]!.body).toMatchObject({
      subject: "Consultation with Grace Hopper",
      transactionId: UID,
      location: { displayName: "https://teams.example/room" },
      start: { dateTime: "2027-01-15T14:00:00.000", timeZone: "UTC" },
    });
    // Graph would mail an attendee; the visitor is named in the body instead.
    expect(events[0]!.body.attendees).toBeUndefined();
    expect(JSON.stringify(events[0]!.body.body)).toContain("grace@example.org");
  });

  it("a reschedule moves the same event; one deleted by hand in Outlook is written again", async () => {
    const provider = microsoftProvider(fakeConnection(fake.oauth));
    const { eventId } = await provider.upsertEvent(CAL, booking(), null);
    const moved = await provider.upsertEvent(
      CAL,
      booking({ sequence: 1, start: day("2027-01-18T10:00:00Z"), end: day("2027-01-18T10:30:00Z") }),
      eventId,
    );
    expect(moved.eventId).toBe(eventId);
    expect(fake.eventsIn(CAL).map((e) => e.start.toISOString())).toEqual(["2027-01-18T10:00:00.000Z"]);

    fake.state.events.delete(eventId);
    const again = await provider.upsertEvent(CAL, booking({ sequence: 2 }), eventId);
    expect(again.eventId).not.toBe(eventId);
    expect(fake.eventsIn(CAL)).toHaveLength(1);
  });

  it("delete removes the event; deleting it again is fine", async () => {
    const provider = microsoftProvider(fakeConnection(fake.oauth));
    const { eventId } = await provider.upsertEvent(CAL, booking(), null);
    await provider.deleteEvent(CAL, eventId, UID);
    expect(fake.eventsIn(CAL)).toHaveLength(0);
    await expect(provider.deleteEvent(CAL, eventId, UID)).resolves.toBeUndefined();
  });
});

describe("tokens", () => {
  it("an expired access token is refreshed; the rotated refresh token is saved and works next time", async () => {
    const connection = fakeConnection(fake.oauth, { expired: true });
    await microsoftProvider(connection).listCalendars();
    expect(connection.saved).toHaveLength(1);
    const saved = connection.saved[0]!;
    expect(saved.refreshToken).not.toBe(connection.tokens.refreshToken);
    expect(fake.oauth.state.grants.at(-1)).toMatchObject({ grant_type: "refresh_token", scope: expect.stringContaining("offline_access") });

    fake.oauth.expireAccessTokens();
    const next = { ...connection, tokens: { ...saved, accessTokenExpiresAt: new Date(0) }, saved: [] as (typeof saved)[] };
    next.saveTokens = async (t) => void next.saved.push(t);
    await microsoftProvider(next).listCalendars();
    expect(next.saved).toHaveLength(1);
  });

  it("a revoked refresh token is a CalendarAuthError", async () => {
    const connection = fakeConnection(fake.oauth, { expired: true });
    fake.oauth.revokeRefreshTokens();
    await expect(microsoftProvider(connection).upsertEvent(CAL, booking(), null)).rejects.toBeInstanceOf(CalendarAuthError);
    expect(fake.eventsIn(CAL)).toHaveLength(0);
  });
});

describe("outages", () => {
  it.each([
    ["a 500", { status: 500, json: {} }],
    ["a 429", { status: 429, json: {} }],
    ["a dropped connection", "drop" as const],
  ])("%s is a CalendarUnavailableError", async (_, failure) => {
    fake.state.failure = failure;
    await expect(microsoftProvider(fakeConnection(fake.oauth)).busy(RANGE, [CAL])).rejects.toBeInstanceOf(CalendarUnavailableError);
  });

  it("no answer is a CalendarUnavailableError after the timeout", async () => {
    fake.state.failure = "hang";
    await expect(
      microsoftProvider(fakeConnection(fake.oauth), { timeoutMs: 200 }).upsertEvent(CAL, booking(), null),
    ).rejects.toBeInstanceOf(CalendarUnavailableError);
  });

  it("a refused permission needs the admin", async () => {
    fake.state.failure = { status: 403, json: { error: { code: "ErrorAccessDenied" } } };
    await expect(microsoftProvider(fakeConnection(fake.oauth)).listCalendars()).rejects.toBeInstanceOf(CalendarAuthError);
  });
});
