import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { DEFAULT_SCHEDULE } from "@/lib/booking/slot-generator";
import { loadSchedule, removeDateOverride, saveDateOverride, saveWeeklySchedule } from "./schedule-store";

const t = useTestDatabase();
const actor = { id: null, email: "owner@example.com" };

describe("schedule store", () => {
  it("is the default until saved, then the saved value, audited", async () => {
    expect(await loadSchedule()).toEqual({ ...DEFAULT_SCHEDULE, saved: false });
    const weekly = {
      ...DEFAULT_SCHEDULE,
      durationMinutes: 30,
      weekly: [
        { weekday: 6 as const, startMinute: 600, endMinute: 720 },
        { weekday: 1 as const, startMinute: 540, endMinute: 600 },
      ],
    };
    await t.db.$transaction((tx) => saveWeeklySchedule(tx, actor, weekly));
    const saved = await loadSchedule();
    expect(saved).toMatchObject({ saved: true, durationMinutes: 30 });
    expect(saved.weekly.map((r) => r.weekday)).toEqual([1, 6]);
    expect(await t.db.auditLog.findFirstOrThrow()).toMatchObject({ action: "schedule.save", entityType: "setting", entityId: "schedule" });
  });

  it("keeps date overrides apart from the weekly hours; no ranges is a day off", async () => {
    await t.db.$transaction((tx) => saveDateOverride(tx, actor, { date: "2027-01-18", ranges: [], note: "Holiday" }));
    await t.db.$transaction((tx) => saveDateOverride(tx, actor, { date: "2027-01-23", ranges: [{ startMinute: 600, endMinute: 660 }] }));
    expect((await loadSchedule()).overrides).toEqual([
      { date: "2027-01-18", note: "Holiday", ranges: [] },
      { date: "2027-01-23", note: null, ranges: [{ startMinute: 600, endMinute: 660 }] },
    ]);
    expect(await t.db.$transaction((tx) => removeDateOverride(tx, actor, "2027-01-18"))).toBe(true);
    expect(await t.db.$transaction((tx) => removeDateOverride(tx, actor, "2027-01-18"))).toBe(false);
    expect((await loadSchedule()).overrides.map((o) => o.date)).toEqual(["2027-01-23"]);
  });

  it("the database refuses backwards, out-of-day and overlapping ranges", async () => {
    const range = (weekday: number, startMinute: number, endMinute: number) =>
      t.db.scheduleRange.create({ data: { weekday, startMinute, endMinute } });
    await expect(range(1, 600, 540)).rejects.toThrow(/ScheduleRange_within_day/);
    await expect(range(1, 1400, 1500)).rejects.toThrow(/ScheduleRange_within_day/);
    await expect(range(8, 540, 600)).rejects.toThrow(/ScheduleRange_weekday/);
    await range(1, 540, 720);
    await expect(range(1, 700, 800)).rejects.toThrow(/ScheduleRange_no_overlap/);
    await range(1, 720, 800); // touching is fine
    await range(2, 540, 720); // the same hours on another day are fine
    await range(7, 1380, 1440);
    await range(1, 0, 60); // Sunday's evening and Monday's morning do not touch

    await t.db.scheduleOverride.create({ data: { date: new Date("2027-01-18T00:00:00Z") } });
    await t.db.scheduleOverrideRange.create({ data: { date: new Date("2027-01-18T00:00:00Z"), startMinute: 540, endMinute: 600 } });
    await expect(
      t.db.scheduleOverrideRange.create({ data: { date: new Date("2027-01-18T00:00:00Z"), startMinute: 570, endMinute: 630 } }),
    ).rejects.toThrow(/ScheduleOverrideRange_no_overlap/);
  });
});
