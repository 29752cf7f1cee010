import "server-only";
import { getDb } from "@/lib/db";

// The WebhookEvent table: one row per Stripe event id. A row with processedAt is done, so
// a duplicate delivery is a no-op. A row without it is a lease held by the delivery
// working on it: a concurrent duplicate is told to come back later (Stripe retries), and
// a lease left by a crashed process can be taken over once it is older than LEASE_MS.

export const LEASE_MS = 2 * 60 * 1000;

export type Claim = "claimed" | "duplicate" | "in_progress";

export async function claimEvent(event: { id: string; type: string }, now = new Date()): Promise<Claim> {
  const db = await getDb();
  const inserted = await db.webhookEvent.createMany({ data: [{ id: event.id, type: event.type, receivedAt: now }], skipDuplicates: true });
  if (inserted.count === 1) return "claimed";
  const takenOver = await db.webhookEvent.updateMany({
    where: { id: event.id, processedAt: null, receivedAt: { lt: new Date(now.getTime() - LEASE_MS) } },
    data: { receivedAt: now },
  });
  if (takenOver.count === 1) return "claimed";
  const row = await db.webhookEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
  return row?.processedAt ? "duplicate" : "in_progress";
}

export async function completeEvent(id: string, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.webhookEvent.updateMany({ where: { id, processedAt: null }, data: { processedAt: now } });
}

/** Drops the lease of a delivery that failed, so Stripe's retry can process the event at once. */
export async function releaseEvent(id: string): Promise<void> {
  const db = await getDb();
  await db.webhookEvent.deleteMany({ where: { id, processedAt: null } });
}
