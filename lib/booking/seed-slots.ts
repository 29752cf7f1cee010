import "server-only";
import { getDb } from "@/lib/db";
import { planSlots, type SlotPlanOptions } from "./slot-generator";

export type SeedResult = { planned: number; created: number; existing: number };

/**
 * Writes the slots the seed flags plan (through the schedule planner) as manual slots: the
 * weekly schedule's sync never closes them (ADR 109). Idempotent: a slot at an existing start (or overlapping an
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
