import { addDays, subDays } from "date-fns";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { settings } from "@/lib/settings/settings";
import { updateSettings } from "./update-settings";

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("settings()", () => {
  it("a saved override applies on the next call, without a restart", async () => {
    expect((await settings()).HOLD_MINUTES).toBe(10);
    await updateSettings(actor, { HOLD_MINUTES: "25", BUSINESS_NAME: "Acme Advisory" });
    const s = await settings();
    expect(s.HOLD_MINUTES).toBe(25);
    expect(s.BUSINESS_NAME).toBe("Acme Advisory");
  });

  it("a row written directly (another instance) is read on the next call", async () => {
    await t.db.businessSetting.create({ data: { key: "BOOKING_WINDOW_DAYS", value: 14 } });
    expect((await settings()).BOOKING_WINDOW_DAYS).toBe(14);
  });

  it("an invalid stored value falls back to the environment's", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await t.db.businessSetting.create({ data: { key: "HOLD_MINUTES", value: 100000 } });
    expect((await settings()).HOLD_MINUTES).toBe(10);
  });

  it("a locked name ignores its stored value and refuses writes", async () => {
    vi.stubEnv("LOCKED_SETTINGS", "HOLD_MINUTES");
    resetEnvCache();
    await t.db.businessSetting.create({ data: { key: "HOLD_MINUTES", value: 30 } });
    expect((await settings()).HOLD_MINUTES).toBe(10);
    await expect(updateSettings(actor, { HOLD_MINUTES: "40" })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { HOLD_MINUTES: [expect.stringMatching(/Locked by the operator/)] },
    });
    expect((await t.db.businessSetting.findUniqueOrThrow({ where: { key: "HOLD_MINUTES" } })).value).toBe(30);
  });
});

