import { randomBytes } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { startJsonServer, type FakeRequest, type FakeResponse } from "../meetings/json-server";
import { fakeAuthority } from "../oauth/fake-authority";
import { occurrences, type FakeRecurrence } from "../calendar-events";

// Microsoft identity platform + Graph v1.0, as far as lib/calendars/microsoft uses it: /me,
// /me/calendars, calendarView (series expanded into occurrences, paged with @odata.nextLink,
// times in UTC when asked with Prefer: outlook.timezone="UTC", otherwise in the event's own
// zone), event create (a repeated transactionId returns the event made the first time),
// update and delete. Point the app at it with MICROSOFT_LOGIN_BASE_URL = url and
// MICROSOFT_GRAPH_BASE_URL = url + "/v1.0".

export type FakeGraphEvent = {
  id: string;
  calendarId: string;
  start: Date;
  end: Date;
  /** IANA zone the event was made in; used when the client does not ask for UTC. */
  timeZone: string;
  showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
  isCancelled: boolean;
  transactionId: string | null;
  recurrence?: FakeRecurrence;
  body: Record<string, unknown>;
};

export type FakeGraphCalendar = { id: string; name: string; canEdit: boolean; isDefaultCalendar: boolean };

const graphError = (status: number, code: string): FakeResponse => ({ status, json: { error: { code, message: code } } });

