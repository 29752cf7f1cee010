import { createHmac } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { NextRequest } from "next/server";
import type { Db } from "@/lib/db";
import { authSecret, resetEnvCache } from "@/lib/env";
import { GET as exportBookings } from "@/app/api/admin/bookings/export/route";
import { GET as exportInsights } from "@/app/api/admin/insights/export/route";
import { GET as emailAttachment } from "@/app/api/admin/emails/[id]/attachments/[filename]/route";
import { GET as oauthCallback } from "@/app/api/admin/calendars/oauth/[provider]/callback/route";
import { GET as oauthStart } from "@/app/api/admin/calendars/oauth/[provider]/start/route";
import { GET as authGet } from "@/app/api/auth/[...all]/route";
import { POST as confirmPayment } from "@/app/api/bookings/[id]/confirm-payment/route";
import { POST as paymentIntent } from "@/app/api/bookings/[id]/payment-intent/route";
import { GET as getBooking } from "@/app/api/bookings/[id]/route";
import { POST as createBooking } from "@/app/api/bookings/route";
import { GET as calendarFeed } from "@/app/api/calendar-feed/[token]/route";
import { GET as cronMaintenance } from "@/app/api/cron/maintenance/route";
import { GET as cronReminders } from "@/app/api/cron/reminders/route";
import { GET as health } from "@/app/api/health/route";
import { POST as manageCancel } from "@/app/api/manage/[token]/cancel/route";
import { GET as manageIcs } from "@/app/api/manage/[token]/ics/route";
import { POST as manageReschedule } from "@/app/api/manage/[token]/reschedule/route";
import { GET as manageView } from "@/app/api/manage/[token]/route";
import { GET as manageDates } from "@/app/api/manage/[token]/dates/route";
import { GET as manageTimes } from "@/app/api/manage/[token]/times/route";
import { GET as availableDates } from "@/app/api/slots/available/route";
import { GET as slotDates } from "@/app/api/slots/dates/route";
import { GET as slotsOn } from "@/app/api/slots/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { GET as emailPreview } from "@/app/dev/emails/[template]/route";

// No stack trace or vendor error text reaches a client. Every route handler is called
// with a request that passes its gates (auth, cron secret, validation), then the one lib
// call it makes (or the database / Stripe / renderer behind it) throws an error that
// looks like what a vendor would throw. The response must be a 5xx that shows none of
// it, and the error must have been logged, so the test cannot pass without the failure.

const LEAK_MESSAGE = "PrismaClientKnownRequestError: connect ECONNREFUSED 10.1.2.3:5432 password=hunter2 sk_live_LEAKME";
const leak = () => new Error(LEAK_MESSAGE);

/** Everything in a response that must never show a vendor error or a stack frame. */
const FORBIDDEN = ["hunter2", "sk_live", "LEAKME", "10.1.2.3", "Prisma", "Stripe", "ECONNREFUSED", "node_modules", "/work/"];
const STACK_FRAME = /\bat .+\(.+:\d+:\d+\)/;

function leaksIn(text: string): string[] {
  const found = FORBIDDEN.filter((word) => text.toLowerCase().includes(word.toLowerCase()));
  if (text.includes(LEAK_MESSAGE)) found.push("the injected message");
  if (STACK_FRAME.test(text)) found.push("a stack frame");
  return found;
}

const GENERIC_BODY = { error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } };

