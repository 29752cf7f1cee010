import "server-only";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { isValidTimeZone } from "@/lib/time-zones";
import {
  CalendarAuthError,
  CalendarUnavailableError,
  type BusyInterval,
  type CalendarEventInput,
  type CalendarProvider,
  type CalendarSummary,
} from "../provider";
import { microsoftGraphBaseUrl } from "../oauth/config";
import { isSuccess, parseAnswer, statusError, type HttpAnswer } from "../oauth/http";
import { oauthSession } from "../oauth/session";
import type { OAuthConnection } from "../oauth/types";

// Microsoft 365 / Outlook over Graph REST (docs/decisions/098). Busy times come from
// calendarView, which expands recurring series into occurrences; an event shown as free
// (or "working elsewhere") or cancelled does not block a slot. Times are asked for in UTC
// (Prefer: outlook.timezone="UTC"). Events are created with transactionId = our uid, which
// Graph uses to drop a retried POST, and carry no attendees: Graph mails every attendee of
// an event it saves and has no switch to stop it, and our own email already invites.

const TIME_ZONE_PREFERENCE = 'outlook.timezone="UTC"';
const PAGE_SIZE = 200;
const FREE = new Set(["free", "workingElsewhere"]);

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const calendarsPage = z.object({
  value: z.array(
    z.object({ id: z.string(), name: z.string().nullish(), canEdit: z.boolean().nullish(), isDefaultCalendar: z.boolean().nullish() }),
  ),
  "@odata.nextLink": z.string().optional(),
});
const viewPage = z.object({
  value: z.array(
    z.object({
      start: dateTimeTimeZone,
      end: dateTimeTimeZone,
      showAs: z.string().nullish(),
      isCancelled: z.boolean().nullish(),
      transactionId: z.string().nullish(),
    }),
  ),
  "@odata.nextLink": z.string().optional(),
});
const eventAnswer = z.object({ id: z.string() });

const failure = (what: string, answer: HttpAnswer) => statusError(what, answer, { authStatuses: [401, 403] });

/** Graph's dateTime has no offset; with the UTC preference the zone is "UTC" (an IANA name is read too). */
export function graphTime(value: z.infer<typeof dateTimeTimeZone>): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.dateTime);
  if (!match) throw new CalendarUnavailableError("Microsoft Graph: unreadable dateTime");
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((match[7] ?? "0").padEnd(3, "0").slice(0, 3));
  if (value.timeZone === "UTC" || value.timeZone === "Etc/UTC") return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (isValidTimeZone(value.timeZone)) return new Date(new TZDate(y, mo - 1, d, h, mi, s, ms, value.timeZone).getTime());
  throw new CalendarUnavailableError("Microsoft Graph: answered in a time zone other than UTC");
}

const graphDateTime = (date: Date) => ({ dateTime: date.toISOString().replace(/Z$/, ""), timeZone: "UTC" });

function eventBody(event: CalendarEventInput) {
  const guest = event.attendee ? `\n\nWith: ${event.attendee.name} <${event.attendee.email}>` : "";
  return {
    subject: event.title,
    body: { contentType: "text", content: `${event.description}${guest}` },
    start: graphDateTime(event.start),
    end: graphDateTime(event.end),
    location: { displayName: event.location ?? "" },
    showAs: "busy",
  };
}

export function microsoftProvider(connection: OAuthConnection, options: { timeoutMs?: number } = {}): CalendarProvider {
  const session = oauthSession("MICROSOFT", connection, options.timeoutMs);
  const base = () => microsoftGraphBaseUrl();
  const headers = { prefer: TIME_ZONE_PREFERENCE };

  /** Follows @odata.nextLink, which Graph returns as an absolute URL on its own host. */
  async function* pages<T extends { "@odata.nextLink"?: string }>(what: string, first: string, schema: z.ZodType<T>) {
    let url: string | undefined = first;
    const origin = new URL(first).origin;
    while (url) {
      if (new URL(url).origin !== origin) throw new CalendarUnavailableError(`${what}: paging link to another host`);
      const answer = await session.call(what, url, { headers });
      if (answer.status === 404) throw new CalendarAuthError(`${what}: a chosen calendar no longer exists`);
      if (!isSuccess(answer)) throw failure(what, answer);
      const page = parseAnswer(what, schema, answer);
      yield page;
      url = page["@odata.nextLink"];
    }
  }

  async function calendarBusy(range: { start: Date; end: Date }, calendarId: string): Promise<BusyInterval[]> {
    const url = new URL(`${base()}/me/calendars/${encodeURIComponent(calendarId)}/calendarView`);
    url.searchParams.set("startDateTime", range.start.toISOString());
    url.searchParams.set("endDateTime", range.end.toISOString());
    url.searchParams.set("$select", "start,end,showAs,isCancelled,transactionId");
    url.searchParams.set("$top", String(PAGE_SIZE));
    const intervals: BusyInterval[] = [];
    for await (const page of pages("Microsoft calendarView", url.toString(), viewPage)) {
      for (const event of page.value) {
        if (event.isCancelled || FREE.has(event.showAs ?? "busy")) continue;
        intervals.push({ start: graphTime(event.start), end: graphTime(event.end), eventUid: event.transactionId ?? null });
      }
    }
    return intervals;
  }

  return {
    kind: "MICROSOFT",

    async listCalendars() {
      const calendars: CalendarSummary[] = [];
      const first = `${base()}/me/calendars?$select=id,name,canEdit,isDefaultCalendar&$top=100`;
      for await (const page of pages("Microsoft calendars", first, calendarsPage)) {
        for (const c of page.value) {
          calendars.push({ id: c.id, name: c.name ?? c.id, primary: c.isDefaultCalendar === true, canWrite: c.canEdit === true });
        }
      }
      return calendars;
    },

    async busy(range, calendarIds) {
      const perCalendar = await Promise.all(calendarIds.map((id) => calendarBusy(range, id)));
      return perCalendar.flat();
    },

    async upsertEvent(calendarId, event, existingEventId) {
      if (existingEventId) {
        const what = "Microsoft events.update";
        const answer = await session.call(what, `${base()}/me/events/${encodeURIComponent(existingEventId)}`, {
          method: "PATCH",
          headers,
          json: eventBody(event),
        });
        if (isSuccess(answer)) return { eventId: existingEventId };
        // Deleted by hand in Outlook: write it again.
        if (answer.status !== 404) throw failure(what, answer);
      }
      const what = "Microsoft events.create";
      const answer = await session.call(what, `${base()}/me/calendars/${encodeURIComponent(calendarId)}/events`, {
        method: "POST",
        headers,
        json: { ...eventBody(event), transactionId: event.uid },
      });
      if (answer.status === 404) throw new CalendarAuthError(`${what}: the chosen calendar no longer exists`);
      if (!isSuccess(answer)) throw failure(what, answer);
      return { eventId: parseAnswer(what, eventAnswer, answer).id };
    },

    async deleteEvent(_calendarId, eventId) {
      const what = "Microsoft events.delete";
      const answer = await session.call(what, `${base()}/me/events/${encodeURIComponent(eventId)}`, { method: "DELETE" });
      if (isSuccess(answer) || answer.status === 404) return;
      throw failure(what, answer);
    },
  };
}
