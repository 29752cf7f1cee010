import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { DEFAULT_SCHEDULE, type DateOverride, type IsoWeekday, type WeeklySchedule } from "@/lib/booking/slot-generator";

// The stored weekly schedule (ADR 107). The CHECK and EXCLUDE constraints of its tables hold
// every range inside its day and apart from the day's other ranges; a save replaces the
// whole schedule in one transaction, so a reader never sees half of one.

const dateOnly = (key: string) => new Date(`${key}T00:00:00Z`);
const dateKey = (date: Date) => date.toISOString().slice(0, 10);

/** The saved schedule, or DEFAULT_SCHEDULE when none was saved. */
export async function loadSchedule(db?: DbOrTx): Promise<WeeklySchedule & { saved: boolean }> {
  const client = db ?? (await getDb());
  const [row, ranges, overrides] = await Promise.all([
    client.schedule.findUnique({ where: { id: 1 } }),
    client.scheduleRange.findMany({ orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] }),
    client.scheduleOverride.findMany({ orderBy: { date: "asc" }, include: { ranges: { orderBy: { startMinute: "asc" } } } }),
  ]);
  const base = row
    ? {
        durationMinutes: row.durationMinutes,
        priceCents: row.priceCents,
        currency: row.currency,
        methods: row.methods,
        weekly: ranges.map((r) => ({ weekday: r.weekday as IsoWeekday, startMinute: r.startMinute, endMinute: r.endMinute })),
      }
    : DEFAULT_SCHEDULE;
  return {
    ...base,
    overrides: overrides.map((o) => ({
      date: dateKey(o.date),
      note: o.note,
      ranges: o.ranges.map((r) => ({ startMinute: r.startMinute, endMinute: r.endMinute })),
    })),
    saved: !!row,
  };
}

type WeeklyPart = Omit<WeeklySchedule, "overrides">;

/** Saves the weekly hours, meeting length, fee and methods (overrides are kept), audited. */
export async function saveWeeklySchedule(tx: DbOrTx, actor: AuditActor, next: WeeklyPart): Promise<void> {
  const before = await loadSchedule(tx);
  const data = { durationMinutes: next.durationMinutes, priceCents: next.priceCents, currency: next.currency, methods: next.methods };
  await tx.schedule.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: { ...data, updatedAt: new Date() } });
  await tx.scheduleRange.deleteMany({});
  await tx.scheduleRange.createMany({
    data: next.weekly.map((r) => ({ weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute })),
  });
  const { overrides: _o, saved: _s, ...beforeWeekly } = before;
  await recordAudit(tx, actor, { action: "schedule.save", entityType: "setting", entityId: "schedule", before: beforeWeekly, after: next });
}

/** Sets one date's own hours (no ranges = a day off), replacing any override of that date. */
export async function saveDateOverride(tx: DbOrTx, actor: AuditActor, override: DateOverride): Promise<void> {
  const date = dateOnly(override.date);
  const before = await tx.scheduleOverride.findUnique({ where: { date }, include: { ranges: true } });
  await tx.scheduleOverride.deleteMany({ where: { date } });
  await tx.scheduleOverride.create({
    data: {
      date,
      note: override.note || null,
      ranges: { create: override.ranges.map((r) => ({ startMinute: r.startMinute, endMinute: r.endMinute })) },
    },
  });
  await recordAudit(tx, actor, {
    action: "schedule.override_save",
    entityType: "setting",
    entityId: `schedule:${override.date}`,
    before: before
      ? { note: before.note, ranges: before.ranges.map((r) => ({ startMinute: r.startMinute, endMinute: r.endMinute })) }
      : undefined,
    after: { note: override.note || null, ranges: override.ranges },
  });
}

/** Removes a date's override; false when there was none. */
export async function removeDateOverride(tx: DbOrTx, actor: AuditActor, key: string): Promise<boolean> {
  const { count } = await tx.scheduleOverride.deleteMany({ where: { date: dateOnly(key) } });
  if (count) await recordAudit(tx, actor, { action: "schedule.override_remove", entityType: "setting", entityId: `schedule:${key}` });
  return count > 0;
}
