import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { placeHold } from "@/lib/booking/holds";
import { newBookingId } from "@/lib/booking/ids";
import { startFakeResend, type FakeResend } from "@/tests/fakes/resend/fake-resend";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { samplePayload } from "@/lib/email/sample-payload";
import { runMaintenance } from "./maintenance";
import { runScheduledJobs } from "./scheduler";

// Resend accepts connections and never answers: every job run must still end within its
// budget, expire holds and queue reminders, and record the failed sends.

const t = useTestDatabase();
const STEP_BUDGET_MS = 4_000;
// A run ends within the step budget plus what is left of one send: well inside one and a half.
const RUN_LIMIT_MS = 1.5 * STEP_BUDGET_MS;
let fake: FakeResend;
const setEnv = useTestEnv();

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  fake.reset();
  fake.hang();
  // One send at a time, 600 ms each: ten queued emails alone would take 6 s, over the 4 s step
  // budget. (At 2 s and 300 ms the run's own database writes had ~0.3 s of margin, which the
  // embedded database's one connection, shared by every step, overran on a loaded CI machine.)
  setEnv({
    RESEND_API_KEY: fake.apiKey,
    RESEND_BASE_URL: fake.url,
    EMAIL_SEND_TIMEOUT_MS: "600",
    EMAIL_LEASE_SECONDS: "2",
    EMAIL_SEND_CONCURRENCY: "1",
    JOB_STEP_BUDGET_SECONDS: String(STEP_BUDGET_MS / 1000),
  });
});

async function lapsedHold() {
  const slot = await createSlot(t.db, { priceCents: 0 });
  const hold = await placeHold(bookingRequest(slot.id, { email: "walked-away@example.com" }), { clientSession: "session-gone-0123456789" });
  await t.db.booking.update({ where: { id: hold.bookingId }, data: { holdExpiresAt: new Date(Date.now() - 60_000) } });
  return hold.bookingId;
}

async function queueEmails(count: number) {
  await t.db.outboxEmail.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      dedupeKey: `booking_reminder:bk_q${i}:0`,
      kind: "booking_reminder",
      toAddress: `q${i}@example.com`,
      payload: samplePayload(),
    })),
  });
}

/** A confirmed booking starting in 3 hours, booked days ago: its reminder is due. */
async function dueReminder() {
  const slot = await createSlot(t.db, { startsAt: new Date(Date.now() + 3 * 3600_000), priceCents: 0 });
  return t.db.booking.create({
    data: {
      id: newBookingId(),
      slotId: slot.id,
      status: "CONFIRMED",
      method: "ZOOM",
      name: "Ada Lovelace",
      email: "reminded@example.com",
      timeZone: "Europe/London",
      confirmedAt: new Date(Date.now() - 3 * 86_400_000),
      meetingUrl: "https://zoom.us/j/1",
    },
  });
}

describe("jobs while Resend hangs", () => {
  it("maintenance ends within its budget, expires holds and records each timed-out send", async () => {
    const held = await lapsedHold();
    await queueEmails(10);
    const started = Date.now();
    const result = await runMaintenance();
    expect(Date.now() - started).toBeLessThan(RUN_LIMIT_MS);
    expect(result.holds).toMatchObject({ ok: true, result: { expired: 1 } });
    expect(result.emails).toMatchObject({ ok: true });
    expect(result.rateLimits.ok).toBe(true);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held } })).status).toBe("EXPIRED");
    const tried = await t.db.outboxEmail.findMany({ where: { attempts: 1 } });
    expect(tried.length).toBeGreaterThan(0);
    for (const row of tried)
      expect(row).toMatchObject({ status: "PENDING", lockedUntil: null, lastError: expect.stringMatching(/timed out/) });
    // Nothing is left SENDING: rows the run did not start went back to the queue.
    expect(await t.db.outboxEmail.count({ where: { status: "SENDING" } })).toBe(0);
    expect(fake.requests).toHaveLength(tried.length);
  });

  it("the scheduler run expires holds and queues reminders while the outbox waits on Resend", async () => {
    const held = await lapsedHold();
    const reminded = await dueReminder();
    await queueEmails(10);
    const started = Date.now();
    await runScheduledJobs();
    expect(Date.now() - started).toBeLessThan(RUN_LIMIT_MS);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held } })).status).toBe("EXPIRED");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: reminded.id } })).reminderSentAt).not.toBeNull();
    expect(await t.db.outboxEmail.count({ where: { bookingId: reminded.id, kind: "booking_reminder" } })).toBe(1);
    expect(await t.db.outboxEmail.count({ where: { status: "SENDING" } })).toBe(0);
  });
});
