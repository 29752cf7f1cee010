import "server-only";
import { addMilliseconds, addSeconds } from "date-fns";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { withTimeout } from "@/lib/timeout";
import { completedLegacyPayload } from "./booking-snapshot";
import { EmailRenderError, renderEmail, type RenderedEmail } from "./render";
import { EmailDeliveryError, emailTransport, sendTimedOut, type EmailTransport } from "./transport";

// Delivers the outbox. Rows are claimed with one UPDATE … FOR UPDATE SKIP LOCKED that
// marks them SENDING under a lease (lockedUntil), so two workers never take the same row.
// A worker that dies mid-send leaves a lapsed lease; the row is claimed again and resent
// with the same idempotency key, which Resend answers without sending twice.
// Each send is bounded by EMAIL_SEND_TIMEOUT_MS and its lease is taken again just before
// it starts, so a send never outlives its lease (env validation keeps the lease at least
// twice the timeout): a hung provider cannot make a second worker send the row again.

export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_SECONDS = 30;
const MAX_BACKOFF_SECONDS = 60 * 60;

/** 30 s, 1 min, 2 min, … capped at an hour: about 3.5 h from first try to FAILED. */
export function backoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS * 2 ** Math.max(0, attempts - 1));
}

type ClaimedRow = {
  id: string;
  dedupeKey: string;
  kind: string;
  toAddress: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  lockedUntil: Date;
};

