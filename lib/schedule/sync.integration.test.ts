import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest } from "@/tests/helpers/factories";
import { placeHold } from "@/lib/booking/holds";
import { newBookingId } from "@/lib/booking/ids";
import { DEFAULT_SCHEDULE, planSchedule, type WeeklySchedule } from "@/lib/booking/slot-generator";
import { formatInZone } from "@/lib/time-zones";
import { applyScheduleSync, previewScheduleSync, seedDefaultSlotsIfEmpty, syncScheduleSlotsIfManaged } from "./sync";
import { saveWeeklySchedule } from "./schedule-store";

const t = useTestDatabase();
const NOW = new Date("2027-01-13T15:00:00Z"); // Wednesday 10:00 New York
const TZ = "America/New_York";
const h = (n: number) => n * 60;
const actor = { id: null, email: "owner@example.com" };

const mondaysOnly: WeeklySchedule = { ...DEFAULT_SCHEDULE, weekly: [{ weekday: 1, startMinute: h(9), endMinute: h(12) }] };
const local = (d: Date) => formatInZone(d, TZ, "EEE HH:mm");

async function slotRows() {
  return t.db.slot.findMany({ orderBy: { startsAt: "asc" } });
}

async function book(slotId: string, status: "CONFIRMED" | "CANCELLED" | "PENDING_PAYMENT", name = "Ada Lovelace") {
  return t.db.booking.create({
    data: {
      id: newBookingId(),
      slotId,
      status,
      method: "ZOOM",
      name,
      email: "ada@example.com",
      timeZone: TZ,
      holdExpiresAt: status === "PENDING_PAYMENT" ? new Date(NOW.getTime() + 600_000) : null,
      confirmedAt: status === "CONFIRMED" ? NOW : null,
      cancelledAt: status === "CANCELLED" ? NOW : null,
    },
  });
}

/** A schedule slot on a Tuesday/Thursday etc. (not a Monday), i.e. one mondaysOnly drops. */
async function nonMondaySlots() {
  return (await slotRows()).filter((s) => !local(s.startsAt).startsWith("Mon"));
}

