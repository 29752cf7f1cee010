import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  CalendarAuthError,
  CalendarUnavailableError,
  type BusyInterval,
  type CalendarEventInput,
  type CalendarProvider,
  type CalendarSummary,
} from "../provider";
import { googleCalendarBaseUrl } from "../oauth/config";
import { isSuccess, parseAnswer, statusError, type HttpAnswer } from "../oauth/http";
import { oauthSession } from "../oauth/session";
import type { OAuthConnection } from "../oauth/types";

// Google Calendar over plain fetch (docs/decisions/097): calendarList for the picker,
// freeBusy.query for busy times (Google expands recurring events and leaves out free and
// cancelled ones itself), events insert/patch/delete for the booking's own event. The event
// id is derived from the booking's uid, so a retried insert meets its own event (409) and
// patches it instead of creating a second one. sendUpdates=none everywhere: the visitor is on
// the event as a guest but gets no mail from Google (our own email carries the invite).

const FREEBUSY_MAX_CALENDARS = 50;

/** Google event ids are 5-1024 base32hex characters (0-9, a-v): a hex digest qualifies. */
export function googleEventId(uid: string): string {
  return createHash("sha256").update(`calendar-event:${uid}`).digest("hex");
}

const calendarListPage = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        summary: z.string().optional(),
        summaryOverride: z.string().optional(),
        primary: z.boolean().optional(),
        accessRole: z.string(),
        deleted: z.boolean().optional(),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});
const freeBusyAnswer = z.object({
  calendars: z.record(
    z.string(),
    z.object({
      busy: z.array(z.object({ start: z.string(), end: z.string() })).default([]),
      errors: z.array(z.object({ reason: z.string() })).optional(),
    }),
  ),
});
const eventAnswer = z.object({ id: z.string() });

/** Errors for which the chosen calendar itself is gone or shut to us: the admin must pick again. */
const INACCESSIBLE = new Set(["notFound", "forbidden", "notACalendarUser"]);

const rateLimited = (answer: HttpAnswer) => {
  const reasons = (answer.body as { error?: { errors?: { reason?: string }[] } } | null)?.error?.errors?.map((e) => e.reason) ?? [];
  return reasons.some((r) => r === "rateLimitExceeded" || r === "userRateLimitExceeded" || r === "quotaExceeded");
};

function failure(what: string, answer: HttpAnswer): Error {
  // 403 is either a missing permission (the admin must act) or throttling (retry later).
  if (answer.status === 403 && rateLimited(answer)) return new CalendarUnavailableError(`${what}: rate limited`);
  return statusError(what, answer, { authStatuses: [401, 403] });
}

function eventBody(event: CalendarEventInput) {
  return {
    summary: event.title,
    description: event.description,
    location: event.location ?? undefined,
    start: { dateTime: event.start.toISOString(), timeZone: "UTC" },
    end: { dateTime: event.end.toISOString(), timeZone: "UTC" },
    // A patch also restores an event someone deleted by hand (Google keeps it as cancelled).
    status: "confirmed",
    transparency: "opaque",
    attendees: event.attendee ? [{ email: event.attendee.email, displayName: event.attendee.name, responseStatus: "accepted" }] : [],
    guestsCanModify: false,
    extendedProperties: { private: { bookingUid: event.uid } },
  };
}

