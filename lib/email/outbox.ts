import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db";
import { deliverQueuedEmailsAfterResponse } from "./deliver-soon";
import { dedupeKey, type EmailKind } from "./kinds";

export type EnqueueEmail = {
  kind: EmailKind;
  bookingId: string;
  to: string;
  /** Snapshot of everything the template needs, taken in the same transaction. */
  payload: Prisma.InputJsonValue;
  /** Distinguishes repeatable kinds (e.g. the iCalendar sequence of a reschedule). */
  discriminator?: string | number;
};

/**
 * Queues emails inside the caller's transaction (one INSERT however many), so they exist
 * if and only if the state change that caused them commits. Rows whose dedupe key is
 * already queued are skipped. Returns how many were new.
 */
export async function enqueueEmails(tx: Tx, emails: EnqueueEmail[]): Promise<number> {
  if (emails.length === 0) return 0;
  const { count } = await tx.outboxEmail.createMany({
    data: emails.map((email) => ({
      dedupeKey: dedupeKey(email.kind, email.bookingId, email.discriminator),
      kind: email.kind,
      bookingId: email.bookingId,
      toAddress: email.to,
      payload: email.payload,
    })),
    skipDuplicates: true,
  });
  // Runs after the response, so after this transaction has committed (or rolled back, when
  // the pass simply finds nothing new).
  if (count > 0) deliverQueuedEmailsAfterResponse();
  return count;
}

/** Queues one email in the caller's transaction. A second enqueue with the same key is a no-op. */
export async function enqueueEmail(tx: Tx, email: EnqueueEmail): Promise<boolean> {
  return (await enqueueEmails(tx, [email])) === 1;
}

/**
 * Queues an admin email about no booking (a broken calendar connection) in the caller's
 * transaction. `key` names the occurrence: the same key is queued once, ever.
 */
export async function enqueueAdminEmail(
  tx: Tx,
  email: { kind: "admin_calendar_broken"; key: string; to: string; payload: Prisma.InputJsonValue },
) {
  const { count } = await tx.outboxEmail.createMany({
    data: [{ dedupeKey: `${email.kind}:${email.key}`, kind: email.kind, toAddress: email.to, payload: email.payload }],
    skipDuplicates: true,
  });
  return count === 1;
}
