import "server-only";
import { env } from "@/lib/env";
import { offeredMethods } from "@/lib/meetings/rooms";
import { isSettledBooking } from "@/lib/status/booking-status";
import { bookingWindow } from "./availability";

// Why a slot is not offered to visitors, for the admin (defect 7: a slot inside the
// minimum notice vanished without a word). The same rules as availability's query: its
// window (bookingWindow), the offered methods and the blocking bookings; a test checks
// that the two agree slot by slot.

export type UnbookableReason = "past" | "notice" | "beyond_window" | "closed" | "no_method" | "booked" | "held";

export type BookabilitySlot = {
  startsAt: Date;
  isAvailable: boolean;
  methods: readonly string[];
  bookings: readonly { status: string; holdExpiresAt: Date | null }[];
};

/** Null when visitors can book the slot now; otherwise the first rule that hides it. */
export function unbookableReason(slot: BookabilitySlot, now: Date): UnbookableReason | null {
  const window = bookingWindow(now);
  if (slot.bookings.some((b) => isSettledBooking(b.status))) return "booked";
  if (slot.bookings.some((b) => b.status === "PENDING_PAYMENT" && b.holdExpiresAt && b.holdExpiresAt > now)) return "held";
  if (slot.startsAt <= now) return "past";
  if (!slot.isAvailable) return "closed";
  if (slot.startsAt < window.from) return "notice";
  if (slot.startsAt >= window.to) return "beyond_window";
  const offered = offeredMethods(env());
  if (!slot.methods.some((m) => (offered as readonly string[]).includes(m))) return "no_method";
  return null;
}

/** The reason as the admin reads it, with the setting to change where there is one. */
export function unbookableExplanation(reason: UnbookableReason): string {
  const e = env();
  switch (reason) {
    case "past":
      return "Past: it has started.";
    case "notice":
      return `Hidden from visitors: inside the minimum notice of ${e.MIN_NOTICE_MINUTES} minutes (MIN_NOTICE_MINUTES).`;
    case "beyond_window":
      return `Hidden from visitors until it is within ${e.BOOKING_WINDOW_DAYS} days (BOOKING_WINDOW_DAYS).`;
    case "closed":
      return "Closed: open it to offer it to visitors.";
    case "no_method":
      return "Hidden from visitors: none of its meeting methods is offered on this server (configure a room URL or add a method).";
    case "booked":
      return "Booked.";
    case "held":
      return "Held by a visitor who is paying or confirming.";
  }
}
