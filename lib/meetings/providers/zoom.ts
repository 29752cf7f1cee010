import "server-only";
import { addMinutes } from "date-fns";
import { env } from "@/lib/env";
import type { MeetingProvider } from "../types";
import { cachedToken, expectJson, oauthToken, stringField } from "./http";

// Zoom Server-to-Server OAuth: an account-credentials token, then one scheduled meeting
// per booking on the app's Zoom user (POST /users/me/meetings).

const NAME = "zoom";

function config() {
  const e = env();
  return {
    accountId: e.ZOOM_ACCOUNT_ID,
    clientId: e.ZOOM_CLIENT_ID,
    clientSecret: e.ZOOM_CLIENT_SECRET,
    oauthBase: e.ZOOM_OAUTH_BASE_URL ?? "https://zoom.us",
    apiBase: e.ZOOM_API_BASE_URL ?? "https://api.zoom.us/v2",
  };
}

async function accessToken(): Promise<string> {
  const c = config();
  return cachedToken(`${NAME}:${c.oauthBase}:${c.clientId}`, async () => {
    const url = new URL("/oauth/token", c.oauthBase);
    url.searchParams.set("grant_type", "account_credentials");
    url.searchParams.set("account_id", c.accountId!);
    const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64");
    return oauthToken(NAME, await expectJson(NAME, "token", url.toString(), { headers: { authorization: `Basic ${basic}` } }));
  });
}

export const zoomProvider: MeetingProvider = {
  name: NAME,
  configured() {
    const c = config();
    return Boolean(c.accountId && c.clientId && c.clientSecret);
  },
  async create(request) {
    const token = await accessToken();
    const meeting = await expectJson(NAME, "create meeting", `${config().apiBase.replace(/\/$/, "")}/users/me/meetings`, {
      headers: { authorization: `Bearer ${token}` },
      json: {
        topic: `Consultation with ${request.attendeeName}`,
        type: 2,
        start_time: request.startsAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
        duration: request.durationMinutes,
        timezone: "UTC",
        agenda: `Booking ${request.bookingId}, until ${addMinutes(request.startsAt, request.durationMinutes).toISOString()}`,
      },
    });
    return { url: stringField(NAME, meeting, "join_url"), externalId: `zoom:${stringField(NAME, meeting, "id")}` };
  },
};
