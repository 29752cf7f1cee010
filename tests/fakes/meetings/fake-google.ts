import { createVerify, type KeyObject } from "node:crypto";
import { bearer, startJsonServer, type FakeRequest, type FakeResponse } from "./json-server";

// Google's OAuth token endpoint (JWT bearer grant, signature checked against the service
// account's public key) and Calendar's events insert/get with Meet conference data.
// GOOGLE_OAUTH_TOKEN_URL = its url + "/token", GOOGLE_API_BASE_URL = its url.

export type GoogleState = {
  events: Map<string, Record<string, unknown>>;
  assertions: Record<string, unknown>[];
  down: boolean;
  /** Answer with a conference still "pending" (no link yet). */
  pendingConference: boolean;
};

function verifyJwt(jwt: string, publicKey: KeyObject): Record<string, unknown> | undefined {
  const [header, payload, signature] = jwt.split(".");
  if (!header || !payload || !signature) return undefined;
  const ok = createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, "base64url"));
  return ok ? (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>) : undefined;
}

export async function startFakeGoogle(options: { publicKey: KeyObject; clientEmail: string }) {
  const token = "google-access-token";
  const state: GoogleState = { events: new Map(), assertions: [], down: false, pendingConference: false };
  let tokenUrl = "";
  const handle = (request: FakeRequest): FakeResponse => {
    if (state.down) return { status: 503, json: { error: { code: 503, message: "Backend Error" } } };
    if (request.url.pathname === "/token") {
      const form = new URLSearchParams(request.body);
      const claims =
        form.get("grant_type") === "urn:ietf:params:oauth:grant-type:jwt-bearer"
          ? verifyJwt(form.get("assertion") ?? "", options.publicKey)
          : undefined;
      if (!claims || claims.iss !== options.clientEmail || claims.aud !== tokenUrl)
        return { status: 400, json: { error: "invalid_grant" } };
      state.assertions.push(claims);
      return { status: 200, json: { access_token: token, expires_in: 3599, token_type: "Bearer" } };
    }
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(request.url.pathname);
    if (!match) return { status: 404, json: { error: { code: 404 } } };
    if (bearer(request) !== token) return { status: 401, json: { error: { code: 401 } } };
    if (request.method === "GET") {
      const event = state.events.get(match[2] ?? "");
      return event ? { status: 200, json: event } : { status: 404, json: { error: { code: 404 } } };
    }
    const body = JSON.parse(request.body) as Record<string, unknown>;
    const id = String(body.id);
    if (state.events.has(id)) return { status: 409, json: { error: { code: 409, message: "The requested identifier already exists." } } };
    const link = `https://meet.google.com/abc-defg-${String(state.events.size).padStart(3, "0")}`;
    const withConference = request.url.searchParams.get("conferenceDataVersion") === "1";
    const event = {
      ...body,
      calendarId: decodeURIComponent(match[1] ?? ""),
      ...(withConference && !state.pendingConference
        ? {
            hangoutLink: link,
            conferenceData: { entryPoints: [{ entryPointType: "video", uri: link }], createRequest: { status: { statusCode: "success" } } },
          }
        : { conferenceData: { createRequest: { status: { statusCode: "pending" } } } }),
    };
    state.events.set(id, event);
    return { status: 200, json: event };
  };
  const server = await startJsonServer(handle);
  tokenUrl = `${server.url}/token`;
  return { ...server, tokenUrl, state };
}