// What the routes call, replaced so each test decides what fails.
const m = vi.hoisted(() => ({
  getDb: vi.fn<typeof import("@/lib/db").getDb>(),
  requireAdmin: vi.fn<typeof import("@/lib/auth/require-admin").requireAdmin>(),
  bookingsForExport: vi.fn<typeof import("@/lib/admin/bookings-query").bookingsForExport>(),
  getInsights: vi.fn<typeof import("@/lib/admin/insights").getInsights>(),
  getOutboxAttachment: vi.fn<typeof import("@/lib/admin/email-outbox").getOutboxAttachment>(),
  beginConnect: vi.fn<typeof import("@/lib/calendars/oauth/connect").beginConnect>(),
  finishConnect: vi.fn<typeof import("@/lib/calendars/oauth/connect").finishConnect>(),
  getPublicBooking: vi.fn<typeof import("@/lib/booking/public-view").getPublicBooking>(),
  finalizeBookingPayment: vi.fn<typeof import("@/lib/payments/finalize").finalizeBookingPayment>(),
  paymentIntentForBooking: vi.fn<typeof import("@/lib/payments/payment-intent").paymentIntentForBooking>(),
  startBooking: vi.fn<typeof import("@/lib/payments/start-booking").startBooking>(),
  isValidFeedToken: vi.fn<typeof import("@/lib/admin/calendar-feed").isValidFeedToken>(),
  calendarFeedIcs: vi.fn<typeof import("@/lib/admin/calendar-feed").calendarFeedIcs>(),
  runMaintenance: vi.fn<typeof import("@/lib/jobs/maintenance").runMaintenance>(),
  runRemindersJob: vi.fn<typeof import("@/lib/jobs/reminders").runRemindersJob>(),
  limitManageRequests: vi.fn<typeof import("@/lib/self-service/manage-booking").limitManageRequests>(),
  limitPaymentChecks: vi.fn<typeof import("@/lib/payments/payment-check-limits").limitPaymentChecks>(),
  getManageView: vi.fn<typeof import("@/lib/self-service/manage-booking").getManageView>(),
  cancelViaManageLink: vi.fn<typeof import("@/lib/self-service/manage-booking").cancelViaManageLink>(),
  rescheduleViaManageLink: vi.fn<typeof import("@/lib/self-service/manage-booking").rescheduleViaManageLink>(),
  manageIcs: vi.fn<typeof import("@/lib/self-service/manage-booking").manageIcs>(),
  rescheduleDateCountsBody: vi.fn<typeof import("@/lib/self-service/reschedule-calendar").rescheduleDateCountsBody>(),
  rescheduleTimesBody: vi.fn<typeof import("@/lib/self-service/reschedule-calendar").rescheduleTimesBody>(),
  availableDatesPageBody: vi.fn<typeof import("@/lib/booking/availability-calendar").availableDatesPageBody>(),
  availableDateCountsBody: vi.fn<typeof import("@/lib/booking/availability-calendar").availableDateCountsBody>(),
  availableSlotsOnBody: vi.fn<typeof import("@/lib/booking/availability").availableSlotsOnBody>(),
  verifyWebhookEvent: vi.fn<typeof import("@/lib/payments/stripe/webhook-signature").verifyWebhookEvent>(),
  claimEvent: vi.fn<typeof import("@/lib/payments/webhooks/event-log").claimEvent>(),
  releaseEvent: vi.fn<typeof import("@/lib/payments/webhooks/event-log").releaseEvent>(),
  completeEvent: vi.fn<typeof import("@/lib/payments/webhooks/event-log").completeEvent>(),
  handlePaymentIntentSucceeded: vi.fn<typeof import("@/lib/payments/webhooks/payment-intent-succeeded").handlePaymentIntentSucceeded>(),
  render: vi.fn<typeof import("@react-email/render").render>(),
  requestHeaders: new Headers({ "x-forwarded-for": "203.0.113.7" }),
}));

