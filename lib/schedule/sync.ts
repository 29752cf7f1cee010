import "server-only";
import { addDays } from "date-fns";
import { Prisma } from "@/lib/db/generated/client";
import { getDb, type Db } from "@/lib/db";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings/settings";
import { LIVE_BOOKING_STATUSES } from "@/lib/status/booking-status";
import { planSchedule, type PlannedSlot, type WeeklySchedule } from "@/lib/booking/slot-generator";
import { loadSchedule } from "./schedule-store";
import { planSync, type ExistingSlot, type KeptSlot, type SyncPlan } from "./sync-plan";

// Keeps the schedule's slots equal to its plan for the booking window (ADR 108). Idempotent:
// a rerun finds nothing to do. Only slots with source SCHEDULE are touched; a slot with any
// booking is never deleted and one with a live booking is never closed.

export type SyncReport = {
  planned: number;
  created: number;
  updated: number;
  reopened: number;
  /** Closed (booking history) or deleted (never booked): no longer offered. */
  closed: number;
  deleted: number;
  /** Planned slots not created because they overlap a slot that stays. */
  blocked: number;
  kept: KeptSlot[];
};

const LIVE = Prisma.join(LIVE_BOOKING_STATUSES.map((s) => Prisma.sql`${s}::"BookingStatus"`));

async function futureSlots(db: Db, now: Date): Promise<ExistingSlot[]> {
  return db.slot.findMany({
    where: { startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      durationMinutes: true,
      priceCents: true,
      currency: true,
      requiresPayment: true,
      methods: true,
      source: true,
      isAvailable: true,
      closedBySchedule: true,
      bookings: { select: { id: true, name: true, status: true } },
    },
  });
}

/** The schedule's slots for the window: after now and before now + BOOKING_WINDOW_DAYS. */
async function plannedSlots(db: Db, schedule: WeeklySchedule, now: Date): Promise<PlannedSlot[]> {
  const s = await settings(db);
  const end = addDays(now, s.BOOKING_WINDOW_DAYS);
  return planSchedule(schedule, { from: now, days: s.BOOKING_WINDOW_DAYS + 1, timeZone: s.BUSINESS_TIME_ZONE }).filter(
    (p) => p.startsAt > now && p.startsAt < end,
  );
}

async function plan(db: Db, schedule: WeeklySchedule, now: Date): Promise<{ planned: PlannedSlot[]; plan: SyncPlan }> {
  const planned = await plannedSlots(db, schedule, now);
  return { planned, plan: planSync(planned, await futureSlots(db, now)) };
}

/** What syncing this schedule would do now, writing nothing (the admin's preview). */
export async function previewScheduleSync(schedule: WeeklySchedule, now = new Date()): Promise<SyncReport> {
  const { planned, plan: p } = await plan(await getDb(), schedule, now);
  return {
    planned: planned.length,
    created: p.create.length,
    updated: p.update.length,
    reopened: p.reopen.length,
    closed: p.close.length + p.remove.length,
    deleted: p.remove.length,
    blocked: p.blocked.length,
    kept: p.kept,
  };
}

