import { addDays, addHours, addMinutes } from "date-fns";
import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { createSlot } from "@/tests/helpers/factories";
import { newBookingId } from "@/lib/booking/ids";
import type { BookingStatus } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { settings } from "@/lib/settings/settings";
import { listAvailableDates } from "./availability";
import { unbookableExplanation, unbookableReason, type UnbookableReason } from "./bookability";
import { createSlot as adminCreateSlot, slotInputSchema } from "./slot-admin";

// Only PHONE and ZOOM are offered here, so a Teams-only slot has no offered method.
const offered = vi.hoisted(() => ({ methods: ["PHONE", "ZOOM"] }));
vi.mock("@/lib/meetings/rooms", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/meetings/rooms")>()),
  offeredMethods: () => offered.methods,
}));

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };

async function book(slotId: string, status: BookingStatus, holdExpiresAt: Date | null) {
  await t.db.booking.create({
    data: {
      id: newBookingId(),
      slotId,
      status,
      holdExpiresAt,
      confirmedAt: status === "CONFIRMED" ? new Date() : null,
      method: "ZOOM",
      name: "B",
      email: "b@example.com",
      timeZone: "UTC",
    },
  });
}

describe("why a slot is not bookable", () => {
  it("gives one reason per hidden slot, and none exactly for the slots visitors see", async () => {
    const now = new Date();
    const e = env();
    const at = (minutes: number) => addMinutes(now, minutes);
    const cases: [UnbookableReason | null, Awaited<ReturnType<typeof createSlot>>][] = [
      [null, await createSlot(t.db, { startsAt: addHours(now, 48), methods: ["ZOOM", "TEAMS"] })],
      ["past", await createSlot(t.db, { startsAt: at(-90) })],
      ["notice", await createSlot(t.db, { startsAt: at(e.MIN_NOTICE_MINUTES - 30) })],
      [null, await createSlot(t.db, { startsAt: at(e.MIN_NOTICE_MINUTES + 60) })],
      ["beyond_window", await createSlot(t.db, { startsAt: addHours(addDays(now, e.BOOKING_WINDOW_DAYS), 2) })],
      ["closed", await createSlot(t.db, { startsAt: addHours(now, 52), isAvailable: false })],
      ["no_method", await createSlot(t.db, { startsAt: addHours(now, 56), methods: ["TEAMS"] })],
    ];
    const booked = await createSlot(t.db, { startsAt: addHours(now, 60) });
    await book(booked.id, "CONFIRMED", null);
    const held = await createSlot(t.db, { startsAt: addHours(now, 64) });
    await book(held.id, "PENDING_PAYMENT", addMinutes(now, 10));
    const lapsed = await createSlot(t.db, { startsAt: addHours(now, 68) });
    await book(lapsed.id, "PENDING_PAYMENT", addMinutes(now, -1));
    cases.push(["booked", booked], ["held", held], [null, lapsed]);

    const visible = new Set((await listAvailableDates(now)).flatMap((d) => d.slots.map((s) => s.id)));
    for (const [expected, slot] of cases) {
      const withBookings = await t.db.slot.findUniqueOrThrow({ where: { id: slot.id }, include: { bookings: true } });
      const reason = unbookableReason(withBookings, now, await settings(t.db));
      expect({ at: slot.startsAt.toISOString(), reason }).toEqual({ at: slot.startsAt.toISOString(), reason: expected });
      // The same rules as what visitors are shown.
      expect(visible.has(slot.id)).toBe(reason === null);
    }
    expect(unbookableExplanation("notice", await settings(t.db))).toContain(`${e.MIN_NOTICE_MINUTES} minutes`);
  });

  it("warns the admin when a slot just created will be hidden from visitors", async () => {
    const tz = env().BUSINESS_TIME_ZONE;
    const soon = addMinutes(new Date(), 30);
    const dateKey = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(soon);
    const time = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(soon);
    const input = slotInputSchema.parse({ date: dateKey, time, durationMinutes: "30", methods: ["ZOOM"], amount: "0", isAvailable: "on" });
    const created = await adminCreateSlot(actor, input, tz);
    expect(created.hiddenBecause).toMatch(/minimum notice/);

    const later = { ...input, date: new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(addDays(new Date(), 3)) };
    expect((await adminCreateSlot(actor, later, tz)).hiddenBecause).toBeNull();
  });
});
