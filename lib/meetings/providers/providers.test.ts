import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeGoogle } from "@/tests/fakes/meetings/fake-google";
import { startFakeGraph } from "@/tests/fakes/meetings/fake-graph";
import { startFakeZoom } from "@/tests/fakes/meetings/fake-zoom";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import type { MeetingRequest } from "../types";
import { googleEventId, googleMeetProvider } from "./google-meet";
import { parseServiceAccount } from "./google-jwt";
import { clearTokenCacheForTests, MeetingProviderError } from "./http";
import { providerFor } from "./index";
import { teamsProvider } from "./teams";
import { zoomProvider } from "./zoom";

// Each adapter against a local fake of its vendor's HTTP API.

const request: MeetingRequest = {
  bookingId: "bk_abcdefghijklmnopqrstuvwxyz",
  method: "ZOOM",
  startsAt: new Date("2026-03-10T14:00:00.000Z"),
  durationMinutes: 45,
  attendeeName: "Ada Lovelace",
  attendeeEmail: "ada@example.com",
};

const setEnv = useTestEnv();
afterEach(() => clearTokenCacheForTests());

describe("Zoom (Server-to-Server OAuth)", () => {
  const creds = { accountId: "acc_1", clientId: "client_1", clientSecret: "secret_1" };
  let zoom: Awaited<ReturnType<typeof startFakeZoom>>;
  beforeAll(async () => {
    zoom = await startFakeZoom(creds);
  });
  afterAll(() => zoom.close());
  const configure = () =>
    setEnv({
      ZOOM_ACCOUNT_ID: creds.accountId,
      ZOOM_CLIENT_ID: creds.clientId,
      ZOOM_CLIENT_SECRET: creds.clientSecret,
      ZOOM_OAUTH_BASE_URL: zoom.url,
      ZOOM_API_BASE_URL: `${zoom.url}/v2`,
    });

  it("is configured only with all three credentials", () => {
    expect(zoomProvider.configured()).toBe(false);
    configure();
    expect(zoomProvider.configured()).toBe(true);
    expect(providerFor("ZOOM")).toBe(zoomProvider);
  });

  it("gets a token and creates a scheduled meeting at the booking's UTC time", async () => {
    configure();
    const link = await zoomProvider.create(request);
    expect(link.url).toMatch(/^https:\/\/zoom\.us\/j\/\d+/);
    expect(link.externalId).toMatch(/^zoom:\d+$/);
    expect(zoom.state.meetings.at(-1)).toMatchObject({ type: 2, start_time: "2026-03-10T14:00:00Z", duration: 45, timezone: "UTC" });
    // The token is reused for the next meeting.
    const tokenCalls = zoom.requests.filter((r) => r.url.pathname === "/oauth/token").length;
    await zoomProvider.create(request);
    expect(zoom.requests.filter((r) => r.url.pathname === "/oauth/token").length).toBe(tokenCalls);
  });

  it("raises a typed error when Zoom fails or the credentials are wrong", async () => {
    setEnv({
      ZOOM_ACCOUNT_ID: "acc_1",
      ZOOM_CLIENT_ID: "client_1",
      ZOOM_CLIENT_SECRET: "wrong",
      ZOOM_OAUTH_BASE_URL: zoom.url,
      ZOOM_API_BASE_URL: `${zoom.url}/v2`,
    });
    await expect(zoomProvider.create(request)).rejects.toMatchObject({ name: "MeetingProviderError", status: 401 });
    configure();
    zoom.state.down = true;
    try {
      await expect(zoomProvider.create(request)).rejects.toBeInstanceOf(MeetingProviderError);
    } finally {
      zoom.state.down = false;
    }
  });
});