async function claimDue(now: Date, limit: number): Promise<ClaimedRow[]> {
  const db = await getDb();
  const leaseUntil = addSeconds(now, env().EMAIL_LEASE_SECONDS);
  return db.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxEmail"
    SET "status" = 'SENDING', "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${now})
         OR ("status" = 'SENDING' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "dedupeKey", "kind", "toAddress", "payload", "attempts", "createdAt", "lockedUntil"`;
}

type Outcome = "sent" | "retrying" | "failed";

async function settle(row: ClaimedRow, data: Record<string, unknown>): Promise<void> {
  const db = await getDb();
  // Only while our lease holds: a row re-claimed by another worker is theirs now.
  await db.outboxEmail.updateMany({ where: { id: row.id, status: "SENDING", lockedUntil: row.lockedUntil }, data });
}

function failure(row: ClaimedRow, error: unknown, now: Date): { outcome: Outcome; data: Record<string, unknown> } {
  const retryable = error instanceof EmailDeliveryError ? error.retryable : !(error instanceof EmailRenderError);
  const giveUp = !retryable || row.attempts >= MAX_ATTEMPTS;
  const lastError = errorDetail(error).slice(0, 1000);
  return giveUp
    ? { outcome: "failed", data: { status: "FAILED", lockedUntil: null, lastError } }
    : {
        outcome: "retrying",
        data: { status: "PENDING", lockedUntil: null, lastError, nextAttemptAt: addMilliseconds(now, backoffSeconds(row.attempts) * 1000) },
      };
}

/**
 * Takes the lease again from now, for a row that waited behind others of its batch.
 * False when the lease lapsed and another worker has the row.
 */
async function renewLease(row: ClaimedRow, now: Date): Promise<boolean> {
  const db = await getDb();
  const lockedUntil = addSeconds(now, env().EMAIL_LEASE_SECONDS);
  const { count } = await db.outboxEmail.updateMany({
    where: { id: row.id, status: "SENDING", lockedUntil: row.lockedUntil },
    data: { lockedUntil },
  });
  if (count === 1) row.lockedUntil = lockedUntil;
  return count === 1;
}

/** Gives back claimed rows that were not started (the run ran out of time). */
async function releaseUnstarted(rows: ClaimedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const db = await getDb();
  await db.$transaction(
    rows.map((row) =>
      db.outboxEmail.updateMany({
        where: { id: row.id, status: "SENDING", lockedUntil: row.lockedUntil },
        data: { status: "PENDING", lockedUntil: null, attempts: { decrement: 1 } },
      }),
    ),
  );
}

/** The transport's answer, or a retryable timeout once the signal fires (whatever the transport does). */
function sendWithin(transport: EmailTransport, email: Parameters<EmailTransport["send"]>[0], idempotencyKey: string, timeoutMs: number) {
  const controller = new AbortController();
  return withTimeout(transport.send(email, { idempotencyKey, signal: controller.signal }), timeoutMs, () => {
    controller.abort(new Error(`no answer after ${timeoutMs} ms`));
    return sendTimedOut(controller.signal.reason);
  });
}

/** The row's payload, completed and stored once if an older build queued it (ADR 066). */
async function payloadOf(row: ClaimedRow): Promise<unknown> {
  const completed = await completedLegacyPayload(row.payload);
  if (!completed) return row.payload;
  const db = await getDb();
  await db.outboxEmail.updateMany({ where: { id: row.id }, data: { payload: completed as object } });
  log("info", "email.payload_completed", { key: row.dedupeKey });
  return completed;
}

async function deliver(row: ClaimedRow, transport: EmailTransport, now: Date): Promise<Outcome> {
  let rendered: RenderedEmail | undefined;
  try {
    rendered = await renderEmail({ kind: row.kind, payload: await payloadOf(row), queuedAt: row.createdAt });
    const receipt = await sendWithin(
      transport,
      {
        from: env().EMAIL_FROM,
        to: row.toAddress,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        replyTo: rendered.replyTo,
        attachments: rendered.attachments,
        tag: row.kind,
      },
      row.dedupeKey,
      env().EMAIL_SEND_TIMEOUT_MS,
    );
    await settle(row, {
      status: "SENT",
      sentAt: now,
      lockedUntil: null,
      lastError: null,
      transport: receipt.transport,
      providerMessageId: receipt.providerMessageId,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    });
    return "sent";
  } catch (error) {
    const { outcome, data } = failure(row, error, now);
    const copy = rendered ? { subject: rendered.subject, html: rendered.html, text: rendered.text } : {};
    await settle(row, { ...data, ...copy, transport: transport.name });
    log(outcome === "failed" ? "error" : "warn", "email.send_failed", {
      outboxId: row.id,
      kind: row.kind,
      attempts: row.attempts,
      outcome,
      error: errorDetail(error),
    });
    return outcome;
  }
}

async function forEachBounded<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Starts sends for half the job step's budget: env validation keeps the send timeout
 * within a third of it, so the last send ends well inside the step's budget.
 */
function defaultSendBudgetMs(): number {
  return (env().JOB_STEP_BUDGET_SECONDS * 1000) / 2;
}

export type SendSummary = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * Sends what is due, one batch at a time, until nothing is left or `maxBatches` is hit.
 * Never throws for a single email's failure: that is recorded on its row. No send starts
 * after `budgetMs` (by default, what still ends inside JOB_STEP_BUDGET_SECONDS); rows not
 * started go back to the queue, so a run ends within the budget plus one send timeout
 * however slow the provider is.
 */
export async function sendDueEmails(
  options: { now?: Date; batchSize?: number; maxBatches?: number; budgetMs?: number } = {},
): Promise<SendSummary> {
  const batchSize = options.batchSize ?? 20;
  const maxBatches = options.maxBatches ?? 10;
  const stopAt = Date.now() + (options.budgetMs ?? defaultSendBudgetMs());
  const transport = emailTransport();
  const summary: SendSummary = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches && Date.now() < stopAt; batch++) {
    const rows = await claimDue(options.now ?? new Date(), batchSize);
    summary.claimed += rows.length;
    const unstarted: ClaimedRow[] = [];
    // Bounded parallelism: a send waits on the network (and rendering on the CPU), so a few
    // in flight keep both busy without overrunning the provider's rate limit.
    await forEachBounded(rows, env().EMAIL_SEND_CONCURRENCY, async (row) => {
      if (Date.now() >= stopAt) return void unstarted.push(row);
      const now = options.now ?? new Date();
      if (!(await renewLease(row, now))) return;
      summary[await deliver(row, transport, now)]++;
    });
    await releaseUnstarted(unstarted);
    summary.claimed -= unstarted.length;
    if (rows.length < batchSize) break;
  }
  if (summary.claimed > 0) log("info", "email.outbox_run", summary);
  return summary;
}
