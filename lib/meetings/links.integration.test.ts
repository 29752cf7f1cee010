import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { startFakeZoom } from "@/tests/fakes/meetings/fake-zoom";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import { placeHold } from "@/lib/booking/holds";
import { confirmFreeBooking } from "@/lib/payments/finalize";
import { clearTokenCacheForTests } from "./providers/http";
import { meetingLinkFor, type MeetingRequest } from "./links";
import { offeredMethods } from "./rooms";
import { env } from "@/lib/env";

const t = useTestDatabase();
const creds = { accountId: "acc_1", clientId: "client_1", clientSecret: "secret_1" };
let zoom: Awaited<ReturnType<typeof startFakeZoom>>;
beforeAll(async () => {
  zoom = await startFakeZoom(creds);
});
afterAll(() => zoom.close());

const setEnv = useTestEnv();
afterEach(() => {
  clearTokenCacheForTests();
  zoom.state.down = false;
  zoom.state.hang = false;
});
const zoomApi = () => ({
  ZOOM_ACCOUNT_ID: creds.accountId,
  ZOOM_CLIENT_ID: creds.clientId,
  ZOOM_CLIENT_SECRET: creds.clientSecret,
  ZOOM_OAUTH_BASE_URL: zoom.url,
  ZOOM_API_BASE_URL: `${zoom.url}/v2`,
});

const request = (overrides: Partial<MeetingRequest> = {}): MeetingRequest => ({
  bookingId: "bk_abcdefghijklmnopqrstuvwxyz",
  method: "ZOOM",
  startsAt: new Date("2026-03-10T14:00:00.000Z"),
  durationMinutes: 60,
  attendeeName: "Ada Lovelace",
  attendeeEmail: "ada@example.com",
  ...overrides,
});

describe("meetingLinkFor", () => {
  it("gives direct calls the business phone as a tel: link", async () => {
    setEnv({ BUSINESS_PHONE: "+1 (555) 010-0199" });
    expect(await meetingLinkFor(request({ method: "PHONE" }))).toEqual({ url: "tel:+15550100199", externalId: null });
  });

  it("uses the configured room URL when no API is set up", async () => {
    setEnv({ ZOOM_MEETING_URL: "https://zoom.us/j/9999999999" });
    expect(await meetingLinkFor(request())).toEqual({ url: "https://zoom.us/j/9999999999", externalId: null });
    expect(zoom.requests).toHaveLength(0);
  });

  it("falls back to the room within its budget when the provider accepts and never answers", async () => {
    setEnv({ ZOOM_MEETING_URL: "https://zoom.us/j/9999999999", ...zoomApi(), MEETING_LINK_BUDGET_MS: "300" });
    zoom.state.hang = true;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const started = Date.now();
    expect(await meetingLinkFor(request())).toEqual({ url: "https://zoom.us/j/9999999999", externalId: null });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/meetings\.provider_failed_using_room.*no meeting within 300 ms/);
  });

  it("creates a meeting through the API when credentials are set", async () => {
    setEnv({ ZOOM_MEETING_URL: "https://zoom.us/j/9999999999", ...zoomApi() });
    const link = await meetingLinkFor(request());
    expect(link.url).toMatch(/^https:\/\/zoom\.us\/j\/85/);
    expect(link.externalId).toMatch(/^zoom:/);
  });

  it("falls back to the room URL when the API fails, logs it, and never throws", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    setEnv({ ZOOM_MEETING_URL: "https://zoom.us/j/9999999999", ...zoomApi() });
    zoom.state.down = true;
    expect(await meetingLinkFor(request())).toEqual({ url: "https://zoom.us/j/9999999999", externalId: null });
    expect(String(warn.mock.calls.at(-1)?.[0])).toContain("meetings.provider_failed_using_room");
  });

  it("offers a method with an API but no room, and outside production falls back to the demo room", async () => {
    setEnv({ NODE_ENV: "production", ...zoomApi() });
    expect(offeredMethods(env())).toContain("ZOOM");
    expect(offeredMethods(env())).not.toContain("TEAMS");
    setEnv({ NODE_ENV: "test" });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    zoom.state.down = true;
    expect((await meetingLinkFor(request())).url).toBe("http://localhost:3000/demo-room/zoom");
  });

  it("reuses the meeting already created for a booking instead of creating another", async () => {
    setEnv(zoomApi());
    const slot = await createSlot(t.db, { priceCents: 0 });
    const hold = await placeHold(bookingRequest(slot.id));
    await t.db.booking.update({
      where: { id: hold.bookingId },
      data: { meetingUrl: "https://zoom.us/j/111", meetingExternalId: "zoom:111" },
    });
    const before = zoom.state.meetings.length;
    expect(await meetingLinkFor(request({ bookingId: hold.bookingId }))).toEqual({ url: "https://zoom.us/j/111", externalId: "zoom:111" });
    expect(zoom.state.meetings.length).toBe(before);
  });

  it("confirms a booking with the room URL while the meeting API is down", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    setEnv({ ZOOM_MEETING_URL: "https://zoom.us/j/9999999999", ...zoomApi() });
    zoom.state.down = true;
    const slot = await createSlot(t.db, { priceCents: 0 });
    const hold = await placeHold(bookingRequest(slot.id));
    expect((await confirmFreeBooking(hold.bookingId)).outcome).toBe("confirmed");
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: hold.bookingId } })).toMatchObject({
      status: "CONFIRMED",
      meetingUrl: "https://zoom.us/j/9999999999",
      meetingExternalId: null,
    });
  });
});
