import { addSeconds } from "date-fns";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { startFakeResend, type FakeResend } from "@/tests/fakes/resend/fake-resend";
import { env, resetEnvCache } from "@/lib/env";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import { placeHold } from "@/lib/booking/holds";
import { confirmFreeBooking } from "@/lib/payments/finalize";
import { samplePayload } from "./sample-payload";
import { backoffSeconds, MAX_ATTEMPTS, sendDueEmails } from "./sender";
import { resendTransport } from "./transport";

const t = useTestDatabase();
let fake: FakeResend;
const setEnv = useTestEnv();

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  // Retries are logged as warnings by design; the rows are what these tests check.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  fake.reset();
  setEnv({ RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url, ADMIN_NOTIFY_EMAIL: "owner@example.com" });
});

const payload = samplePayload();

async function queue(count: number, kind = "booking_reminder") {
  await t.db.outboxEmail.createMany({
    data: Array.from({ length: count }, (_, i) => ({ dedupeKey: `${kind}:bk_${i}:0`, kind, toAddress: `v${i}@example.com`, payload })),
  });
}

const deliveredKeys = () => fake.delivered.map((e) => e.idempotencyKey);

describe("sendDueEmails", () => {
  it("delivers due emails through Resend, keyed by the dedupe key, and records each send", async () => {
    await queue(3);
    const summary = await sendDueEmails();
    expect(summary).toEqual({ claimed: 3, sent: 3, retrying: 0, failed: 0 });
    expect(deliveredKeys().sort()).toEqual(["booking_reminder:bk_0:0", "booking_reminder:bk_1:0", "booking_reminder:bk_2:0"]);
    const rows = await t.db.outboxEmail.findMany();
    for (const row of rows) {
      expect(row).toMatchObject({ status: "SENT", attempts: 1, transport: "resend", lastError: null, lockedUntil: null });
      expect(row.providerMessageId).toBe(fake.delivered.find((e) => e.idempotencyKey === row.dedupeKey)!.id);
      expect(row.subject).toBe("Reminder: your consultation on Tue, Mar 10, 2:00 PM GMT");
      expect(row.html).toContain("<!DOCTYPE html");
      expect(row.text).toContain("Your time (London)");
      expect(row.sentAt).not.toBeNull();
    }
    expect(await sendDueEmails()).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
  });

  it("retries after a failure with backoff, and sends once Resend answers again", async () => {
    await queue(1);
    fake.failNext(1, { status: 503, name: "internal_server_error" });
    const now = new Date();
    expect(await sendDueEmails({ now })).toMatchObject({ retrying: 1, sent: 0 });
    const row = await t.db.outboxEmail.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null });
    expect(row.lastError).toContain("503");
    expect(row.nextAttemptAt.getTime()).toBe(addSeconds(now, backoffSeconds(1)).getTime());
    expect(row.subject).toContain("Reminder");

    expect(await sendDueEmails({ now: addSeconds(now, 10) })).toMatchObject({ claimed: 0 });
    expect(await sendDueEmails({ now: addSeconds(now, 31) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await t.db.outboxEmail.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    expect(fake.delivered).toHaveLength(1);
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(20)).toBe(3600);
  });

  it("never sends a row twice, with overlapping workers", async () => {
    await queue(30);
    const runs = await Promise.all([1, 2, 3].map(() => sendDueEmails({ batchSize: 4 })));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    expect(fake.requests.length).toBe(30);
    expect(new Set(deliveredKeys()).size).toBe(30);
    expect(await t.db.outboxEmail.count({ where: { status: "SENT", attempts: 1 } })).toBe(30);
  });

  it("resends a row whose worker died mid-send, and Resend's idempotency keeps it to one email", async () => {
    await queue(1);
    const row = await t.db.outboxEmail.findFirstOrThrow();
    // The dead worker's request reached Resend; its row was left SENDING with a lease.
    const { renderEmail } = await import("./render");
    const rendered = await renderEmail({ kind: row.kind, payload: row.payload, queuedAt: row.createdAt });
    await resendTransport(fake.apiKey, fake.url).send(
      {
        from: env().EMAIL_FROM,
        to: row.toAddress,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        attachments: rendered.attachments,
        tag: row.kind,
      },
      { idempotencyKey: row.dedupeKey },
    );
    const now = new Date();
    await t.db.outboxEmail.update({ where: { id: row.id }, data: { status: "SENDING", attempts: 1, lockedUntil: addSeconds(now, 60) } });
    expect(await sendDueEmails({ now })).toMatchObject({ claimed: 0 });
    expect(await sendDueEmails({ now: addSeconds(now, 61) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.delivered).toHaveLength(1);
    expect((await t.db.outboxEmail.findFirstOrThrow()).providerMessageId).toBe(fake.delivered[0]!.id);
  });

  it("times out a send to a Resend that never answers and records the error on the row", async () => {
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "200", EMAIL_LEASE_SECONDS: "1" });
    await queue(1);
    fake.hang();
    const started = Date.now();
    expect(await sendDueEmails()).toMatchObject({ claimed: 1, retrying: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
    const row = await t.db.outboxEmail.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null });
    expect(row.lastError).toMatch(/timed out/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
  });

  it("never sends a row again while its first send is still open, however long the batch waits on Resend", async () => {
    // One send at a time, each hanging until its timeout: the batch outlasts the claim's lease.
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "300", EMAIL_LEASE_SECONDS: "1", EMAIL_SEND_CONCURRENCY: "1" });
    await queue(5);
    fake.hang();
    const first = sendDueEmails();
    // A second worker arrives after the claim's lease has lapsed, while the first still sends.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await sendDueEmails();
    const firstRun = await first;
    const keys = fake.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
    expect(firstRun.retrying + second.retrying).toBe(5);
    const rows = await t.db.outboxEmail.findMany();
    // (A row both workers claimed counts two attempts, though only one send was made.)
    for (const row of rows) expect(row).toMatchObject({ status: "PENDING", lastError: expect.stringMatching(/timed out/) });
  });

  it("starts no send after its time budget and puts the rows it did not start back in the queue", async () => {
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "200", EMAIL_LEASE_SECONDS: "1", EMAIL_SEND_CONCURRENCY: "1" });
    await queue(5);
    fake.hang();
    const started = Date.now();
    const summary = await sendDueEmails({ budgetMs: 300 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(summary).toEqual({ claimed: 2, sent: 0, retrying: 2, failed: 0 });
    expect(await t.db.outboxEmail.count({ where: { status: "PENDING", attempts: 0, lockedUntil: null, lastError: null } })).toBe(3);
    fake.reset();
    expect(await sendDueEmails()).toMatchObject({ claimed: 3, sent: 3 });
  });

  it("refuses a lease shorter than twice the send timeout, and a job step budget that cannot fit a send", () => {
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "60000", EMAIL_LEASE_SECONDS: "100", JOB_STEP_BUDGET_SECONDS: "180" });
    expect(() => env()).toThrow(/EMAIL_LEASE_SECONDS: must be at least twice EMAIL_SEND_TIMEOUT_MS/);
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "60000", EMAIL_LEASE_SECONDS: "120", JOB_STEP_BUDGET_SECONDS: "120" });
    expect(() => env()).toThrow(/JOB_STEP_BUDGET_SECONDS: must be at least three times EMAIL_SEND_TIMEOUT_MS/);
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "60000", EMAIL_LEASE_SECONDS: "120", JOB_STEP_BUDGET_SECONDS: "180" });
    expect(env().EMAIL_LEASE_SECONDS).toBe(120);
    // The defaults keep both rules.
    setEnv({ EMAIL_SEND_TIMEOUT_MS: "", EMAIL_LEASE_SECONDS: "", JOB_STEP_BUDGET_SECONDS: "" });
    expect(env().EMAIL_LEASE_SECONDS * 1000).toBeGreaterThanOrEqual(2 * env().EMAIL_SEND_TIMEOUT_MS);
    expect(env().JOB_STEP_BUDGET_SECONDS * 1000).toBeGreaterThanOrEqual(3 * env().EMAIL_SEND_TIMEOUT_MS);
  });

  it("gives up at once on a permanent error, and after MAX_ATTEMPTS on retryable ones", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await queue(2);
    const [first, second] = await t.db.outboxEmail.findMany({ orderBy: { dedupeKey: "asc" } });
    const now = new Date();
    await t.db.outboxEmail.update({ where: { id: second!.id }, data: { attempts: MAX_ATTEMPTS - 1, nextAttemptAt: addSeconds(now, 60) } });
    fake.failNext(1, { status: 422, name: "validation_error" });
    expect(await sendDueEmails({ now })).toMatchObject({ claimed: 1, failed: 1 });
    fake.failNext(1, { status: 503, name: "internal_server_error" });
    expect(await sendDueEmails({ now: addSeconds(now, 61) })).toMatchObject({ claimed: 1, failed: 1 });
    expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      status: "FAILED",
      attempts: MAX_ATTEMPTS,
    });
    expect(logged).toHaveBeenCalledTimes(2);
    expect(String(logged.mock.calls[0]![0])).toContain("email.send_failed");
  });

  it("sends a row queued by an older build without the queue-time fields, storing them on the row once", async () => {
    const legacy: Record<string, unknown> = { ...payload };
    for (const field of ["refundPolicy", "bookUrl", "adminUrl", "inviteUid", "organizerEmail"]) delete legacy[field];
    await t.db.outboxEmail.create({
      data: {
        dedupeKey: "booking_confirmed:bk_legacy:0",
        kind: "booking_confirmed",
        toAddress: "v@example.com",
        payload: legacy as object,
      },
    });
    expect(await sendDueEmails()).toMatchObject({ sent: 1, failed: 0 });
    const row = await t.db.outboxEmail.findFirstOrThrow();
    expect(row.status).toBe("SENT");
    expect(row.payload).toMatchObject({
      bookUrl: "http://localhost:3000/",
      inviteUid: `${payload.bookingId}@localhost`,
      organizerEmail: "bookings@example.com",
    });
    expect(fake.delivered).toHaveLength(1);
  });

  it("without RESEND_API_KEY, keeps the rendered email on the row (dev transport)", async () => {
    delete process.env.RESEND_API_KEY;
    resetEnvCache();
    await queue(1, "booking_confirmed");
    expect(await sendDueEmails()).toMatchObject({ sent: 1 });
    const row = await t.db.outboxEmail.findFirstOrThrow();
    expect(row).toMatchObject({ status: "SENT", transport: "console", providerMessageId: null });
    expect(row.subject).toBe("Confirmed: your consultation on Tue, Mar 10, 2:00 PM GMT");
    expect(row.text).toContain("A calendar invitation is attached.");
    expect(fake.delivered).toHaveLength(0);
  });

  it("confirms a booking while Resend is down, and mails it (with the invitation) once Resend is back", async () => {
    fake.failNext(2, "drop");
    const slot = await createSlot(t.db, { priceCents: 0 });
    const hold = await placeHold(bookingRequest(slot.id));
    const result = await confirmFreeBooking(hold.bookingId);
    expect(result.outcome).toBe("confirmed");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: hold.bookingId } })).status).toBe("CONFIRMED");

    const now = new Date();
    expect(await sendDueEmails({ now })).toMatchObject({ claimed: 2, retrying: 2 });
    expect(fake.delivered).toHaveLength(0);
    expect(await sendDueEmails({ now: addSeconds(now, 60) })).toMatchObject({ sent: 2 });
    expect(deliveredKeys().sort()).toEqual([`admin_new_booking:${hold.bookingId}`, `booking_confirmed:${hold.bookingId}`]);
    const visitorEmail = fake.delivered.find((e) => e.idempotencyKey === `booking_confirmed:${hold.bookingId}`)!;
    expect(visitorEmail.to).toEqual(["ada@example.com"]);
    expect(visitorEmail.attachments?.[0]).toMatchObject({
      filename: "invite.ics",
      content_type: "text/calendar; charset=utf-8; method=REQUEST",
    });
    const adminEmail = fake.delivered.find((e) => e.idempotencyKey === `admin_new_booking:${hold.bookingId}`)!;
    expect(adminEmail.to).toEqual(["owner@example.com"]);
    expect(adminEmail.reply_to).toEqual("ada@example.com");
  });
});
