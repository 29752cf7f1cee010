import { bearer, startJsonServer, type FakeRequest, type FakeResponse, type JsonServer } from "./json-server";

// Zoom's S2S OAuth token endpoint and POST /v2/users/me/meetings on one fake server
// (ZOOM_OAUTH_BASE_URL = its url, ZOOM_API_BASE_URL = its url + "/v2").

/** `hang`: accept every request and never answer. */
export type ZoomState = { meetings: Record<string, unknown>[]; down: boolean; hang: boolean };

export async function startFakeZoom(credentials: { accountId: string; clientId: string; clientSecret: string }) {
  const token = "zoom-access-token";
  const state: ZoomState = { meetings: [], down: false, hang: false };
  const expectedBasic = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64")}`;
  const handle = (request: FakeRequest): FakeResponse => {
    if (state.hang) return "hang";
    if (state.down) return { status: 503, json: { code: 503, message: "Service unavailable" } };
    if (request.url.pathname === "/oauth/token") {
      const ok =
        request.headers.authorization === expectedBasic &&
        request.url.searchParams.get("grant_type") === "account_credentials" &&
        request.url.searchParams.get("account_id") === credentials.accountId;
      return ok
        ? { status: 200, json: { access_token: token, token_type: "bearer", expires_in: 3599 } }
        : { status: 401, json: { reason: "Invalid client" } };
    }
    if (request.url.pathname === "/v2/users/me/meetings" && request.method === "POST") {
      if (bearer(request) !== token) return { status: 401, json: { code: 124, message: "Invalid access token." } };
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const id = 85000000000 + state.meetings.length;
      state.meetings.push(body);
      return {
        status: 201,
        json: { id, join_url: `https://zoom.us/j/${id}?pwd=fake`, start_time: body.start_time, duration: body.duration },
      };
    }
    return { status: 404, json: { code: 404, message: "Not found" } };
  };
  const server: JsonServer = await startJsonServer(handle);
  return { ...server, state };
}
