import { randomBytes } from "node:crypto";
import { startJsonServer, type FakeRequest, type FakeResponse } from "../meetings/json-server";
import { fakeAuthority } from "../oauth/fake-authority";
import { occurrences, withOffset, type FakeRecurrence } from "../calendar-events";

// Google OAuth + Calendar v3, as far as lib/calendars/google uses it: calendarList, freeBusy
// (recurring expanded; transparent and cancelled events left out), events insert (a
// client-chosen id that exists already answers 409), patch, delete (a deleted event stays as
// cancelled and a second delete answers 410). Point the app at it with
// GOOGLE_OAUTH_BASE_URL = url and GOOGLE_CALENDAR_BASE_URL = url + "/calendar/v3".

export type FakeGoogleEvent = {
  id: string;
  calendarId: string;
  start: Date;
  end: Date;
  /** The offset the busy answer is written in (the calendar's zone), e.g. "+01:00". */
  offset: string;
  status: "confirmed" | "cancelled";
  transparency: "opaque" | "transparent";
  recurrence?: FakeRecurrence;
  /** The last body written through the API, for assertions. */
  body: Record<string, unknown>;
};

export type FakeGoogleCalendar = { id: string; summary: string; primary: boolean; accessRole: string };

export async function startFakeGoogleCalendar(options: { email?: string; port?: number } = {}) {
  const email = options.email ?? "owner@example.com";
  const oauth = fakeAuthority({ email, idToken: true, rotateRefreshTokens: false });
  const state = {
    calendars: new Map<string, FakeGoogleCalendar>([[email, { id: email, summary: email, primary: true, accessRole: "owner" }]]),
    events: new Map<string, FakeGoogleEvent>(),
    /** What the calendar API answers instead of working (a status, "hang" or "drop"). */
    failure: null as FakeResponse | null,
  };

  const notFound: FakeResponse = { status: 404, json: { error: { code: 404, message: "Not Found" } } };
  const key = (calendarId: string, id: string) => `${calendarId}\n${id}`;

  function writeEvent(calendarId: string, id: string, body: Record<string, unknown>, previous?: FakeGoogleEvent): FakeGoogleEvent {
    const start = (body.start as { dateTime?: string } | undefined)?.dateTime;
    const end = (body.end as { dateTime?: string } | undefined)?.dateTime;
    const event: FakeGoogleEvent = {
      id,
      calendarId,
      start: start ? new Date(start) : previous!.start,
      end: end ? new Date(end) : previous!.end,
      offset: previous?.offset ?? "Z",
      status: (body.status as FakeGoogleEvent["status"]) ?? previous?.status ?? "confirmed",
      transparency: (body.transparency as FakeGoogleEvent["transparency"]) ?? previous?.transparency ?? "opaque",
      body: { ...previous?.body, ...body },
    };
    state.events.set(key(calendarId, id), event);
    return event;
  }

  const asJson = (event: FakeGoogleEvent) => ({ ...event.body, id: event.id, status: event.status });

  function freeBusy(request: FakeRequest): FakeResponse {
    const body = JSON.parse(request.body) as { timeMin: string; timeMax: string; items: { id: string }[] };
    const range = { start: new Date(body.timeMin), end: new Date(body.timeMax) };
    const calendars: Record<string, unknown> = {};
    for (const { id } of body.items) {
      if (!state.calendars.has(id)) {
        calendars[id] = { busy: [], errors: [{ domain: "global", reason: "notFound" }] };
        continue;
      }
      const busy = [...state.events.values()]
        .filter((e) => e.calendarId === id && e.status !== "cancelled" && e.transparency !== "transparent")
        .flatMap((e) =>
          occurrences(e.start, e.end, e.recurrence, range).map((o) => ({
            start: withOffset(o.start, e.offset),
            end: withOffset(o.end, e.offset),
          })),
        );
      calendars[id] = { busy };
    }
    return { status: 200, json: { kind: "calendar#freeBusy", timeMin: body.timeMin, timeMax: body.timeMax, calendars } };
  }

  function events(request: FakeRequest, calendarId: string, eventId: string | undefined): FakeResponse {
    if (!state.calendars.has(calendarId)) return notFound;
    const existing = eventId ? state.events.get(key(calendarId, eventId)) : undefined;
    if (request.method === "POST" && !eventId) {
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const id = typeof body.id === "string" ? body.id : randomBytes(10).toString("hex");
      if (!/^[0-9a-v]{5,1024}$/.test(id)) return { status: 400, json: { error: { code: 400, message: "Invalid resource id value." } } };
      if (state.events.has(key(calendarId, id))) {
        return {
          status: 409,
          json: { error: { code: 409, errors: [{ reason: "duplicate" }], message: "The requested identifier already exists." } },
        };
      }
      return { status: 200, json: asJson(writeEvent(calendarId, id, body)) };
    }
    if (!existing) return notFound;
    if (request.method === "GET") return { status: 200, json: asJson(existing) };
    if (request.method === "PATCH") {
      return {
        status: 200,
        json: asJson(writeEvent(calendarId, existing.id, JSON.parse(request.body) as Record<string, unknown>, existing)),
      };
    }
    if (request.method === "DELETE") {
      if (existing.status === "cancelled") return { status: 410, json: { error: { code: 410, errors: [{ reason: "deleted" }] } } };
      existing.status = "cancelled";
      return { status: 204 };
    }
    return { status: 405 };
  }

  const handle = (request: FakeRequest): FakeResponse => {
    const path = request.url.pathname;
    if (path === "/o/oauth2/v2/auth") return oauth.authorize(request);
    if (path === "/token" && request.method === "POST") return oauth.token(request);
    if (!path.startsWith("/calendar/v3/")) return notFound;
    if (state.failure) return state.failure;
    if (!oauth.authorized(request)) return { status: 401, json: { error: { code: 401, message: "Invalid Credentials" } } };
    if (path === "/calendar/v3/users/me/calendarList" && request.method === "GET") {
      return { status: 200, json: { kind: "calendar#calendarList", items: [...state.calendars.values()] } };
    }
    if (path === "/calendar/v3/freeBusy" && request.method === "POST") return freeBusy(request);
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (match) return events(request, decodeURIComponent(match[1]!), match[2] ? decodeURIComponent(match[2]) : undefined);
    return notFound;
  };

  const server = await startJsonServer(handle, options.port);
  return {
    ...server,
    oauth,
    state,
    env: {
      GOOGLE_CLIENT_ID: oauth.state.clientId,
      GOOGLE_CLIENT_SECRET: oauth.state.clientSecret,
      GOOGLE_OAUTH_BASE_URL: server.url,
      GOOGLE_CALENDAR_BASE_URL: `${server.url}/calendar/v3`,
    },
    addCalendar(calendar: Partial<FakeGoogleCalendar> & { id: string }) {
      state.calendars.set(calendar.id, { summary: calendar.id, primary: false, accessRole: "owner", ...calendar });
    },
    /** An event put in by the owner (not through our API). */
    addEvent(event: Partial<FakeGoogleEvent> & { calendarId: string; start: Date; end: Date }) {
      const id = event.id ?? randomBytes(8).toString("hex");
      state.events.set(key(event.calendarId, id), { id, offset: "Z", status: "confirmed", transparency: "opaque", body: {}, ...event });
      return id;
    },
    /** Back to a fresh account: no events, no scripted failures, the primary calendar only. */
    reset() {
      state.events.clear();
      for (const id of state.calendars.keys()) if (id !== email) state.calendars.delete(id);
      state.failure = null;
      oauth.reset();
      server.requests.length = 0;
    },
    /** The live (not cancelled) events of a calendar. */
    liveEvents(calendarId: string) {
      return [...state.events.values()].filter((e) => e.calendarId === calendarId && e.status !== "cancelled");
    },
  };
}

export type FakeGoogle = Awaited<ReturnType<typeof startFakeGoogleCalendar>>;
