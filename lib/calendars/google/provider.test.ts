import { beforeEach, describe, expect, it } from "vitest";
import { CalendarAuthError, CalendarUnavailableError, type CalendarEventInput } from "../provider";
import { googleEventId, googleProvider } from "./provider";
import type { FakeGoogle } from "@/tests/fakes/google/fake-google-calendar";
import { fakeConnection } from "@/tests/fakes/oauth/fake-connection";
import { useOAuthCalendarFakes } from "@/tests/fakes/oauth/use-calendar-fakes";

// The real Google client against tests/fakes/google: same requests, same answers.

const OWNER = "owner@example.com";
const day = (iso: string) => new Date(iso);
const RANGE = { start: day("2027-01-14T00:00:00Z"), end: day("2027-01-21T00:00:00Z") };

const booking = (over: Partial<CalendarEventInput> = {}): CalendarEventInput => ({
  uid: "booking-123@northwind.example",
  sequence: 0,
  title: "Consultation with Ada Lovelace",
  start: day("2027-01-15T14:00:00Z"),
  end: day("2027-01-15T14:30:00Z"),
  location: "https://meet.example/room",
  description: "Join: https://meet.example/room",
  attendee: { email: "ada@example.org", name: "Ada Lovelace" },
  ...over,
});

const fakes = useOAuthCalendarFakes();
let fake: FakeGoogle;
beforeEach(() => {
  fake = fakes.google;
});

describe("listCalendars", () => {
  it("lists the account's calendars; only owned ones can take our events", async () => {
    fake.addCalendar({ id: "team@group.calendar.google.com", summary: "Team", accessRole: "reader" });
    const calendars = await googleProvider(fakeConnection(fake.oauth)).listCalendars();
    expect(calendars).toEqual(
      expect.arrayContaining([
        { id: OWNER, name: OWNER, primary: true, canWrite: true },
        { id: "team@group.calendar.google.com", name: "Team", primary: false, canWrite: false },
      ]),
    );
  });
});

