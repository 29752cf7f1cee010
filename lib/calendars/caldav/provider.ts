import "server-only";
import { createAccount, deleteObject, fetchCalendarObjects, fetchCalendars, freeBusyQuery, updateObject, type DAVAccount } from "tsdav";
import { withTimeout } from "@/lib/timeout";
import { busyFromCalendarObject, busyFromFreeBusy } from "../ical-busy";
import { eventIcs } from "./event-ics";
import {
  CalendarAuthError,
  CalendarUnavailableError,
  type BusyInterval,
  type CalendarEventInput,
  type CalendarProvider,
  type CalendarSummary,
  type TimeRange,
} from "../provider";

// CalDAV (Nextcloud, iCloud, Fastmail, Radicale…) through tsdav. Every HTTP request goes
// through one fetch that adds the credentials and a timeout and turns failures into the two
// contract errors: 401 is an auth error (the app password was revoked), a network error,
// timeout or 5xx is "unavailable". Busy times: a free-busy-query REPORT first; a server that
// answers it with anything but a VFREEBUSY (Radicale answers a plain multistatus) or fails it
// is read with a time-range calendar-query, whose events are expanded here (./ical-busy.ts).

export type CaldavCredentials = { serverUrl: string; username: string; password: string };
export type CaldavOptions = { timeoutMs: number; floatingZone: string };

function guardedFetch(credentials: CaldavCredentials, timeoutMs: number): typeof fetch {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("Authorization", authorization);
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    } catch (error) {
      throw new CalendarUnavailableError(`The CalDAV server did not answer (${(error as Error).name}).`, { cause: error });
    }
    if (response.status === 401) throw new CalendarAuthError("The CalDAV server refused the username or app password (401).");
    if (response.status >= 500) throw new CalendarUnavailableError(`The CalDAV server failed (${response.status}).`);
    return response;
  };
}

function contractError(error: unknown, what: string): Error {
  if (error instanceof CalendarAuthError || error instanceof CalendarUnavailableError) return error;
  return new CalendarUnavailableError(`CalDAV ${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

const asCollection = (url: string) => (url.endsWith("/") ? url : `${url}/`);

export function caldavProvider(credentials: CaldavCredentials, options: CaldavOptions): CalendarProvider {
  const davFetch = guardedFetch(credentials, options.timeoutMs);
  let account: Promise<DAVAccount> | null = null;
  const discover = () =>
    (account ??= createAccount({ account: { serverUrl: credentials.serverUrl, accountType: "caldav" }, fetch: davFetch }).catch((error) => {
      account = null;
      throw error;
    }));
  // Each verb is bounded as a whole as well: discovery plus several calendars must not add up.
  const bounded = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    withTimeout(
      work().catch((error: unknown) => {
        throw contractError(error, what);
      }),
      options.timeoutMs * 3,
      () => new CalendarUnavailableError(`CalDAV ${what} timed out.`),
    );

  async function calendarBusy(url: string, range: TimeRange): Promise<BusyInterval[]> {
    const timeRange = { start: range.start.toISOString(), end: range.end.toISOString() };
    try {
      const answer = await freeBusyQuery({ url, timeRange, depth: "1", fetch: davFetch });
      if (typeof answer.raw === "string" && answer.raw.includes("BEGIN:VFREEBUSY")) return busyFromFreeBusy(answer.raw, range);
    } catch (error) {
      if (error instanceof CalendarAuthError) throw error;
    }
    const objects = await fetchCalendarObjects({ calendar: { url }, timeRange, urlFilter: (href) => !href.endsWith("/"), fetch: davFetch });
    return objects.flatMap((object) =>
      typeof object.data === "string" ? busyFromCalendarObject(object.data, range, options.floatingZone) : [],
    );
  }

  return {
    kind: "CALDAV",
    listCalendars: () =>
      bounded("calendar list", async () => {
        const calendars = await fetchCalendars({ account: await discover(), fetch: davFetch });
        return calendars
          .filter((c) => !c.components || c.components.includes("VEVENT"))
          .map((c, index): CalendarSummary => ({
            id: asCollection(c.url),
            name: typeof c.displayName === "string" && c.displayName ? c.displayName : c.url,
            primary: index === 0,
            canWrite: true,
          }));
      }),
    busy: (range, calendarIds) =>
      bounded("busy read", async () => {
        const ids =
          calendarIds.length > 0 ? calendarIds : (await fetchCalendars({ account: await discover(), fetch: davFetch })).map((c) => c.url);
        const perCalendar = await Promise.all(ids.map((id) => calendarBusy(asCollection(id), range)));
        return perCalendar.flat();
      }),
    upsertEvent: (calendarId, event: CalendarEventInput, existingEventId) =>
      bounded("event write", async () => {
        // Our UID names the resource: a repeated PUT overwrites the same event, never a second one.
        const url = existingEventId ?? `${asCollection(calendarId)}${encodeURIComponent(event.uid)}.ics`;
        const response = await updateObject({
          url,
          data: eventIcs(event),
          headers: { "Content-Type": "text/calendar; charset=utf-8" },
          fetch: davFetch,
        });
        if (!response.ok) throw new CalendarUnavailableError(`The CalDAV server refused the event (${response.status}).`);
        return { eventId: url };
      }),
    deleteEvent: (_calendarId, eventId) =>
      bounded("event delete", async () => {
        const response = await deleteObject({ url: eventId, fetch: davFetch });
        if (!response.ok && response.status !== 404 && response.status !== 410) {
          throw new CalendarUnavailableError(`The CalDAV server refused to delete the event (${response.status}).`);
        }
      }),
  };
}