vi.mock("@/lib/db", async (original) => ({ ...(await original<typeof import("@/lib/db")>()), getDb: m.getDb }));
// Routes read the business's settings first; here they are the environment's, so each case's
// own injected failure is what the route meets.
vi.mock("@/lib/settings/settings", async (original) => {
  const actual = await original<typeof import("@/lib/settings/settings")>();
  return { ...actual, settings: async () => actual.settingDefaults() };
});
vi.mock("@/lib/auth/require-admin", () => ({ requireAdmin: m.requireAdmin }));
vi.mock("@/lib/admin/bookings-query", async (original) => ({
  ...(await original<typeof import("@/lib/admin/bookings-query")>()),
  bookingsForExport: m.bookingsForExport,
}));
vi.mock("@/lib/admin/insights", () => ({ getInsights: m.getInsights }));
vi.mock("@/lib/admin/email-outbox", () => ({ getOutboxAttachment: m.getOutboxAttachment }));
vi.mock("@/lib/calendars/oauth/connect", async (original) => ({
  ...(await original<typeof import("@/lib/calendars/oauth/connect")>()),
  beginConnect: m.beginConnect,
  finishConnect: m.finishConnect,
}));
vi.mock("@/lib/booking/public-view", () => ({ getPublicBooking: m.getPublicBooking }));
vi.mock("@/lib/payments/finalize", () => ({ finalizeBookingPayment: m.finalizeBookingPayment }));
vi.mock("@/lib/payments/payment-intent", () => ({ paymentIntentForBooking: m.paymentIntentForBooking }));
vi.mock("@/lib/payments/payment-check-limits", () => ({ limitPaymentChecks: m.limitPaymentChecks }));
vi.mock("@/lib/payments/start-booking", () => ({ startBooking: m.startBooking }));
vi.mock("@/lib/admin/calendar-feed", () => ({ isValidFeedToken: m.isValidFeedToken, calendarFeedIcs: m.calendarFeedIcs }));
vi.mock("@/lib/jobs/maintenance", () => ({ runMaintenance: m.runMaintenance }));
vi.mock("@/lib/jobs/reminders", () => ({ runRemindersJob: m.runRemindersJob }));
vi.mock("@/lib/self-service/manage-booking", () => ({
  limitManageRequests: m.limitManageRequests,
  getManageView: m.getManageView,
  cancelViaManageLink: m.cancelViaManageLink,
  rescheduleViaManageLink: m.rescheduleViaManageLink,
  manageIcs: m.manageIcs,
}));
vi.mock("@/lib/self-service/reschedule-calendar", () => ({
  rescheduleDateCountsBody: m.rescheduleDateCountsBody,
  rescheduleTimesBody: m.rescheduleTimesBody,
}));
vi.mock("@/lib/booking/availability-calendar", () => ({
  availableDatesPageBody: m.availableDatesPageBody,
  availableDateCountsBody: m.availableDateCountsBody,
}));
vi.mock("@/lib/booking/availability", () => ({
  availableSlotsOnBody: m.availableSlotsOnBody,
}));
// The webhook runs the real receiveStripeWebhook: only signature check, event log and the
// event handler are replaced, so the failure surfaces through its retry path.
vi.mock("@/lib/payments/stripe/webhook-signature", async (original) => ({
  ...(await original<typeof import("@/lib/payments/stripe/webhook-signature")>()),
  verifyWebhookEvent: m.verifyWebhookEvent,
}));
vi.mock("@/lib/payments/webhooks/event-log", () => ({
  claimEvent: m.claimEvent,
  releaseEvent: m.releaseEvent,
  completeEvent: m.completeEvent,
}));
vi.mock("@/lib/payments/webhooks/payment-intent-succeeded", () => ({
  handlePaymentIntentSucceeded: m.handlePaymentIntentSucceeded,
}));
vi.mock("@react-email/render", async (original) => ({
  ...(await original<typeof import("@react-email/render")>()),
  render: m.render,
}));
// Outside a Next request scope headers()/cookies() throw; the routes only read these.
vi.mock("next/headers", () => ({
  headers: async () => m.requestHeaders,
  cookies: async () => ({ get: () => undefined, set: () => {} }),
}));

const BOOKING_ID = "bk_abcdefghijklmnopqrstuvwxyz";
const TOKEN = "tok_0123456789abcdefghijklmnop";
const SLOT_ID = "0b6f6a5e-3f4c-4d8a-9a39-5c1f2e7d9b10";
const CRON_SECRET = "cron-secret-for-tests";

const url = (p: string) => `http://localhost${p}`;
const get = (p: string, headers: Record<string, string> = {}) => new Request(url(p), { headers });
const post = (p: string, body?: string, headers: Record<string, string> = {}) => new Request(url(p), { method: "POST", headers, body });
const json = (p: string, body: unknown) => post(p, JSON.stringify(body), { "content-type": "application/json" });
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });
const cron = (p: string) => get(p, { authorization: `Bearer ${CRON_SECRET}` });

/** A database whose every query (counted by `query`) fails as if PostgreSQL were unreachable. */
function unreachableDb(query: Mock<() => Promise<never>> = vi.fn(() => Promise.reject(leak()))): Db {
  const fail = () => query();
  // "then" stays undefined so neither object is mistaken for a promise when awaited.
  const model: object = new Proxy({}, { get: (_, key) => (key === "then" ? undefined : fail) });
  const db = new Proxy({}, { get: (_, key) => (key === "then" ? undefined : String(key).startsWith("$") ? fail : model) });
  return db as unknown as Db;
}