describe("busy", () => {
  it("reads busy times over the chosen calendars: another zone converted, recurring expanded, free and cancelled left out", async () => {
    fake.addCalendar({ id: "side@example.com" });
    // 16:00 in a +01:00 calendar is 15:00 UTC.
    fake.addEvent({ calendarId: OWNER, start: day("2027-01-14T15:00:00Z"), end: day("2027-01-14T16:00:00Z"), offset: "+01:00" });
    fake.addEvent({ calendarId: OWNER, start: day("2027-01-15T09:00:00Z"), end: day("2027-01-15T10:00:00Z"), transparency: "transparent" });
    fake.addEvent({ calendarId: OWNER, start: day("2027-01-15T11:00:00Z"), end: day("2027-01-15T12:00:00Z"), status: "cancelled" });
    fake.addEvent({
      calendarId: "side@example.com",
      start: day("2027-01-16T08:00:00Z"),
      end: day("2027-01-16T08:30:00Z"),
      recurrence: { everyDays: 1, count: 3 },
    });
    const busy = await googleProvider(fakeConnection(fake.oauth)).busy(RANGE, [OWNER, "side@example.com"]);
    expect(busy.map((b) => [b.start.toISOString(), b.end.toISOString()]).sort()).toEqual([
      ["2027-01-14T15:00:00.000Z", "2027-01-14T16:00:00.000Z"],
      ["2027-01-16T08:00:00.000Z", "2027-01-16T08:30:00.000Z"],
      ["2027-01-17T08:00:00.000Z", "2027-01-17T08:30:00.000Z"],
      ["2027-01-18T08:00:00.000Z", "2027-01-18T08:30:00.000Z"],
    ]);
    const query = fake.requests.find((r) => r.url.pathname.endsWith("/freeBusy"))!;
    expect(JSON.parse(query.body)).toMatchObject({ timeMin: RANGE.start.toISOString(), timeMax: RANGE.end.toISOString() });
  });

  it("a chosen calendar that is gone needs the admin", async () => {
    await expect(googleProvider(fakeConnection(fake.oauth)).busy(RANGE, ["deleted@example.com"])).rejects.toBeInstanceOf(CalendarAuthError);
  });

  it("asks nothing for no calendars", async () => {
    expect(await googleProvider(fakeConnection(fake.oauth)).busy(RANGE, [])).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("events", () => {
  it("an insert retried after a lost answer meets its own event and makes no second one", async () => {
    const provider = googleProvider(fakeConnection(fake.oauth));
    const first = await provider.upsertEvent(OWNER, booking(), null);
    const retry = await provider.upsertEvent(OWNER, booking(), null);
    expect(first.eventId).toBe(googleEventId("booking-123@northwind.example"));
    expect(retry.eventId).toBe(first.eventId);
    const live = fake.liveEvents(OWNER);
    expect(live).toHaveLength(1);
    expect(live[0]!.body).toMatchObject({
      summary: "Consultation with Ada Lovelace",
      location: "https://meet.example/room",
      attendees: [{ email: "ada@example.org", displayName: "Ada Lovelace" }],
    });
    const writes = fake.requests.filter((r) => r.url.pathname.includes("/events"));
    expect(writes.map((r) => r.method)).toEqual(["POST", "POST", "PATCH"]);
    // The visitor is a guest, but Google mails nobody: our own email is the invite.
    expect(writes.every((r) => r.url.searchParams.get("sendUpdates") === "none")).toBe(true);
  });

  it("a reschedule moves the same event, and busy times follow it", async () => {
    const provider = googleProvider(fakeConnection(fake.oauth));
    const { eventId } = await provider.upsertEvent(OWNER, booking(), null);
    const moved = await provider.upsertEvent(
      OWNER,
      booking({ sequence: 1, start: day("2027-01-18T10:00:00Z"), end: day("2027-01-18T10:30:00Z") }),
      eventId,
    );
    expect(moved.eventId).toBe(eventId);
    expect(fake.liveEvents(OWNER)).toHaveLength(1);
    const busy = await provider.busy(RANGE, [OWNER]);
    expect(busy.map((b) => b.start.toISOString())).toEqual(["2027-01-18T10:00:00.000Z"]);
  });

  it("an event deleted by hand in Google comes back on the next update", async () => {
    const provider = googleProvider(fakeConnection(fake.oauth));
    const { eventId } = await provider.upsertEvent(OWNER, booking(), null);
    fake.state.events.get(`${OWNER}\n${eventId}`)!.status = "cancelled";
    await provider.upsertEvent(OWNER, booking({ sequence: 1 }), eventId);
    expect(fake.liveEvents(OWNER)).toHaveLength(1);
  });

  it("delete removes the event; deleting it again, or one never made, is fine", async () => {
    const provider = googleProvider(fakeConnection(fake.oauth));
    const { eventId } = await provider.upsertEvent(OWNER, booking(), null);
    await provider.deleteEvent(OWNER, eventId, "booking-123@northwind.example");
    expect(fake.liveEvents(OWNER)).toHaveLength(0);
    await expect(provider.deleteEvent(OWNER, eventId, "booking-123@northwind.example")).resolves.toBeUndefined();
    await expect(provider.deleteEvent(OWNER, googleEventId("never"), "never")).resolves.toBeUndefined();
    expect(fake.requests.filter((r) => r.method === "DELETE").map((r) => r.url.searchParams.get("sendUpdates"))).toEqual([
      "none",
      "none",
      "none",
    ]);
  });

  it("a write calendar that is gone needs the admin", async () => {
    await expect(googleProvider(fakeConnection(fake.oauth)).upsertEvent("gone@example.com", booking(), null)).rejects.toBeInstanceOf(
      CalendarAuthError,
    );
  });
});

describe("tokens", () => {
  it("an expired access token is refreshed first and the new one saved", async () => {
    const connection = fakeConnection(fake.oauth, { expired: true });
    await googleProvider(connection).listCalendars();
    expect(connection.saved).toHaveLength(1);
    expect(connection.saved[0]!.accessToken).not.toBe(connection.tokens.accessToken);
    expect(connection.saved[0]!.refreshToken).toBe(connection.tokens.refreshToken);
    expect(connection.saved[0]!.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(fake.oauth.state.grants.at(-1)).toMatchObject({ grant_type: "refresh_token", refresh_token: connection.tokens.refreshToken });
  });

  it("calls side by side on an expired token share one refresh", async () => {
    const connection = fakeConnection(fake.oauth, { expired: true });
    const provider = googleProvider(connection);
    await Promise.all([provider.listCalendars(), provider.busy(RANGE, [OWNER]), provider.listCalendars()]);
    expect(connection.saved).toHaveLength(1);
    expect(fake.oauth.state.grants.filter((g) => g.grant_type === "refresh_token")).toHaveLength(1);
  });

  it("a token that expires within a minute is refreshed before use; one refused early is refreshed once and retried", async () => {
    fake.oauth.state.accessTokenSeconds = 30;
    const soon = fakeConnection(fake.oauth);
    fake.oauth.state.accessTokenSeconds = 3600;
    await googleProvider(soon).listCalendars();
    expect(soon.saved).toHaveLength(1);

    const refused = fakeConnection(fake.oauth);
    fake.oauth.expireAccessTokens();
    const provider = googleProvider(refused);
    await provider.listCalendars();
    await provider.listCalendars();
    expect(refused.saved).toHaveLength(1);
  });

  it("a revoked refresh token is a CalendarAuthError with a reason that quotes no token", async () => {
    const connection = fakeConnection(fake.oauth, { expired: true });
    fake.oauth.revokeRefreshTokens();
    const error = await googleProvider(connection)
      .busy(RANGE, [OWNER])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarAuthError);
    expect((error as Error).message).toMatch(/reconnect/);
    expect((error as Error).message).not.toContain(connection.tokens.refreshToken);
    expect(connection.saved).toHaveLength(0);
  });
});

describe("outages", () => {
  it.each([
    ["a 500", { status: 500, json: { error: { code: 500 } } }],
    ["a 503", { status: 503, json: { error: { code: 503 } } }],
    ["rate limiting", { status: 403, json: { error: { code: 403, errors: [{ reason: "rateLimitExceeded" }] } } }],
    ["a dropped connection", "drop" as const],
  ])("%s from the API is a CalendarUnavailableError", async (_, failure) => {
    fake.state.failure = failure;
    await expect(googleProvider(fakeConnection(fake.oauth)).busy(RANGE, [OWNER])).rejects.toBeInstanceOf(CalendarUnavailableError);
  });

  it("an API that never answers is a CalendarUnavailableError after the timeout", async () => {
    fake.state.failure = "hang";
    const started = Date.now();
    await expect(googleProvider(fakeConnection(fake.oauth), { timeoutMs: 200 }).listCalendars()).rejects.toBeInstanceOf(
      CalendarUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a token endpoint that is down is a CalendarUnavailableError, not a broken connection", async () => {
    fake.oauth.state.tokenFailure = { status: 503, json: {} };
    await expect(googleProvider(fakeConnection(fake.oauth, { expired: true })).listCalendars()).rejects.toBeInstanceOf(
      CalendarUnavailableError,
    );
    fake.oauth.state.tokenFailure = "hang";
    await expect(googleProvider(fakeConnection(fake.oauth, { expired: true }), { timeoutMs: 200 }).listCalendars()).rejects.toBeInstanceOf(
      CalendarUnavailableError,
    );
  });
});
