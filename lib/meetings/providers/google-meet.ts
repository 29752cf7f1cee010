import "server-only";
import { createHash } from "node:crypto";
import { addMinutes } from "date-fns";
import { env } from "@/lib/env";
import type { MeetingProvider } from "../types";
import { cachedToken, callJson, expectJson, MeetingProviderError, oauthToken, stringField } from "./http";
import { parseServiceAccount, signServiceAccountJwt } from "./google-jwt";

// Google Calendar: a service-account token, then an event with a Meet conference
// (conferenceDataVersion=1). The event id is derived from the booking id, so a repeated
// call finds the existing event (409) instead of creating a second one.

const NAME = "google_meet";
const SCOPE = "https://www.googleapis.com/auth/calendar.events";

function config() {
  const e = env();
  return {
    account: e.GOOGLE_SERVICE_ACCOUNT_KEY ? parseServiceAccount(e.GOOGLE_SERVICE_ACCOUNT_KEY, e.GOOGLE_SERVICE_ACCOUNT_EMAIL) : undefined,
    subject: e.GOOGLE_IMPERSONATE_USER,
    calendarId: e.GOOGLE_CALENDAR_ID ?? "primary",
    tokenUrl: e.GOOGLE_OAUTH_TOKEN_URL ?? "https://oauth2.googleapis.com/token",
    apiBase: e.GOOGLE_API_BASE_URL ?? "https://www.googleapis.com",
  };
}

/** Calendar event ids use base32hex characters (0-9, a-v): a hex digest qualifies. */
export function googleEventId(bookingId: string): string {
  return createHash("sha256").update(bookingId).digest("hex").slice(0, 40);
}

async function accessToken(): Promise<string> {
  const c = config();
  const account = c.account!;
  return cachedToken(`${NAME}:${c.tokenUrl}:${account.clientEmail}:${c.subject ?? ""}`, async () => {
    const assertion = signServiceAccountJwt(account, { scope: SCOPE, audience: c.tokenUrl, subject: c.subject });
    const body = await expectJson(NAME, "token", c.tokenUrl, {
      form: { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion },
    });
    return oauthToken(NAME, body);
  });
}

function meetLink(event: Record<string, unknown>): string {
  if (typeof event.hangoutLink === "string") return event.hangoutLink;
  const entryPoints = (event.conferenceData as { entryPoints?: { entryPointType?: string; uri?: string }[] } | undefined)?.entryPoints;
  const video = entryPoints?.find((p) => p.entryPointType === "video")?.uri;
  // A "pending" conference has no link yet: treat it as a failure and use the room URL.
  if (!video) throw new MeetingProviderError(NAME, "event has no Meet link (conference not created)");
  return video;
}

export const googleMeetProvider: MeetingProvider = {
  name: NAME,
  configured() {
    return config().account !== undefined;
  },
  async create(request) {
    const c = config();
    const token = await accessToken();
    const eventsUrl = `${c.apiBase.replace(/\/$/, "")}/calendar/v3/calendars/${encodeURIComponent(c.calendarId)}/events`;
    const eventId = googleEventId(request.bookingId);
    const headers = { authorization: `Bearer ${token}` };
    const created = await callJson(NAME, `${eventsUrl}?conferenceDataVersion=1&sendUpdates=none`, {
      headers,
      json: {
        id: eventId,
        summary: `Consultation with ${request.attendeeName}`,
        description: `Booking ${request.bookingId}`,
        start: { dateTime: request.startsAt.toISOString(), timeZone: "UTC" },
        end: { dateTime: addMinutes(request.startsAt, request.durationMinutes).toISOString(), timeZone: "UTC" },
        conferenceData: { createRequest: { requestId: request.bookingId, conferenceSolutionKey: { type: "hangoutsMeet" } } },
      },
    });
    const event =
      created.status === 409
        ? await expectJson(NAME, "get event", `${eventsUrl}/${eventId}`, { method: "GET", headers })
        : created.status >= 200 && created.status < 300 && created.body && typeof created.body === "object"
          ? (created.body as Record<string, unknown>)
          : null;
    if (!event) throw new MeetingProviderError(NAME, `create event answered HTTP ${created.status}`, { status: created.status });
    return { url: meetLink(event), externalId: `google:${stringField(NAME, event, "id")}` };
  },
};
