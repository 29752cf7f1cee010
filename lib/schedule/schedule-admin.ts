import "server-only";
import { getDb } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/audit-log";
import { settings } from "@/lib/settings/settings";
import type { DateOverride, WeeklySchedule } from "@/lib/booking/slot-generator";
import { describeSyncReport } from "./describe-report";
import { loadSchedule, removeDateOverride, saveDateOverride, saveWeeklySchedule } from "./schedule-store";
import { applyScheduleSync, previewScheduleSync, type SyncReport } from "./sync";

// The admin's schedule use cases: save (audited, in one transaction), then sync at once and
// say what changed; or preview the same sync without saving.

type WeeklyPart = Omit<WeeklySchedule, "overrides">;
export type ScheduleOutcome = { report: SyncReport; message: string };

async function outcome(report: SyncReport, mode: "preview" | "done"): Promise<ScheduleOutcome> {
  return { report, message: describeSyncReport(report, mode, (await settings()).BUSINESS_TIME_ZONE) };
}

async function syncStored(now: Date): Promise<ScheduleOutcome> {
  return outcome(await applyScheduleSync(await loadSchedule(), now), "done");
}

export async function previewWeeklySchedule(weekly: WeeklyPart, now = new Date()): Promise<ScheduleOutcome> {
  const { overrides } = await loadSchedule();
  return outcome(await previewScheduleSync({ ...weekly, overrides }, now), "preview");
}

export async function saveWeeklyScheduleAndSync(actor: AuditActor, weekly: WeeklyPart, now = new Date()): Promise<ScheduleOutcome> {
  const db = await getDb();
  await db.$transaction((tx) => saveWeeklySchedule(tx, actor, weekly));
  return syncStored(now);
}

export async function saveDateOverrideAndSync(actor: AuditActor, override: DateOverride, now = new Date()): Promise<ScheduleOutcome> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // The first override saves the default weekly hours too, so the schedule is "saved" from now on.
    if (!(await tx.schedule.findUnique({ where: { id: 1 } }))) {
      const { overrides: _o, saved: _s, ...weekly } = await loadSchedule(tx);
      await saveWeeklySchedule(tx, actor, weekly);
    }
    await saveDateOverride(tx, actor, override);
  });
  return syncStored(now);
}

export async function removeDateOverrideAndSync(actor: AuditActor, date: string, now = new Date()): Promise<ScheduleOutcome | null> {
  const db = await getDb();
  const removed = await db.$transaction((tx) => removeDateOverride(tx, actor, date));
  return removed ? syncStored(now) : null;
}
