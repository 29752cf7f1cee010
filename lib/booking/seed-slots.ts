import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { DEFAULT_PLAN, planSlots, type SlotPlanOptions } from "./slot-generator";

export type SeedResult = { planned: number; created: number; existing: number };

/**
 * Writes planned slots. Idempotent: a slot at an existing start (or overlapping an
 * existing slot) is skipped by ON CONFLICT DO NOTHING, so reruns create no duplicates.
 */
export async function seedSlots(options: SlotPlanOptions, { dryRun = false, from = new Date() } = {}): Promise<SeedResult> {
  const planned = planSlots(options, from).filter((s) => s.startsAt > from);
  const db = await getDb();
  if (dryRun) {
    const existing = await db.slot.count({ where: { startsAt: { in: planned.map((s) => s.startsAt) } } });
    return { planned: planned.length, created: 0, existing };
  }
  const { count } = await db.slot.createMany({ data: planned, skipDuplicates: true });
  return { planned: planned.length, created: count, existing: planned.length - count };
}

/** On the embedded default, a database with no future slots gets the default 30 days. */
export async function seedDefaultSlotsIfEmpty(now = new Date()): Promise<SeedResult | null> {
  const db = await getDb();
  const future = await db.slot.count({ where: { startsAt: { gt: now } } });
  if (future > 0) return null;
  return seedSlots({ ...DEFAULT_PLAN, methods: [...DEFAULT_PLAN.methods], timeZone: env().BUSINESS_TIME_ZONE }, { from: now });
}