/** A session cookie better-auth accepts as well-formed (HMAC-signed), so it goes to the database. */
function signedSessionCookie(): string {
  const token = "session-token-for-tests";
  const signature = createHmac("sha256", authSecret()).update(token).digest("base64");
  return `consult.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

type Case = {
  /** Sets up the failure and returns the mock that must have been reached. */
  inject: () => Mock;
  call: () => Promise<Response>;
  /** A route that answers its own safe body (not errorResponse's) and logs this event. */
  own?: { status: number; event: string };
};

const cases: Record<string, Case> = {
  "app/api/admin/bookings/export/route.ts": {
    inject: () => {
      m.requireAdmin.mockResolvedValue({ id: "admin-1", email: "owner@example.com", name: "Owner" });
      return m.bookingsForExport.mockRejectedValue(leak());
    },
    call: () => exportBookings(get("/api/admin/bookings/export?status=CONFIRMED")),
  },
  "app/api/admin/insights/export/route.ts": {
    inject: () => {
      m.requireAdmin.mockResolvedValue({ id: "admin-1", email: "owner@example.com", name: "Owner" });
      // The business zone comes from the settings (no stored overrides here).
      m.getDb.mockResolvedValue({ businessSetting: { findMany: async () => [] } } as unknown as Db);
      return m.getInsights.mockRejectedValue(leak());
    },
    call: () => exportInsights(get("/api/admin/insights/export?range=12w")),
  },
  "app/api/admin/emails/[id]/attachments/[filename]/route.ts": {
    inject: () => {
      m.requireAdmin.mockResolvedValue({ id: "admin-1", email: "owner@example.com", name: "Owner" });
      return m.getOutboxAttachment.mockRejectedValue(leak());
    },
    call: () =>
      emailAttachment(get(`/api/admin/emails/${SLOT_ID}/attachments/invite.ics`), params({ id: SLOT_ID, filename: "invite.ics" })),
  },
  "app/api/admin/calendars/oauth/[provider]/callback/route.ts": {
    inject: () => {
      m.requireAdmin.mockResolvedValue({ id: "admin-1", email: "owner@example.com", name: "Owner" });
      return m.finishConnect.mockRejectedValue(leak());
    },
    call: () => oauthCallback(get("/api/admin/calendars/oauth/google/callback?code=c&state=s"), params({ provider: "google" })),
  },
  "app/api/admin/calendars/oauth/[provider]/start/route.ts": {
    inject: () => {
      m.requireAdmin.mockResolvedValue({ id: "admin-1", email: "owner@example.com", name: "Owner" });
      return m.beginConnect.mockImplementation(() => {
        throw leak();
      });
    },
    call: () => oauthStart(get("/api/admin/calendars/oauth/google/start"), params({ provider: "google" })),
  },
  // The route's own try/catch: building better-auth fails when the database is unreachable.
  "app/api/auth/[...all]/route.ts": {
    inject: () => m.getDb.mockRejectedValue(leak()),
    call: () => authGet(get("/api/auth/get-session")),
  },
  "app/api/bookings/[id]/confirm-payment/route.ts": {
    inject: () => m.finalizeBookingPayment.mockRejectedValue(leak()),
    call: () => confirmPayment(post(`/api/bookings/${BOOKING_ID}/confirm-payment`), params({ id: BOOKING_ID })),
  },
  "app/api/bookings/[id]/payment-intent/route.ts": {
    inject: () => m.paymentIntentForBooking.mockRejectedValue(leak()),
    call: () => paymentIntent(post(`/api/bookings/${BOOKING_ID}/payment-intent`), params({ id: BOOKING_ID })),
  },
  "app/api/bookings/[id]/route.ts": {
    inject: () => m.getPublicBooking.mockRejectedValue(leak()),
    call: () => getBooking(get(`/api/bookings/${BOOKING_ID}`), params({ id: BOOKING_ID })),
  },
  "app/api/bookings/route.ts": {
    inject: () => m.startBooking.mockRejectedValue(leak()),
    call: () => createBooking(json("/api/bookings", { slotId: SLOT_ID, method: "ZOOM", name: "Ada Lovelace", email: "ada@example.com" })),
  },
  "app/api/calendar-feed/[token]/route.ts": {
    inject: () => {
      m.isValidFeedToken.mockResolvedValue(true);
      return m.calendarFeedIcs.mockRejectedValue(leak());
    },
    call: () => calendarFeed(get(`/api/calendar-feed/${TOKEN}`), params({ token: TOKEN })),
  },
  "app/api/cron/maintenance/route.ts": {
    inject: () => m.runMaintenance.mockRejectedValue(leak()),
    call: () => cronMaintenance(cron("/api/cron/maintenance")),
  },
  "app/api/cron/reminders/route.ts": {
    inject: () => m.runRemindersJob.mockRejectedValue(leak()),
    call: () => cronReminders(cron("/api/cron/reminders")),
  },
  // 503 with which check failed (a load balancer's cue), never why.
  "app/api/health/route.ts": {
    inject: () => m.getDb.mockResolvedValue(unreachableDb()),
    call: () => health(),
    own: { status: 503, event: "health.database_unreachable" },
  },
  "app/api/manage/[token]/cancel/route.ts": {
    inject: () => m.cancelViaManageLink.mockRejectedValue(leak()),
    call: () => manageCancel(post(`/api/manage/${TOKEN}/cancel`), params({ token: TOKEN })),
  },
  "app/api/manage/[token]/ics/route.ts": {
    inject: () => m.manageIcs.mockRejectedValue(leak()),
    call: () => manageIcs(get(`/api/manage/${TOKEN}/ics`), params({ token: TOKEN })),
  },
  "app/api/manage/[token]/reschedule/route.ts": {
    inject: () => m.rescheduleViaManageLink.mockRejectedValue(leak()),
    call: () => manageReschedule(json(`/api/manage/${TOKEN}/reschedule`, { slotId: SLOT_ID }), params({ token: TOKEN })),
  },
  "app/api/manage/[token]/dates/route.ts": {
    inject: () => m.rescheduleDateCountsBody.mockRejectedValue(leak()),
    call: () => manageDates(new NextRequest(url(`/api/manage/${TOKEN}/dates?month=2030-01&tz=Europe/London`)), params({ token: TOKEN })),
  },
  "app/api/manage/[token]/times/route.ts": {
    inject: () => m.rescheduleTimesBody.mockRejectedValue(leak()),
    call: () => manageTimes(new NextRequest(url(`/api/manage/${TOKEN}/times?date=2030-01-15`)), params({ token: TOKEN })),
  },
  "app/api/manage/[token]/route.ts": {
    inject: () => m.getManageView.mockRejectedValue(leak()),
    call: () => manageView(get(`/api/manage/${TOKEN}`), params({ token: TOKEN })),
  },
  "app/api/slots/available/route.ts": {
    inject: () => m.availableDatesPageBody.mockRejectedValue(leak()),
    call: () => availableDates(new NextRequest(url("/api/slots/available"))),
  },
  "app/api/slots/dates/route.ts": {
    inject: () => m.availableDateCountsBody.mockRejectedValue(leak()),
    call: () => slotDates(new NextRequest(url("/api/slots/dates?month=2030-01&tz=Europe/London"))),
  },
  "app/api/slots/route.ts": {
    inject: () => m.availableSlotsOnBody.mockRejectedValue(leak()),
    call: () => slotsOn(new NextRequest(url("/api/slots?date=2030-01-15"))),
  },
  // A signed, handled event whose handler hits a Stripe/database outage: receiveStripeWebhook
  // releases the event and rethrows, and the route must answer 500 so Stripe retries.
  "app/api/webhooks/stripe/route.ts": {
    inject: () => {
      // Without the webhook secret the route answers 404 before doing anything.
      process.env.STRIPE_WEBHOOK_SECRET = "whsec_for_tests";
      resetEnvCache();
      m.verifyWebhookEvent.mockReturnValue({ id: "evt_1", type: "payment_intent.succeeded", intentId: "pi_1", createdAt: new Date() });
      m.claimEvent.mockResolvedValue("claimed");
      m.releaseEvent.mockResolvedValue();
      // The booking id for the log line is looked up before the claim.
      m.getDb.mockResolvedValue({ payment: { findUnique: async () => ({ bookingId: "bk_1" }) } } as unknown as Db);
      return m.handlePaymentIntentSucceeded.mockRejectedValue(leak());
    },
    call: () => stripeWebhook(post("/api/webhooks/stripe", "{}", { "stripe-signature": "t=1,v1=abc" })),
  },
  // Not production (NODE_ENV=test), so the preview renders; the renderer throws.
  "app/dev/emails/[template]/route.ts": {
    inject: () => m.render.mockRejectedValue(leak()),
    call: () => emailPreview(get("/dev/emails/booking-confirmed"), params({ template: "booking-confirmed" })),
  },
};

/** Route files deliberately not exercised, with the reason. */
const NOT_TESTED: Record<string, string> = {
  "app/api/ping/route.ts": "static { ok: true } with no dependencies: nothing inside it can fail",
};

let logged: Mock<(...args: unknown[]) => void>;
const loggedText = () =>
  logged.mock.calls.map((args) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ")).join("\n");

beforeEach(() => {
  for (const mock of Object.values(m)) if (typeof mock === "function") mock.mockReset();
  m.limitManageRequests.mockResolvedValue();
  m.limitPaymentChecks.mockResolvedValue();
  process.env.CRON_SECRET = CRON_SECRET;
  resetEnvCache();
  // Replaces the setup file's "no console.error" guard: here the error log is expected and asserted.
  logged = vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  for (const key of ["CRON_SECRET", "STRIPE_WEBHOOK_SECRET"]) delete process.env[key];
  resetEnvCache();
});

/** A 5xx showing nothing of the error; `generic`: errorResponse's JSON body exactly. */
async function expectSafeFailure(response: Response, generic: boolean): Promise<void> {
  const body = await response.text();
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  expect(response.status).toBeGreaterThanOrEqual(500);
  expect(leaksIn(`${headers}\n${body}`)).toEqual([]);
  if (generic) expect(JSON.parse(body)).toEqual(GENERIC_BODY);
}

describe("an internal failure never leaks to the client", () => {
  it("covers every route handler under app/", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : [full];
      });
    const routes = walk(path.join(root, "app"))
      .filter((f) => f.endsWith("/route.ts"))
      .map((f) => path.relative(root, f))
      .sort();
    expect(routes).toEqual([...Object.keys(cases), ...Object.keys(NOT_TESTED)].sort());
  });

  it.each(Object.entries(cases))("%s", async (_, { inject, call, own }) => {
    const failing = inject();
    const response = await call();
    expect(failing).toHaveBeenCalled();
    if (own) expect(response.status).toBe(own.status);
    await expectSafeFailure(response, !own);
    // errorResponse (or the route's own log line) logged it, with the detail the client did not get.
    expect(loggedText()).toContain(`"event":"${own?.event ?? "request.failed"}"`);
    expect(loggedText()).toContain("hunter2");
  });

  // better-auth's own handler, for real: a signed session cookie makes it look the session
  // up, and the database fails. It answers the failure itself (500, "Failed to get session").
  it("app/api/auth/[...all]/route.ts: better-auth's handler with a failing database", async () => {
    const query = vi.fn(() => Promise.reject(leak()));
    m.getDb.mockResolvedValue(unreachableDb(query));
    const response = await authGet(get("/api/auth/get-session", { cookie: signedSessionCookie() }));
    expect(query).toHaveBeenCalled();
    await expectSafeFailure(response, false);
    // Logged through lib/auth/auth.ts's logger, with the cause the client did not get.
    expect(loggedText()).toContain('"event":"auth.library"');
    expect(loggedText()).toContain("hunter2");
  });

  it("the leak check itself catches a raw error response", () => {
    const error = leak();
    expect(leaksIn(JSON.stringify({ error: error.message }))).toContain("the injected message");
    expect(leaksIn(String(error.stack))).toContain("a stack frame");
    expect(leaksIn("Stripe says: No such payment_intent")).toEqual(["Stripe"]);
  });
});
