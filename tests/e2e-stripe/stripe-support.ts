import { expect, type APIRequestContext } from "../e2e/helpers/test";
import { withE2eDb } from "../e2e/helpers/db";
import { openSlot } from "../e2e/contact-flow";
import { FAKE_STRIPE_URL, FAKE_STRIPE_SECRET } from "./playwright.stripe.config";

// What the Stripe-mode specs share: holding through the API, paying at the fake (what the
// browser's Stripe.js would do), and reading the fake's own record of an intent.

export const CRON = { Authorization: "Bearer e2e-cron-secret" };

export async function holdWithStripe(request: APIRequestContext, dateIndex: number, email: string) {
  const slot = await openSlot(request, dateIndex);
  const response = await request.post("/api/bookings", {
    data: { slotId: slot.id, method: slot.methods[0], name: "Grace Hopper", email, timeZone: "Europe/London" },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { booking: { id: string }; payment: { mode: string; clientSecret: string } };
  expect(body.payment.mode).toBe("stripe");
  return { slot, bookingId: body.booking.id, intentId: body.payment.clientSecret.split("_secret_")[0]! };
}

/** Confirms the intent at the fake with a test card, as Stripe.js would. */
export async function payAtStripe(request: APIRequestContext, intentId: string, paymentMethod: string) {
  const response = await request.post(`${FAKE_STRIPE_URL}/_fake/confirm/${intentId}`, { data: { paymentMethod } });
  expect([200, 402]).toContain(response.status());
}

export async function bookingStatus(request: APIRequestContext, bookingId: string): Promise<string> {
  const response = await request.get(`/api/bookings/${bookingId}`);
  return ((await response.json()) as { booking: { status: string } }).booking.status;
}

type FakeIntent = { status: string; capture_method: string; amount_received: number; amount_capturable: number };

/** The fake's own record: what Stripe would say, not what the app believes. */
export async function intentAtStripe(request: APIRequestContext, intentId: string): Promise<FakeIntent> {
  const response = await request.get(`${FAKE_STRIPE_URL}/v1/payment_intents/${intentId}`, {
    headers: { Authorization: `Bearer ${FAKE_STRIPE_SECRET}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as FakeIntent;
}

export async function refundsAtStripe(request: APIRequestContext, intentId: string): Promise<unknown[]> {
  const response = await request.get(`${FAKE_STRIPE_URL}/v1/refunds?payment_intent=${intentId}`, {
    headers: { Authorization: `Bearer ${FAKE_STRIPE_SECRET}` },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: unknown[] }).data;
}

/** The link in the confirmation email the app rendered (the outbox is run by the cron route). */
export async function manageLinkFor(request: APIRequestContext, bookingId: string): Promise<string> {
  expect((await request.get("/api/cron/maintenance", { headers: CRON })).status()).toBe(200);
  const html = await withE2eDb(async (db) => {
    const { rows } = await db.query<{ html: string }>(
      `SELECT "html" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = 'booking_confirmed'`,
      [bookingId],
    );
    return rows[0]?.html ?? "";
  });
  const link = /href="([^"]*\/booking\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
  expect(link, "manage link in the confirmation email").toBeTruthy();
  return new URL(link!).pathname;
}

export async function outboxKinds(bookingId: string): Promise<string[]> {
  return withE2eDb(async (db) => {
    const { rows } = await db.query<{ kind: string }>(
      `SELECT "kind"::text AS "kind" FROM "OutboxEmail" WHERE "bookingId" = $1 ORDER BY "createdAt"`,
      [bookingId],
    );
    return rows.map((r) => r.kind);
  });
}