/** Brings the slots in line with this schedule. */
export async function applyScheduleSync(schedule: WeeklySchedule, now = new Date()): Promise<SyncReport> {
  const db = await getDb();
  const { planned, plan: p } = await plan(db, schedule, now);
  const touched = [...p.remove, ...p.close, ...p.update.map((u) => u.id), ...p.reopen];
  const outcome = await db.$transaction(async (tx) => {
    let deleted: string[] = [];
    let closed: string[] = [];
    let updated = 0;
    let reopened = 0;
    // Marks these updates as the sync's own (the Slot_adopt_admin_edit trigger, ADR 108).
    await tx.$queryRaw`SELECT set_config('app.schedule_sync', 'on', true)`;
    if (touched.length) {
      // The row lock waits for a hold in flight on these slots (it takes FOR SHARE) to commit,
      // and each statement below then reads afresh (read committed), so it sees that hold's
      // booking; a hold arriving later waits for this transaction and re-checks isAvailable.
      await tx.$queryRaw`SELECT "id" FROM "Slot" WHERE "id" = ANY(${touched}::uuid[]) AND "source" = 'SCHEDULE' ORDER BY "id" FOR UPDATE`;
    }
    if (p.remove.length) {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        DELETE FROM "Slot" s WHERE s."id" = ANY(${p.remove}::uuid[]) AND s."source" = 'SCHEDULE'
          AND NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s."id")
        RETURNING s."id"`;
      deleted = rows.map((r) => r.id);
    }
    // A removal candidate that gained a booking since the read is closed instead, if free.
    const toClose = [...p.close, ...p.remove.filter((id) => !deleted.includes(id))];
    if (toClose.length) {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Slot" s SET "isAvailable" = false, "closedBySchedule" = true, "updatedAt" = ${now}
        WHERE s."id" = ANY(${toClose}::uuid[]) AND s."source" = 'SCHEDULE' AND s."isAvailable"
          AND NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s."id" AND b."status" IN (${LIVE}))
        RETURNING s."id"`;
      closed = rows.map((r) => r.id);
    }
    for (const u of p.update) {
      updated += await tx.$executeRaw`
        UPDATE "Slot" s SET "priceCents" = ${u.data.priceCents}, "currency" = ${u.data.currency},
          "requiresPayment" = ${u.data.requiresPayment}, "methods" = ${u.data.methods}::"MeetingMethod"[], "updatedAt" = ${now}
        WHERE s."id" = ${u.id}::uuid AND s."source" = 'SCHEDULE'
          AND NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s."id" AND b."status" IN (${LIVE}))`;
    }
    if (p.reopen.length) {
      reopened = await tx.$executeRaw`
        UPDATE "Slot" SET "isAvailable" = true, "closedBySchedule" = false, "updatedAt" = ${now}
        WHERE "id" = ANY(${p.reopen}::uuid[]) AND "source" = 'SCHEDULE' AND "closedBySchedule" AND NOT "isAvailable"`;
    }
    return { deleted, closed, updated, reopened };
  });

  // Two syncs (or a sync and the seed script) racing: the unique start and the no-overlap
  // constraint turn the loser's inserts into no-ops.
  const { count: created } = p.create.length
    ? await db.slot.createMany({ data: p.create.map((s) => ({ ...s, source: "SCHEDULE" as const })), skipDuplicates: true })
    : { count: 0 };

  // Candidates that got a live booking between the read and the lock are kept, and said so.
  const missed = toCloseMissed(p, outcome);
  const raced = missed.length
    ? await db.booking.findMany({
        where: { slotId: { in: missed }, status: { in: [...LIVE_BOOKING_STATUSES] } },
        select: { id: true, name: true, status: true, slot: { select: { id: true, startsAt: true } } },
      })
    : [];
  const kept = [
    ...p.kept,
    ...raced.map((b) => ({ slotId: b.slot.id, startsAt: b.slot.startsAt, bookingId: b.id, name: b.name, status: b.status })),
  ];
  const report: SyncReport = {
    planned: planned.length,
    created,
    updated: outcome.updated,
    reopened: outcome.reopened,
    closed: outcome.closed.length + outcome.deleted.length,
    deleted: outcome.deleted.length,
    blocked: p.create.length - created + p.blocked.length,
    kept,
  };
  if (created || report.closed || report.updated || report.reopened) log("info", "schedule.synced", { ...report, kept: kept.length });
  return report;
}

function toCloseMissed(p: SyncPlan, outcome: { deleted: string[]; closed: string[] }): string[] {
  const done = new Set([...outcome.deleted, ...outcome.closed]);
  return [...p.remove, ...p.close].filter((id) => !done.has(id));
}

/** Syncs the stored schedule (or the default one): the maintenance job's step and the first-start seed. */
export async function syncScheduleSlots(now = new Date()): Promise<SyncReport> {
  return applyScheduleSync(await loadSchedule(), now);
}

/**
 * The maintenance job's step. The schedule manages slots once it was saved in admin or made
 * slots (the first-start seed); a deployment that only ever made slots by hand keeps that.
 */
export async function syncScheduleSlotsIfManaged(now = new Date()): Promise<SyncReport | { skipped: "no_schedule" }> {
  const db = await getDb();
  const schedule = await loadSchedule(db);
  if (!schedule.saved && !(await db.slot.findFirst({ where: { source: "SCHEDULE" }, select: { id: true } })))
    return { skipped: "no_schedule" };
  return applyScheduleSync(schedule, now);
}

/** On the embedded default, a database with no future slots gets the schedule's window (ADR 109). */
export async function seedDefaultSlotsIfEmpty(now = new Date()): Promise<SyncReport | null> {
  const db = await getDb();
  if ((await db.slot.count({ where: { startsAt: { gt: now } } })) > 0) return null;
  return syncScheduleSlots(now);
}