export function googleProvider(connection: OAuthConnection, options: { timeoutMs?: number } = {}): CalendarProvider {
  const session = oauthSession("GOOGLE", connection, options.timeoutMs);
  const base = () => googleCalendarBaseUrl();
  const eventsUrl = (calendarId: string, eventId?: string) =>
    `${base()}/calendars/${encodeURIComponent(calendarId)}/events${eventId ? `/${encodeURIComponent(eventId)}` : ""}?sendUpdates=none`;

  async function patch(calendarId: string, eventId: string, event: CalendarEventInput): Promise<HttpAnswer> {
    return session.call("Google events.patch", eventsUrl(calendarId, eventId), { method: "PATCH", json: eventBody(event) });
  }

  return {
    kind: "GOOGLE",

    async listCalendars() {
      const calendars: CalendarSummary[] = [];
      let pageToken: string | undefined;
      do {
        const url = new URL(`${base()}/users/me/calendarList`);
        url.searchParams.set("minAccessRole", "freeBusyReader");
        url.searchParams.set("maxResults", "250");
        if (pageToken) url.searchParams.set("pageToken", pageToken);
        const what = "Google calendarList.list";
        const answer = await session.call(what, url.toString());
        if (!isSuccess(answer)) throw failure(what, answer);
        const page = parseAnswer(what, calendarListPage, answer);
        for (const item of page.items) {
          if (item.deleted) continue;
          // Writing needs ownership: the events.owned scope covers only calendars the account owns.
          calendars.push({
            id: item.id,
            name: item.summaryOverride ?? item.summary ?? item.id,
            primary: item.primary === true,
            canWrite: item.accessRole === "owner",
          });
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      return calendars;
    },

    async busy(range, calendarIds) {
      const intervals: BusyInterval[] = [];
      for (let i = 0; i < calendarIds.length; i += FREEBUSY_MAX_CALENDARS) {
        const items = calendarIds.slice(i, i + FREEBUSY_MAX_CALENDARS).map((id) => ({ id }));
        const what = "Google freeBusy.query";
        const answer = await session.call(what, `${base()}/freeBusy`, {
          method: "POST",
          json: { timeMin: range.start.toISOString(), timeMax: range.end.toISOString(), timeZone: "UTC", items },
        });
        if (!isSuccess(answer)) throw failure(what, answer);
        const { calendars } = parseAnswer(what, freeBusyAnswer, answer);
        for (const { id } of items) {
          const calendar = calendars[id];
          const reasons = calendar?.errors?.map((e) => e.reason) ?? (calendar ? [] : ["missing"]);
          if (reasons.some((r) => INACCESSIBLE.has(r))) throw new CalendarAuthError(`${what}: a chosen calendar is no longer accessible`);
          if (reasons.length > 0) throw new CalendarUnavailableError(`${what}: no busy times for a calendar (${reasons[0]})`);
          for (const slot of calendar!.busy) {
            const start = new Date(slot.start);
            const end = new Date(slot.end);
            if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new CalendarUnavailableError(`${what}: bad time`);
            // freeBusy says when, not what: no uid (the core tells the booking's own event by its time).
            intervals.push({ start, end, eventUid: null });
          }
        }
      }
      return intervals;
    },

    async upsertEvent(calendarId, event, existingEventId) {
      const eventId = existingEventId ?? googleEventId(event.uid);
      if (existingEventId) {
        const answer = await patch(calendarId, eventId, event);
        if (isSuccess(answer)) return { eventId };
        if (answer.status !== 404 && answer.status !== 410) throw failure("Google events.patch", answer);
      }
      const what = "Google events.insert";
      const inserted = await session.call(what, eventsUrl(calendarId), { method: "POST", json: { id: eventId, ...eventBody(event) } });
      if (isSuccess(inserted)) return { eventId: parseAnswer(what, eventAnswer, inserted).id };
      if (inserted.status === 404) throw new CalendarAuthError(`${what}: the chosen calendar no longer exists`);
      if (inserted.status !== 409) throw failure(what, inserted);
      // An earlier attempt got through (its answer was lost): update that event instead.
      const patched = await patch(calendarId, eventId, event);
      if (!isSuccess(patched)) throw failure("Google events.patch", patched);
      return { eventId };
    },

    async deleteEvent(calendarId, eventId, uid) {
      const what = "Google events.delete";
      const answer = await session.call(what, eventsUrl(calendarId, eventId || googleEventId(uid)), { method: "DELETE" });
      // 410: deleted already; 404: never there or removed for good. Both are what we wanted.
      if (isSuccess(answer) || answer.status === 404 || answer.status === 410) return;
      throw failure(what, answer);
    },
  };
}
