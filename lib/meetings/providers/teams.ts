import "server-only";
import { addMinutes } from "date-fns";
import { env } from "@/lib/env";
import type { MeetingProvider } from "../types";
import { cachedToken, expectJson, oauthToken, stringField } from "./http";

// Microsoft Graph: a client-credentials token, then createOrGet an online meeting for the
// organizer user, keyed by the booking id so a repeated call returns the same meeting.
// (App-only access needs an application access policy for that user in Teams.)

const NAME = "teams";

function config() {
  const e = env();
  return {
    tenantId: e.MS_TENANT_ID,
    clientId: e.MS_CLIENT_ID,
    clientSecret: e.MS_CLIENT_SECRET,
    organizer: e.MS_ORGANIZER_USER_ID,
    loginBase: e.MS_LOGIN_BASE_URL ?? "https://login.microsoftonline.com",
    graphBase: e.MS_GRAPH_BASE_URL ?? "https://graph.microsoft.com/v1.0",
  };
}

async function accessToken(): Promise<string> {
  const c = config();
  return cachedToken(`${NAME}:${c.loginBase}:${c.tenantId}:${c.clientId}`, async () => {
    const url = `${c.loginBase.replace(/\/$/, "")}/${encodeURIComponent(c.tenantId!)}/oauth2/v2.0/token`;
    const body = await expectJson(NAME, "token", url, {
      form: {
        client_id: c.clientId!,
        client_secret: c.clientSecret!,
        scope: "https://graph.microsoft.com/.default",
        grant_type: "client_credentials",
      },
    });
    return oauthToken(NAME, body);
  });
}

export const teamsProvider: MeetingProvider = {
  name: NAME,
  configured() {
    const c = config();
    return Boolean(c.tenantId && c.clientId && c.clientSecret && c.organizer);
  },
  async create(request) {
    const c = config();
    const token = await accessToken();
    const url = `${c.graphBase.replace(/\/$/, "")}/users/${encodeURIComponent(c.organizer!)}/onlineMeetings/createOrGet`;
    const meeting = await expectJson(NAME, "create meeting", url, {
      headers: { authorization: `Bearer ${token}` },
      json: {
        externalId: request.bookingId,
        subject: `Consultation with ${request.attendeeName}`,
        startDateTime: request.startsAt.toISOString(),
        endDateTime: addMinutes(request.startsAt, request.durationMinutes).toISOString(),
      },
    });
    return { url: stringField(NAME, meeting, "joinWebUrl"), externalId: `teams:${stringField(NAME, meeting, "id")}` };
  },
};
