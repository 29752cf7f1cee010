import { addDays, addHours } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { formatInZone } from "@/lib/time-zones";
import { newBookingId } from "./ids";
import { planSlots } from "./slot-generator";
import { OVERLAP_MESSAGE, bulkGenerateSlots, createSlot, deleteSlot, setSlotAvailability, slotInputSchema, updateSlot } from "./slot-admin";

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };
const TZ = "America/New_York";

function input(overrides: Record<string, unknown> = {}) {
  return slotInputSchema.parse({
    date: formatInZone(addDays(new Date(), 5), TZ, "yyyy-MM-dd"),
    time: "10:00",
    durationMinutes: "60",
    methods: ["ZOOM", "PHONE"],
    requiresPayment: "on",
    amount: "25.00",
    isAvailable: "on",
    ...overrides,
  });
}

describe("slot admin", () => {
  it("creates a slot at the business-local time, with an audit entry in the same transaction", async () => {
    const { id } = await createSlot(actor, input(), TZ);
    const slot = await t.db.slot.findUniqueOrThrow({ where: { id } });
    expect(formatInZone(slot.startsAt, TZ, "HH:mm")).toBe("10:00");
    expect(slot.priceCents).toBe(2500);
    expect(slot.methods).toEqual(["ZOOM", "PHONE"]);
    const audit = await t.db.auditLog.findFirstOrThrow();
    expect(audit).toMatchObject({ action: "slot.create", entityId: id, actorEmail: actor.email });
  });

  it("refuses an overlapping slot with a clear message (the exclusion constraint decides)", async () => {
    await createSlot(actor, input(), TZ);
    await expect(createSlot(actor, input({ time: "10:30" }), TZ)).rejects.toMatchObject({ code: "conflict", message: OVERLAP_MESSAGE });
    await expect(createSlot(actor, input({ time: "10:00" }), TZ)).rejects.toMatchObject({ code: "conflict" });
    await createSlot(actor, input({ time: "11:00" }), TZ);
    expect(await t.db.slot.count()).toBe(2);
    expect(await t.db.auditLog.count()).toBe(2);
  });

  it("validates the form: methods, amounts, free slots", () => {
    expect(slotInputSchema.safeParse({ ...input(), methods: [] }).success).toBe(false);
    expect(
      slotInputSchema.safeParse({ date: "2030-01-01", time: "10:00", durationMinutes: "60", methods: "ZOOM", amount: "abc" }).success,
    ).toBe(false);
    const free = slotInputSchema.parse({ date: "2030-01-01", time: "10:00", durationMinutes: "60", methods: "ZOOM", amount: "" });
    expect(free).toMatchObject({ amount: 0, requiresPayment: false, isAvailable: false, methods: ["ZOOM"] });
  });

  it("refuses a wall-clock time skipped by a daylight-saving change", async () => {
    await expect(createSlot(actor, input({ date: "2030-03-10", time: "02:30" }), TZ)).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("edits and deletes a slot with no live booking, and refuses both while one holds it", async () => {
    const { id } = await createSlot(actor, input(), TZ);
    await updateSlot(actor, id, input({ time: "14:00", amount: "30.00" }), TZ);
    const edited = await t.db.slot.findUniqueOrThrow({ where: { id } });
    expect(formatInZone(edited.startsAt, TZ, "HH:mm")).toBe("14:00");
    expect(edited.priceCents).toBe(3000);

    const { slot } = await seedBooking(t.db, { status: "CONFIRMED" });
    await expect(updateSlot(actor, slot.id, input({ time: "16:00" }), TZ)).rejects.toMatchObject({ code: "conflict" });
    await expect(deleteSlot(actor, slot.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await t.db.slot.findUnique({ where: { id: slot.id } })).not.toBeNull();

    await deleteSlot(actor, id);
    expect(await t.db.slot.findUnique({ where: { id } })).toBeNull();
    const actions = (await t.db.auditLog.findMany({ orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["slot.create", "slot.update", "slot.delete"]);
  });

  it("keeps a slot whose bookings were cancelled (their history), with a clear message", async () => {
    const { slot } = await seedBooking(t.db, { status: "CANCELLED" });
    await updateSlot(actor, slot.id, input(), TZ);
    await expect(deleteSlot(actor, slot.id)).rejects.toMatchObject({ code: "conflict", message: /past bookings/ });
  });

  it("refuses an edit that would overlap another slot", async () => {
    const { id: a } = await createSlot(actor, input({ time: "09:00" }), TZ);
    await createSlot(actor, input({ time: "11:00" }), TZ);
    await expect(updateSlot(actor, a, input({ time: "10:30" }), TZ)).rejects.toMatchObject({ message: OVERLAP_MESSAGE });
  });

  it("toggles availability even when booked (the booking is untouched)", async () => {
    const { slot, booking } = await seedBooking(t.db, { status: "CONFIRMED" });
    await setSlotAvailability(actor, slot.id, false);
    expect((await t.db.slot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(false);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
    const audit = await t.db.auditLog.findFirstOrThrow();
    expect(audit).toMatchObject({ action: "slot.close", before: { isAvailable: true }, after: { isAvailable: false } });
  });

  it("bulk-generates exactly the slots the seed script plans, and is idempotent", async () => {
    const now = new Date();
    const form = { days: 5, startHour: 9, endHour: 12, durationMinutes: 60, amount: 1500, methods: ["ZOOM" as const] };
    const first = await bulkGenerateSlots(actor, form, TZ, now);
    const planned = planSlots({ ...form, priceCents: 1500, currency: "usd", timeZone: TZ }, now).filter((s) => s.startsAt > now);
    expect(first.created).toBe(planned.length);
    const stored = await t.db.slot.findMany({ orderBy: { startsAt: "asc" } });
    expect(stored.map((s) => s.startsAt.toISOString())).toEqual(planned.map((s) => s.startsAt.toISOString()));
    const again = await bulkGenerateSlots(actor, form, TZ, now);
    expect(again).toMatchObject({ created: 0, existing: planned.length });
    expect(await t.db.auditLog.count({ where: { action: "slot.bulk_generate" } })).toBe(2);
  });

  it("reports the plan schema's errors with the form's labels", async () => {
    const bad = { days: 0, startHour: 12, endHour: 9, durationMinutes: 60, amount: 0, methods: ["ZOOM" as const] };
    await expect(bulkGenerateSlots(actor, bad, TZ)).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { days: ["Days must be at least 1."], endHour: ["End hour must be after Start hour."] },
    });
  });

  it("an edit waits for a hold being placed on the slot, then refuses (no read-then-write gap)", async () => {
    const { id } = await createSlot(actor, input(), TZ);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    // A hold in flight: its booking row exists but is not committed yet.
    const hold = t.db.$transaction(
      async (tx) => {
        await tx.booking.create({
          data: {
            id: newBookingId(),
            slotId: id,
            status: "PENDING_PAYMENT",
            holdExpiresAt: addHours(new Date(), 1),
            method: "ZOOM",
            name: "Racer",
            email: "r@example.com",
            timeZone: TZ,
          },
        });
        inserted();
        await gate;
      },
      { timeout: 30_000 },
    );
    await insertedSignal;
    const edit = updateSlot(actor, id, input({ time: "15:00" }), TZ);
    const outcome = edit.then(
      () => "edited",
      () => "refused",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await hold;
    expect(await outcome).toBe("refused");
    await expect(edit).rejects.toMatchObject({ code: "conflict" });
    expect(formatInZone((await t.db.slot.findUniqueOrThrow({ where: { id } })).startsAt, TZ, "HH:mm")).toBe("10:00");
  });
});