describe("Microsoft Teams (Graph onlineMeetings)", () => {
  const creds = { tenantId: "tenant-1", clientId: "app-1", clientSecret: "s3cret", organizer: "organizer-id" };
  let graph: Awaited<ReturnType<typeof startFakeGraph>>;
  beforeAll(async () => {
    graph = await startFakeGraph(creds);
  });
  afterAll(() => graph.close());

  it("creates the meeting once per booking (createOrGet on the booking id)", async () => {
    setEnv({
      MS_TENANT_ID: creds.tenantId,
      MS_CLIENT_ID: creds.clientId,
      MS_CLIENT_SECRET: creds.clientSecret,
      MS_ORGANIZER_USER_ID: creds.organizer,
      MS_LOGIN_BASE_URL: graph.url,
      MS_GRAPH_BASE_URL: `${graph.url}/v1.0`,
    });
    expect(teamsProvider.configured()).toBe(true);
    const first = await teamsProvider.create({ ...request, method: "TEAMS" });
    const again = await teamsProvider.create({ ...request, method: "TEAMS" });
    expect(first.url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(again).toEqual(first);
    expect(graph.state.meetings.size).toBe(1);
    expect(graph.state.meetings.get(request.bookingId)!.body).toMatchObject({
      startDateTime: "2026-03-10T14:00:00.000Z",
      endDateTime: "2026-03-10T14:45:00.000Z",
    });
  });
});

describe("Google Meet (Calendar API with a service-account JWT)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const clientEmail = "booking@project.iam.gserviceaccount.com";
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  beforeAll(async () => {
    google = await startFakeGoogle({ publicKey, clientEmail });
  });
  afterAll(() => google.close());
  const configure = (key: string, extra: Record<string, string> = {}) =>
    setEnv({ GOOGLE_SERVICE_ACCOUNT_KEY: key, GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl, GOOGLE_API_BASE_URL: google.url, ...extra });

  it("reads the key as a JSON key file or as an escaped PEM", () => {
    expect(parseServiceAccount(JSON.stringify({ client_email: clientEmail, private_key: pem }), undefined)).toEqual({
      clientEmail,
      privateKey: pem,
    });
    expect(parseServiceAccount(pem.replace(/\n/g, "\\n"), clientEmail)).toEqual({ clientEmail, privateKey: pem });
    expect(parseServiceAccount(pem, undefined)).toBeUndefined();
  });

  it("signs a JWT the token endpoint verifies, and creates an event with a Meet link", async () => {
    configure(JSON.stringify({ client_email: clientEmail, private_key: pem }), {
      GOOGLE_CALENDAR_ID: "consulting@example.com",
      GOOGLE_IMPERSONATE_USER: "consultant@example.com",
    });
    expect(googleMeetProvider.configured()).toBe(true);
    const link = await googleMeetProvider.create({ ...request, method: "GOOGLE_MEET" });
    expect(link.url).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(link.externalId).toBe(`google:${googleEventId(request.bookingId)}`);
    expect(google.state.assertions.at(-1)).toMatchObject({
      iss: clientEmail,
      sub: "consultant@example.com",
      scope: "https://www.googleapis.com/auth/calendar.events",
      aud: google.tokenUrl,
    });
    const event = google.state.events.get(googleEventId(request.bookingId))!;
    expect(event).toMatchObject({
      calendarId: "consulting@example.com",
      start: { dateTime: "2026-03-10T14:00:00.000Z" },
      end: { dateTime: "2026-03-10T14:45:00.000Z" },
      conferenceData: { entryPoints: [{ entryPointType: "video" }] },
    });
  });

  it("finds the existing event instead of creating a second one", async () => {
    configure(pem.replace(/\n/g, "\\n"), { GOOGLE_SERVICE_ACCOUNT_EMAIL: clientEmail });
    const again = await googleMeetProvider.create({ ...request, method: "GOOGLE_MEET", bookingId: "bk_second" });
    const third = await googleMeetProvider.create({ ...request, method: "GOOGLE_MEET", bookingId: "bk_second" });
    expect(third).toEqual(again);
  });

  it("fails (so the room URL is used) when the conference is not created", async () => {
    configure(pem.replace(/\n/g, "\\n"), { GOOGLE_SERVICE_ACCOUNT_EMAIL: clientEmail });
    google.state.pendingConference = true;
    try {
      await expect(googleMeetProvider.create({ ...request, method: "GOOGLE_MEET", bookingId: "bk_pending" })).rejects.toThrow(
        /no Meet link/,
      );
    } finally {
      google.state.pendingConference = false;
    }
  });

  it("rejects a key the token endpoint cannot verify", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    configure(JSON.stringify({ client_email: clientEmail, private_key: other }));
    await expect(googleMeetProvider.create({ ...request, method: "GOOGLE_MEET" })).rejects.toMatchObject({ status: 400 });
  });
});