function graphTime(date: Date, timeZone: string) {
  if (timeZone === "UTC") return { dateTime: `${date.toISOString().slice(0, 19)}.0000000`, timeZone: "UTC" };
  const local = new TZDate(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const text = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}.0000000`;
  return { dateTime: text, timeZone };
}

function parseGraphTime(value: unknown): Date | undefined {
  const v = value as { dateTime?: string; timeZone?: string } | undefined;
  if (!v?.dateTime) return undefined;
  if (v.timeZone !== "UTC") throw new Error("the fake reads only UTC times");
  return new Date(`${v.dateTime}Z`);
}

export async function startFakeGraphCalendar(options: { email?: string; tenant?: string; port?: number } = {}) {
  const email = options.email ?? "owner@contoso.example";
  const tenant = options.tenant ?? "common";
  const oauth = fakeAuthority({ email, idToken: false, rotateRefreshTokens: true });
  const state = {
    calendars: new Map<string, FakeGraphCalendar>([
      ["cal-default", { id: "cal-default", name: "Calendar", canEdit: true, isDefaultCalendar: true }],
    ]),
    events: new Map<string, FakeGraphEvent>(),
    /** Page size of calendarView and calendar lists (lower than $top to exercise paging). */
    pageSize: 200,
    failure: null as FakeResponse | null,
  };

  function paged(request: FakeRequest, items: unknown[]): FakeResponse {
    const top = Number(request.url.searchParams.get("$top") ?? "10");
    const skip = Number(request.url.searchParams.get("$skip") ?? "0");
    const size = Math.min(top, state.pageSize);
    const next = new URL(request.url.pathname + request.url.search, serverUrl);
    next.searchParams.set("$skip", String(skip + size));
    return {
      status: 200,
      json: { value: items.slice(skip, skip + size), ...(skip + size < items.length ? { "@odata.nextLink": next.toString() } : {}) },
    };
  }

  function calendarView(request: FakeRequest, calendarId: string): FakeResponse {
    const q = request.url.searchParams;
    const range = { start: new Date(q.get("startDateTime") ?? ""), end: new Date(q.get("endDateTime") ?? "") };
    if (Number.isNaN(range.start.getTime()) || Number.isNaN(range.end.getTime())) return graphError(400, "ErrorInvalidParameter");
    const utc = /outlook\.timezone="UTC"/.test(String(request.headers.prefer ?? ""));
    const items = [...state.events.values()]
      .filter((e) => e.calendarId === calendarId)
      .flatMap((e) =>
        occurrences(e.start, e.end, e.recurrence, range).map((o, i) => ({
          id: e.recurrence ? `${e.id}-occ-${i}` : e.id,
          type: e.recurrence ? "occurrence" : "singleInstance",
          start: graphTime(o.start, utc ? "UTC" : e.timeZone),
          end: graphTime(o.end, utc ? "UTC" : e.timeZone),
          showAs: e.showAs,
          isCancelled: e.isCancelled,
          transactionId: e.recurrence ? null : e.transactionId,
        })),
      );
    return paged(request, items);
  }

  function writeEvent(id: string, calendarId: string, body: Record<string, unknown>, previous?: FakeGraphEvent): FakeGraphEvent {
    const event: FakeGraphEvent = {
      id,
      calendarId,
      start: parseGraphTime(body.start) ?? previous!.start,
      end: parseGraphTime(body.end) ?? previous!.end,
      timeZone: "UTC",
      showAs: (body.showAs as FakeGraphEvent["showAs"]) ?? previous?.showAs ?? "busy",
      isCancelled: false,
      transactionId: (body.transactionId as string | undefined) ?? previous?.transactionId ?? null,
      body: { ...previous?.body, ...body },
    };
    state.events.set(id, event);
    return event;
  }
  const asJson = (e: FakeGraphEvent) => ({ ...e.body, id: e.id, transactionId: e.transactionId });

  const handle = (request: FakeRequest): FakeResponse => {
    const path = request.url.pathname;
    if (path === `/${tenant}/oauth2/v2.0/authorize`) return oauth.authorize(request);
    if (path === `/${tenant}/oauth2/v2.0/token` && request.method === "POST") return oauth.token(request);
    if (!path.startsWith("/v1.0/")) return graphError(404, "NotFound");
    if (state.failure) return state.failure;
    if (!oauth.authorized(request)) return graphError(401, "InvalidAuthenticationToken");
    if (path === "/v1.0/me") return { status: 200, json: { mail: email, userPrincipalName: email } };
    if (path === "/v1.0/me/calendars" && request.method === "GET") return paged(request, [...state.calendars.values()]);
    let match = /^\/v1\.0\/me\/calendars\/([^/]+)\/(calendarView|events)$/.exec(path);
    if (match) {
      const calendarId = decodeURIComponent(match[1]!);
      if (!state.calendars.has(calendarId)) return graphError(404, "ErrorItemNotFound");
      if (match[2] === "calendarView" && request.method === "GET") return calendarView(request, calendarId);
      if (match[2] === "events" && request.method === "POST") {
        const body = JSON.parse(request.body) as Record<string, unknown>;
        if (Array.isArray(body.attendees) && body.attendees.length > 0) return graphError(400, "TheFakeRefusesAttendees");
        const same = [...state.events.values()].find((e) => e.transactionId && e.transactionId === body.transactionId);
        if (same) return { status: 201, json: asJson(same) };
        return { status: 201, json: asJson(writeEvent(`evt-${randomBytes(8).toString("hex")}`, calendarId, body)) };
      }
    }
    match = /^\/v1\.0\/me\/events\/([^/]+)$/.exec(path);
    if (match) {
      const existing = state.events.get(decodeURIComponent(match[1]!));
      if (!existing) return graphError(404, "ErrorItemNotFound");
      if (request.method === "PATCH")
        return { status: 200, json: asJson(writeEvent(existing.id, existing.calendarId, JSON.parse(request.body), existing)) };
      if (request.method === "DELETE") {
        state.events.delete(existing.id);
        return { status: 204 };
      }
    }
    return graphError(404, "NotFound");
  };

  const server = await startJsonServer(handle, options.port);
  const serverUrl = server.url;
  return {
    ...server,
    oauth,
    state,
    env: {
      MICROSOFT_CLIENT_ID: oauth.state.clientId,
      MICROSOFT_CLIENT_SECRET: oauth.state.clientSecret,
      MICROSOFT_TENANT: tenant,
      MICROSOFT_LOGIN_BASE_URL: server.url,
      MICROSOFT_GRAPH_BASE_URL: `${server.url}/v1.0`,
    },
    addCalendar(calendar: Partial<FakeGraphCalendar> & { id: string }) {
      state.calendars.set(calendar.id, { name: calendar.id, canEdit: true, isDefaultCalendar: false, ...calendar });
    },
    addEvent(event: Partial<FakeGraphEvent> & { calendarId: string; start: Date; end: Date }) {
      const id = event.id ?? `evt-${randomBytes(8).toString("hex")}`;
      state.events.set(id, { id, timeZone: "UTC", showAs: "busy", isCancelled: false, transactionId: null, body: {}, ...event });
      return id;
    },
    /** Back to a fresh account: no events, no scripted failures, the default calendar only. */
    reset() {
      state.events.clear();
      for (const id of state.calendars.keys()) if (id !== "cal-default") state.calendars.delete(id);
      state.failure = null;
      state.pageSize = 200;
      oauth.reset();
      server.requests.length = 0;
    },
    eventsIn(calendarId: string) {
      return [...state.events.values()].filter((e) => e.calendarId === calendarId);
    },
  };
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraphCalendar>>;