describe("updateSettings", () => {
  it("writes the row and an audit entry with before and after", async () => {
    const result = await updateSettings(actor, { MIN_NOTICE_MINUTES: "60", BUFFER_AFTER_MINUTES: "0" });
    // BUFFER_AFTER_MINUTES was already 0: not written, not audited.
    expect(result.changed).toEqual(["MIN_NOTICE_MINUTES"]);
    expect(await t.db.businessSetting.findMany({ select: { key: true, value: true, updatedBy: true } })).toEqual([
      { key: "MIN_NOTICE_MINUTES", value: 60, updatedBy: "owner@example.com" },
    ]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityType: "setting" } });
    expect(audit).toMatchObject({
      action: "setting.update",
      entityId: "MIN_NOTICE_MINUTES",
      actorEmail: "owner@example.com",
      before: { value: 120 },
      after: { value: 60 },
    });
  });

  it("bad input: a message per field and nothing changes", async () => {
    await updateSettings(actor, { HOLD_MINUTES: "20" });
    const auditsBefore = await t.db.auditLog.count();
    await expect(
      updateSettings(actor, {
        HOLD_MINUTES: "30",
        BOOKING_WINDOW_DAYS: "0",
        ADMIN_NOTIFY_EMAIL: "not-an-email",
        BUSINESS_NAME: "",
        REFUND_POLICY: "sometimes",
        MEETING_METHODS_ENABLED: "ZOOM,FAX",
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: {
        BOOKING_WINDOW_DAYS: [expect.any(String)],
        ADMIN_NOTIFY_EMAIL: [expect.any(String)],
        BUSINESS_NAME: ["Enter a value, or reset it to the default."],
        REFUND_POLICY: [expect.any(String)],
        MEETING_METHODS_ENABLED: [expect.any(String)],
      },
    });
    expect((await settings()).HOLD_MINUTES).toBe(20);
    expect(await t.db.auditLog.count()).toBe(auditsBefore);
  });

  it("an optional value can be cleared, and reset deletes the row", async () => {
    vi.stubEnv("ADMIN_NOTIFY_EMAIL", "ops@example.com");
    resetEnvCache();
    await updateSettings(actor, { ADMIN_NOTIFY_EMAIL: "" });
    expect((await settings()).ADMIN_NOTIFY_EMAIL).toBeUndefined();
    await updateSettings(actor, { ADMIN_NOTIFY_EMAIL: null });
    expect((await settings()).ADMIN_NOTIFY_EMAIL).toBe("ops@example.com");
    expect(await t.db.businessSetting.count()).toBe(0);
    expect((await t.db.auditLog.findMany({ orderBy: { createdAt: "asc" } })).map((a) => a.action)).toEqual([
      "setting.update",
      "setting.reset",
    ]);
  });

  it("the embed's allowed sites: a list of origins, refused when not origins, and clearable to none", async () => {
    vi.stubEnv("EMBED_ALLOWED_ORIGINS", "https://www.example.com");
    resetEnvCache();
    await expect(updateSettings(actor, { EMBED_ALLOWED_ORIGINS: "https://shop.example.com/booking" })).rejects.toMatchObject({
      fieldErrors: { EMBED_ALLOWED_ORIGINS: [expect.stringMatching(/not plain origins/)] },
    });
    await updateSettings(actor, { EMBED_ALLOWED_ORIGINS: "https://a.example.com, https://b.example.com" });
    expect((await settings()).EMBED_ALLOWED_ORIGINS).toEqual(["https://a.example.com", "https://b.example.com"]);
    await updateSettings(actor, { EMBED_ALLOWED_ORIGINS: "" });
    expect((await settings()).EMBED_ALLOWED_ORIGINS).toEqual([]);
  });

  it("refuses a time zone change while future live bookings exist, with the count", async () => {
    const now = new Date();
    await seedBooking(t.db, { status: "CONFIRMED", startsAt: addDays(now, 3) });
    await seedBooking(t.db, { status: "CONFIRMED", startsAt: addDays(now, 4) });
    await seedBooking(t.db, { status: "CANCELLED", startsAt: addDays(now, 5) });
    await expect(updateSettings(actor, { BUSINESS_TIME_ZONE: "Europe/Paris", HOLD_MINUTES: "15" }, now)).rejects.toMatchObject({
      fieldErrors: {
        BUSINESS_TIME_ZONE: [expect.stringMatching(/^2 upcoming bookings are live\. .*confirmed to visitors in America\/New_York/)],
      },
    });
    // Nothing of the save went through, not even the valid field.
    expect(await t.db.businessSetting.count()).toBe(0);
    expect(await t.db.auditLog.count()).toBe(0);
  });

  it("allows a time zone change when only past or cancelled bookings exist", async () => {
    const now = new Date();
    await seedBooking(t.db, { status: "COMPLETED", startsAt: subDays(now, 3) });
    await seedBooking(t.db, { status: "CANCELLED", startsAt: addDays(now, 5) });
    await updateSettings(actor, { BUSINESS_TIME_ZONE: "Europe/Paris" }, now);
    expect((await settings()).BUSINESS_TIME_ZONE).toBe("Europe/Paris");
  });

  it("two admins saving at once: both changes land and each is audited against the other's result", async () => {
    await Promise.all([
      updateSettings({ id: "a", email: "a@example.com" }, { HOLD_MINUTES: "20" }),
      updateSettings({ id: "b", email: "b@example.com" }, { HOLD_MINUTES: "30" }),
    ]);
    const audits = await t.db.auditLog.findMany({ where: { entityId: "HOLD_MINUTES" } });
    expect(audits).toHaveLength(2);
    // Whichever went second saw the first one's result as its "before": the trail has no gap.
    const first = audits.find((a) => (a.before as { value: number }).value === 10)!;
    const second = audits.find((a) => a !== first)!;
    expect(second.before).toEqual(first.after);
    expect((await settings()).HOLD_MINUTES).toBe((second.after as { value: number }).value);
  });
});
