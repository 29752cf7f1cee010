import { randomBytes } from "node:crypto";
import { addDays, addHours, addMinutes, subDays } from "date-fns";
import pg from "pg";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeResend, type FakeResend } from "../fakes/resend/fake-resend";
import { startFakeStripe, type FakeStripeServer } from "../fakes/stripe/server";
import { hasProductionBuild, startProductionServer, type ProductionServer } from "../helpers/production-server";
import { createScratchDatabase } from "../helpers/scratch-database";

// "Scales out": two production servers (one build, two `next start`) on one PostgreSQL
// database, each with its built-in scheduler running, plus cron calls and webhook
// deliveries sent to both at once. Every piece of shared state must live in the database
// for the figures below to hold. Run after `npx next build`:
//   TEST_DATABASE_URL=postgresql://… npx vitest run -c tests/process/vitest.process.config.ts

const baseUrl = process.env.TEST_DATABASE_URL;
const PORT = Number(process.env.TWO_INSTANCES_PORT ?? 4510);
const WEBHOOK_SECRET = "whsec_two_instances_0123456789";
const CRON_SECRET = "cron-two-instances-0123456789";
const ADMIN_EMAIL = "owner@example.com";
// More than one reminder claim batch (100), so two runners can split the queueing.
const DUE = 120;
const NOT_DUE = 5;
const HOLD_RACERS = 50;
const SCHEDULER_INTERVAL_SECONDS = 5;

function bookingId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return `bk_${Array.from(randomBytes(26), (b) => alphabet[b % 32]).join("")}`;
}

/** Confirmed bookings: `due` start within 24 h (reminder due now), the rest a day later. */
async function seedConfirmedBookings(client: pg.Client, now: Date): Promise<{ due: string[]; notDue: string[] }> {
  const due: string[] = [];
  const notDue: string[] = [];
  for (let i = 0; i < DUE + NOT_DUE; i++) {
    const isDue = i < DUE;
    // Back-to-back 10-minute meetings from 2 h ahead (due) or 30 h ahead (not yet).
    const startsAt = addMinutes(isDue ? addHours(now, 2) : addHours(now, 30), 10 * (isDue ? i : i - DUE));
    const id = bookingId();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "methods", "updatedAt")
       VALUES (gen_random_uuid(), $1, 10, 1000, ARRAY['PHONE']::"MeetingMethod"[], now()) RETURNING "id"`,
      [startsAt],
    );
    await client.query(
      `INSERT INTO "Booking" ("id", "slotId", "status", "method", "name", "email", "timeZone", "confirmedAt", "createdAt", "updatedAt")
       VALUES ($1, $2, 'CONFIRMED', 'PHONE', 'Reminder Visitor', $3, 'UTC', $4, $4, now())`,
      [id, rows[0]!.id, `visitor${i}@example.com`, subDays(now, 3)],
    );
    (isDue ? due : notDue).push(id);
  }
  return { due, notDue };
}

async function createHoldSlot(client: pg.Client, now: Date): Promise<string> {
  const startsAt = addDays(now, 3);
  startsAt.setUTCMinutes(0, 0, 0);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "methods", "updatedAt")
     VALUES (gen_random_uuid(), $1, 60, 5000, ARRAY['PHONE']::"MeetingMethod"[], now()) RETURNING "id"`,
    [startsAt],
  );
  return rows[0]!.id;
}

