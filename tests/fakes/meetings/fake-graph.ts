import { bearer, startJsonServer, type FakeRequest, type FakeResponse } from "./json-server";

// Microsoft identity platform client-credentials token and Graph's
// POST /v1.0/users/{id}/onlineMeetings/createOrGet (idempotent on externalId).
// MS_LOGIN_BASE_URL = its url, MS_GRAPH_BASE_URL = its url + "/v1.0".

export type GraphState = { meetings: Map<string, { id: string; joinWebUrl: string; body: Record<string, unknown> }>; down: boolean };

export async function startFakeGraph(credentials: { tenantId: string; clientId: string; clientSecret: string; organizer: string }) {
  const token = "graph-access-token";
  const state: GraphState = { meetings: new Map(), down: false };
  const handle = (request: FakeRequest): FakeResponse => {
    if (state.down) return { status: 500, json: { error: { code: "InternalServerError", message: "down" } } };
    if (request.url.pathname === `/${credentials.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(request.body);
      const ok =
        form.get("client_id") === credentials.clientId &&
        form.get("client_secret") === credentials.clientSecret &&
        form.get("grant_type") === "client_credentials" &&
        form.get("scope") === "https://graph.microsoft.com/.default";
      return ok
        ? { status: 200, json: { token_type: "Bearer", expires_in: 3599, access_token: token } }
        : { status: 401, json: { error: "invalid_client" } };
    }
    if (request.url.pathname === `/v1.0/users/${credentials.organizer}/onlineMeetings/createOrGet`) {
      if (bearer(request) !== token) return { status: 401, json: { error: { code: "InvalidAuthenticationToken" } } };
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const externalId = String(body.externalId);
      const existing = state.meetings.get(externalId);
      if (existing) return { status: 200, json: { id: existing.id, joinWebUrl: existing.joinWebUrl } };
      const id = `MSo1N2Y5ZGFj${state.meetings.size}`;
      const meeting = { id, joinWebUrl: `https://teams.microsoft.com/l/meetup-join/fake-${state.meetings.size}`, body };
      state.meetings.set(externalId, meeting);
      return {
        status: 201,
        json: { id, joinWebUrl: meeting.joinWebUrl, startDateTime: body.startDateTime, endDateTime: body.endDateTime },
      };
    }
    return { status: 404, json: { error: { code: "NotFound" } } };
  };
  return { ...(await startJsonServer(handle)), state };
}
