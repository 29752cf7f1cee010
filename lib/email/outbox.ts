import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db";
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
 * Queues an email inside the caller's transaction, so it exists if and only if the state
 * change that caused it commits. A second enqueue with the same key is a no-op.
 */
export async function enqueueEmail(tx: Tx, email: EnqueueEmail): Promise<boolean> {
  const { count } = await tx.outboxEmail.createMany({
    data: [
      {
        dedupeKey: dedupeKey(email.kind, email.bookingId, email.discriminator),
        kind: email.kind,
        bookingId: email.bookingId,
        toAddress: email.to,
        payload: email.payload,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}