describe("syncScheduleSlots", () => {
  it("creates the window's slots from the schedule, and a rerun changes nothing", async () => {
    const first = await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    const expected = planSchedule(DEFAULT_SCHEDULE, { from: NOW, days: 31, timeZone: TZ }).filter(
      (p) => p.startsAt > NOW && p.startsAt.getTime() < NOW.getTime() + 30 * 86_400_000,
    );
    expect(first.created).toBe(expected.length);
    const rows = await slotRows();
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual(expected.map((p) => p.startsAt.toISOString()));
    expect(rows.every((r) => r.source === "SCHEDULE" && r.isAvailable)).toBe(true);
    expect(local(rows[0]!.startsAt)).toBe("Wed 11:00");

    const again = await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    expect(again).toMatchObject({ created: 0, closed: 0, deleted: 0, updated: 0, reopened: 0, kept: [] });
    expect(await slotRows()).toEqual(rows);
  });

  it("closes what no longer fits: deletes never-booked slots, closes booked history, keeps and reports live bookings, leaves manual slots", async () => {
    await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    const [live, history, adminClosed] = await nonMondaySlots();
    await book(live!.id, "CONFIRMED", "Grace Hopper");
    await book(history!.id, "CANCELLED");
    await t.db.slot.update({ where: { id: adminClosed!.id }, data: { isAvailable: false } });
    const manual = await t.db.slot.create({
      data: { startsAt: new Date("2027-01-16T15:00:00Z"), durationMinutes: 60, priceCents: 500, currency: "usd", methods: ["ZOOM"] },
    });

    const preview = await previewScheduleSync(mondaysOnly, NOW);
    const report = await applyScheduleSync(mondaysOnly, NOW);
    expect(report.kept).toEqual([expect.objectContaining({ slotId: live!.id, name: "Grace Hopper", status: "CONFIRMED" })]);
    expect({ ...preview, kept: preview.kept.length }).toEqual({ ...report, kept: 1 });

    const rows = await slotRows();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(live!.id)).toMatchObject({ isAvailable: true, source: "SCHEDULE" });
    expect(byId.get(history!.id)).toMatchObject({ isAvailable: false, closedBySchedule: true });
    expect(byId.has(adminClosed!.id)).toBe(false); // never booked: removed
    expect(byId.get(manual.id)).toMatchObject({ isAvailable: true, source: "MANUAL" });
    const schedule = rows.filter((r) => r.source === "SCHEDULE" && r.isAvailable && r.id !== live!.id);
    expect(new Set(schedule.map((r) => local(r.startsAt).slice(0, 3)))).toEqual(new Set(["Mon"]));
    expect(report.closed).toBe(report.deleted + 1);

    // Back to the default: the slot the schedule closed reopens; the rest are recreated.
    const back = await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    expect(back.reopened).toBe(1);
    expect(await t.db.slot.findUniqueOrThrow({ where: { id: history!.id } })).toMatchObject({ isAvailable: true, closedBySchedule: false });
    expect((await applyScheduleSync(DEFAULT_SCHEDULE, NOW)).created).toBe(0);
  });

  it("never reopens a slot an admin closed, and an admin's edit makes a schedule slot manual", async () => {
    await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    const [closed, moved] = await nonMondaySlots();
    await t.db.slot.update({ where: { id: closed!.id }, data: { isAvailable: false } });
    await t.db.slot.update({ where: { id: moved!.id }, data: { priceCents: 2500 } });
    expect(await t.db.slot.findUniqueOrThrow({ where: { id: moved!.id } })).toMatchObject({ source: "MANUAL", priceCents: 2500 });
    const report = await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    expect(report).toMatchObject({ reopened: 0, updated: 0, created: 0, closed: 0 });
    expect(await t.db.slot.findUniqueOrThrow({ where: { id: closed!.id } })).toMatchObject({ isAvailable: false });
    expect(await t.db.slot.findUniqueOrThrow({ where: { id: moved!.id } })).toMatchObject({ priceCents: 2500 });
  });

  it("a new meeting length replaces free slots, and a new fee updates free slots but not booked ones", async () => {
    await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
    const [booked] = await nonMondaySlots();
    await book(booked!.id, "CONFIRMED");
    const report = await applyScheduleSync({ ...DEFAULT_SCHEDULE, durationMinutes: 30 }, NOW);
    expect(report.kept.map((k) => k.slotId)).toEqual([booked!.id]);
    const rows = await slotRows();
    expect(rows.filter((r) => r.durationMinutes === 60).map((r) => r.id)).toEqual([booked!.id]);
    // The two half hours of the booked hour are skipped: they overlap the kept slot.
    expect(report.blocked).toBe(2);

    const fee = await applyScheduleSync({ ...DEFAULT_SCHEDULE, durationMinutes: 30, priceCents: 0 }, NOW);
    expect(fee.updated).toBe(rows.length - 1);
    expect(await t.db.slot.findUniqueOrThrow({ where: { id: booked!.id } })).toMatchObject({ priceCents: 1000 });
    expect((await slotRows()).filter((r) => r.id !== booked!.id).every((r) => r.priceCents === 0 && !r.requiresPayment)).toBe(true);
  });

  it("the job step leaves a database with only manual slots alone until a schedule is saved", async () => {
    await t.db.slot.create({
      data: { startsAt: new Date("2027-01-16T15:00:00Z"), durationMinutes: 60, priceCents: 500, currency: "usd", methods: ["ZOOM"] },
    });
    expect(await syncScheduleSlotsIfManaged(NOW)).toEqual({ skipped: "no_schedule" });
    expect(await seedDefaultSlotsIfEmpty(NOW)).toBeNull();
    await t.db.$transaction((tx) => saveWeeklySchedule(tx, actor, mondaysOnly));
    const report = await syncScheduleSlotsIfManaged(NOW);
    expect(report).toMatchObject({ created: 12 }); // 4 Mondays in the window, 3 slots each
  });

  it("the first-start seed fills an empty database from the schedule", async () => {
    const report = await seedDefaultSlotsIfEmpty(NOW);
    expect(report?.created).toBeGreaterThan(100);
    expect(await seedDefaultSlotsIfEmpty(NOW)).toBeNull();
  });
});

describe("syncScheduleSlots under concurrency", () => {
  it("two syncs racing create each slot once", async () => {
    const [a, b] = await Promise.all([applyScheduleSync(DEFAULT_SCHEDULE, NOW), applyScheduleSync(DEFAULT_SCHEDULE, NOW)]);
    const rows = await slotRows();
    expect(a.created + b.created).toBe(rows.length);
    expect(new Set(rows.map((r) => r.startsAt.getTime())).size).toBe(rows.length);
  });

  it("a sync racing a hold never closes or deletes the slot the hold got", async () => {
    for (let round = 0; round < 8; round++) {
      await t.db.$executeRawUnsafe(`TRUNCATE "Booking", "Slot" CASCADE`);
      await applyScheduleSync(DEFAULT_SCHEDULE, NOW);
      const [target] = await nonMondaySlots();
      const [hold, sync] = await Promise.allSettled([
        placeHold(bookingRequest(target!.id, { email: `race-${round}@example.com` }), { now: NOW }),
        applyScheduleSync(mondaysOnly, NOW),
      ]);
      expect(sync.status).toBe("fulfilled");
      const slot = await t.db.slot.findUnique({ where: { id: target!.id }, include: { bookings: true } });
      if (hold.status === "fulfilled") {
        // The hold won: its slot stays open and the sync says it was kept.
        expect(slot).toMatchObject({ isAvailable: true });
        expect(slot!.bookings).toHaveLength(1);
        const kept = (await previewScheduleSync(mondaysOnly, NOW)).kept.map((k) => k.slotId);
        expect(kept).toContain(target!.id);
      } else {
        expect(hold.reason).toMatchObject({ code: "slot_unavailable" });
        expect(slot?.bookings ?? []).toHaveLength(0);
        expect(slot === null || !slot.isAvailable).toBe(true);
      }
    }
  });
});
