import "server-only";
import { addMilliseconds, addSeconds } from "date-fns";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { EmailRenderError, renderEmail, type RenderedEmail } from "./render";
import { EmailDeliveryError, emailTransport, type EmailTransport } from "./transport";

// Delivers the outbox. Rows are claimed with one UPDATE … FOR UPDATE SKIP LOCKED that
// marks them SENDING under a lease (lockedUntil), so two workers never take the same row.
// A worker that dies mid-send leaves a lapsed lease; the row is claimed again and resent
// with the same idempotency key, which Resend answers without sending twice.

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
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
  const leaseUntil = addSeconds(now, LEASE_SECONDS);
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

async function deliver(row: ClaimedRow, transport: EmailTransport, now: Date): Promise<Outcome> {
  let rendered: RenderedEmail | undefined;
  try {
    rendered = await renderEmail({ kind: row.kind, payload: row.payload, queuedAt: row.createdAt });
    const receipt = await transport.send(
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
      { idempotencyKey: row.dedupeKey },
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

export type SendSummary = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * Sends what is due, one batch at a time, until nothing is left or `maxBatches` is hit.
 * Never throws for a single email's failure: that is recorded on its row.
 */
export async function sendDueEmails(options: { now?: Date; batchSize?: number; maxBatches?: number } = {}): Promise<SendSummary> {
  const batchSize = options.batchSize ?? 20;
  const maxBatches = options.maxBatches ?? 10;
  const transport = emailTransport();
  const summary: SendSummary = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = options.now ?? new Date();
    const rows = await claimDue(now, batchSize);
    summary.claimed += rows.length;
    // Bounded parallelism: a send waits on the network (and rendering on the CPU), so a few
    // in flight keep both busy without overrunning the provider's rate limit.
    await forEachBounded(rows, env().EMAIL_SEND_CONCURRENCY, async (row) => {
      summary[await deliver(row, transport, now)]++;
    });
    if (rows.length < batchSize) break;
  }
  if (summary.claimed > 0) log("info", "email.outbox_run", summary);
  return summary;
}