/** The structured log events named `name` that a server wrote. */
function logEvents(server: ProductionServer, name: string): Record<string, unknown>[] {
  return server.lines
    .filter((line) => line.includes(`"event":"${name}"`))
    .map((line) => JSON.parse(line.slice(line.indexOf("{"))) as Record<string, unknown>);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const skipReason = !baseUrl
  ? "TEST_DATABASE_URL is not set: two instances need a real PostgreSQL server (PGlite has one owner process)"
  : !hasProductionBuild()
    ? "no production build: run `npx next build` first"
    : null;
if (skipReason) console.warn(`two-instances process test skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)("two production instances on one PostgreSQL database", () => {
  let db: { url: string; drop: () => Promise<void> };
  let client: pg.Client;
  let stripe: FakeStripeServer;
  let resend: FakeResend;
  let servers: ProductionServer[] = [];
  let seeded: { due: string[]; notDue: string[] };
  let holdSlotId: string;
  const started = performance.now();

  beforeAll(async () => {
    db = await createScratchDatabase(baseUrl!, "two_instances");
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // Due relative to the servers' clock: they share this machine's.
    const now = new Date();
    seeded = await seedConfirmedBookings(client, now);
    holdSlotId = await createHoldSlot(client, now);
    stripe = await startFakeStripe();
    // A provider's round trip, so overlapping outbox runs really overlap.
    resend = await startFakeResend("re_test_two_instances", { latencyMs: 100 });
    const env = {
      DATABASE_URL: db.url,
      AUTH_SECRET: "two-instances-secret-0123456789-0123456789",
      CRON_SECRET,
      SCHEDULER_ENABLED: "true",
      SCHEDULER_INTERVAL_SECONDS: String(SCHEDULER_INTERVAL_SECONDS),
      STRIPE_SECRET_KEY: "sk_test_two_instances_0123456789",
      NEXT_PUBLIC_STRIPE_PUBLIC_KEY: "pk_test_two_instances_0123456789",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: stripe.url,
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      ADMIN_NOTIFY_EMAIL: ADMIN_EMAIL,
      // The racers share one address here; the limits are not what this test is about.
      RATE_LIMIT_HOLDS_PER_IP: "100000",
      RATE_LIMIT_HOLDS_PER_EMAIL: "100000",
      LOG_LEVEL: "info",
    };
    const starts = await Promise.allSettled([0, 1].map((i) => startProductionServer({ port: PORT + i, env, captureOutput: true })));
    servers = starts.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    for (const s of starts) if (s.status === "rejected") throw s.reason;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await client?.end();
    await db?.drop();
    await stripe?.close();
    await resend?.close();
    console.info(`two-instances: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
  }, 60_000);

  it("schedulers and concurrent cron calls on both queue one reminder per due booking", async () => {
    for (const server of servers) expect(logEvents(server, "scheduler.started")).toHaveLength(1);
    const cron = (server: ProductionServer, job: string) =>
      fetch(`${server.url}/api/cron/${job}`, { headers: { authorization: `Bearer ${CRON_SECRET}` } }).then((r) => r.status);
    // Two of each job per instance, all at once, while both schedulers tick.
    const statuses = await Promise.all(
      servers.flatMap((s) => ["reminders", "maintenance", "reminders", "maintenance"].map((job) => cron(s, job))),
    );
    expect(statuses).toEqual(Array(8).fill(200));

    // A scheduler run may still hold the claim the cron calls skipped past: wait for it.
    const remindedCount = async () => (await client.query(`SELECT 1 FROM "Booking" WHERE "reminderSentAt" IS NOT NULL`)).rowCount;
    await waitFor(`${DUE} reminders claimed`, async () => (await remindedCount()) === DUE, 30_000);
    const { rows } = await client.query<{ bookingId: string; n: number }>(
      `SELECT "bookingId", count(*)::int AS n FROM "OutboxEmail" WHERE "kind" = 'booking_reminder' GROUP BY "bookingId"`,
    );
    expect(rows.map((r) => r.bookingId).sort()).toEqual([...seeded.due].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const reminded = await client.query<{ id: string }>(`SELECT "id" FROM "Booking" WHERE "reminderSentAt" IS NOT NULL`);
    expect(reminded.rows.map((r) => r.id).sort()).toEqual([...seeded.due].sort());
  });

  it("50 concurrent holds on one slot, split across both instances, have exactly one winner", async () => {
    const statuses = await Promise.all(
      Array.from({ length: HOLD_RACERS }, (_, i) =>
        fetch(`${servers[i % 2]!.url}/api/bookings`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            slotId: holdSlotId,
            method: "PHONE",
            name: "Racer Number",
            email: `racer${i}@example.com`,
            timeZone: "UTC",
          }),
        }).then((r) => r.status),
      ),
    );
    const count = (status: number) => statuses.filter((s) => s === status).length;
    console.info(
      `two-instances holds: ${count(201)} winner, ${count(409)} × 409, others ${JSON.stringify(statuses.filter((s) => s !== 201 && s !== 409))}`,
    );
    expect(count(201)).toBe(1);
    expect(count(409)).toBe(HOLD_RACERS - 1);
    const live = await client.query(`SELECT 1 FROM "Booking" WHERE "slotId" = $1`, [holdSlotId]);
    expect(live.rowCount).toBe(1);
  });

  it("a webhook delivered to both instances at once is processed once", async () => {
    const { rows } = await client.query<{ bookingId: string; providerPaymentId: string }>(
      `SELECT p."bookingId", p."providerPaymentId" FROM "Payment" p JOIN "Booking" b ON b."id" = p."bookingId" WHERE b."slotId" = $1`,
      [holdSlotId],
    );
    expect(rows).toHaveLength(1);
    const { bookingId: paidBooking, providerPaymentId } = rows[0]!;
    // The slot is 3 days out, beyond the default refund deadline, so the fee is authorised
    // (issue 18): the event that confirms the booking is the authorisation, not a charge.
    stripe.state.confirmIntent(providerPaymentId, "pm_card_visa");
    const event = stripe.state.events.find((e) => e.type === "payment_intent.amount_capturable_updated");
    expect(event, "the fake emitted the authorisation event").toBeDefined();
    const payload = JSON.stringify(event!);
    const deliver = (server: ProductionServer) =>
      fetch(`${server.url}/api/webhooks/stripe`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
        },
        body: payload,
      }).then(async (r) => ({ status: r.status, outcome: ((await r.json()) as { outcome?: string }).outcome }));

    // Two deliveries per instance at once, then one more each (Stripe retrying the 409s).
    const first = await Promise.all([...servers, ...servers].map(deliver));
    const retry = await Promise.all(servers.map(deliver));
    console.info(`two-instances webhook: ${JSON.stringify(first)} then ${JSON.stringify(retry)}`);
    expect(first.filter((r) => r.outcome === "processed")).toHaveLength(1);
    expect(
      first.every(
        (r) => (r.status === 200 && ["processed", "duplicate"].includes(r.outcome!)) || (r.status === 409 && r.outcome === "in_progress"),
      ),
    ).toBe(true);
    expect(retry).toEqual([
      { status: 200, outcome: "duplicate" },
      { status: 200, outcome: "duplicate" },
    ]);

    const transitions = servers.flatMap((s) => logEvents(s, "payment.authorized")).filter((e) => e.bookingId === paidBooking);
    expect(transitions).toHaveLength(1);
    const state = await client.query<{ status: string; paymentStatus: string }>(
      `SELECT b."status", p."status" AS "paymentStatus" FROM "Booking" b JOIN "Payment" p ON p."bookingId" = b."id" WHERE b."id" = $1`,
      [paidBooking],
    );
    expect(state.rows).toEqual([{ status: "CONFIRMED", paymentStatus: "AUTHORIZED" }]);
    const events = await client.query(`SELECT 1 FROM "WebhookEvent" WHERE "id" = $1 AND "processedAt" IS NOT NULL`, [event!.id]);
    expect(events.rowCount).toBe(1);
  });

  it("every outbox email reaches the provider exactly once, with both schedulers still running", async () => {
    // The reminders, plus the paid booking's confirmation and the admin's notice.
    const expected = DUE + 2;
    const settled = async () => {
      const { rows } = await client.query<{ sent: number; open: number }>(
        `SELECT count(*) FILTER (WHERE "status" = 'SENT')::int AS sent, count(*) FILTER (WHERE "status" <> 'SENT')::int AS open FROM "OutboxEmail"`,
      );
      return rows[0]!.sent === expected && rows[0]!.open === 0;
    };
    await waitFor(`${expected} emails sent`, settled, 60_000);
    // Two more scheduler runs on each instance: a second copy would show up now.
    await new Promise((r) => setTimeout(r, 2 * SCHEDULER_INTERVAL_SECONDS * 1000 + 1000));

    const posts = resend.requests.filter((r) => r.method === "POST" && r.url.pathname === "/emails");
    const keys = resend.delivered.map((e) => e.idempotencyKey);
    const { rows } = await client.query<{ dedupeKey: string }>(`SELECT "dedupeKey" FROM "OutboxEmail" ORDER BY "dedupeKey"`);
    expect(rows).toHaveLength(expected);
    expect([...keys].sort()).toEqual(rows.map((r) => r.dedupeKey));
    // Not even a retried request that the provider's idempotency would have absorbed.
    expect(posts).toHaveLength(expected);
    const byKind = (kind: string) => resend.delivered.filter((e) => e.tags?.some((t) => t.value === kind));
    expect(byKind("booking_reminder")).toHaveLength(DUE);
    expect(byKind("booking_confirmed")).toHaveLength(1);
    expect(byKind("admin_new_booking")).toHaveLength(1);
    expect(byKind("admin_new_booking")[0]!.to).toEqual([ADMIN_EMAIL]);

    // Which instance sent what (both took part in the work).
    const total = (name: string, field: string) => servers.map((s) => logEvents(s, name).reduce((n, e) => n + Number(e[field] ?? 0), 0));
    const sentBy = total("email.outbox_run", "sent");
    console.info(
      `two-instances emails: ${posts.length} requests for ${rows.length} outbox rows; sent by instance ${sentBy.join(" + ")}, reminders queued by instance ${total("reminders.queued", "queued").join(" + ")}`,
    );
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(expected);
  }, 90_000);
});
