import type { Db } from "@/lib/db";
import type { BookingStatus } from "@/lib/db/generated/enums";
import { newBookingId } from "@/lib/booking/ids";
import type { SettingName } from "@/lib/env";
import { isSettledBooking } from "@/lib/status/booking-status";

// Fixtures for the booking-rule tests: a stored setting, a slot at an exact instant, and a
// booking written straight into a status (no payment flow), all on an explicit clock.

export async function setRule(db: Db, key: SettingName, value: unknown): Promise<void> {
  await db.businessSetting.upsert({ where: { key }, create: { key, value: value as never }, update: { value: value as never } });
}

export async function slotAt(db: Db, iso: string, durationMinutes = 60) {
  return db.slot.create({
    data: { startsAt: new Date(iso), durationMinutes, priceCents: 0, currency: "usd", requiresPayment: false, methods: ["ZOOM", "PHONE"] },
  });
}

export async function bookingOn(
  db: Db,
  slotId: string,
  status: BookingStatus = "CONFIRMED",
  options: { email?: string; holdExpiresAt?: Date | null } = {},
) {
  return db.booking.create({
    data: {
      id: newBookingId(),
      slotId,
      status,
      holdExpiresAt: options.holdExpiresAt ?? null,
      confirmedAt: isSettledBooking(status) ? new Date() : null,
      method: "ZOOM",
      name: "Booked Visitor",
      email: options.email ?? "booked@example.com",
      timeZone: "UTC",
    },
  });
}
