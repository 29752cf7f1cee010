import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { offeredMethods } from "@/lib/meetings/rooms";
import type { Settings } from "@/lib/settings/settings";
import { isSettledBooking } from "@/lib/status/booking-status";
import { bookingWindow } from "./availability";
import { bookingRules, meetingGap, plural } from "./rules";
import { calendarFreeWithBuffersSql, ruleColumnsSql, type RuleColumns } from "./rules-sql";

// Why a slot is not offered to visitors, for the admin (defect 7: a slot inside the
// minimum notice vanished without a word). The same rules as availability's query: its
// window (bookingWindow), the offered methods, the blocking bookings, and the rules that
// look at other bookings or the calendars, read with the very SQL the listing uses
// (rules-sql.ts); a test checks that the two agree slot by slot.

export type UnbookableReason =
  "past" | "notice" | "beyond_window" | "closed" | "no_method" | "booked" | "held" | "calendar_busy" | "buffer" | "day_cap" | "week_cap";

export type BookabilitySlot = {
  id?: string;
  startsAt: Date;
  isAvailable: boolean;
  methods: readonly string[];
  bookings: readonly { status: string; holdExpiresAt: Date | null }[];
};

/** What the database says about a slot's cross-booking rules and calendars (slotRuleVerdicts). */
export type RuleVerdicts = Omit<RuleColumns, "emailFree"> & { calendarFree: boolean };

/** Null when visitors can book the slot now; otherwise the first rule that hides it. */
export function unbookableReason(slot: BookabilitySlot, now: Date, s: Settings, verdicts?: RuleVerdicts): UnbookableReason | null {
  const window = bookingWindow(now, s);
  if (slot.bookings.some((b) => isSettledBooking(b.status))) return "booked";
  if (slot.bookings.some((b) => b.status === "PENDING_PAYMENT" && b.holdExpiresAt && b.holdExpiresAt > now)) return "held";
  if (slot.startsAt <= now) return "past";
  if (!slot.isAvailable) return "closed";
  if (slot.startsAt < window.from) return "notice";
  if (slot.startsAt >= window.to) return "beyond_window";
  const offered = offeredMethods(s);
  if (!slot.methods.some((m) => (offered as readonly string[]).includes(m))) return "no_method";
  if (verdicts && !verdicts.calendarFree) return "calendar_busy";
  if (verdicts && !verdicts.bufferFree) return "buffer";
  if (verdicts && !verdicts.dayFree) return "day_cap";
  if (verdicts && !verdicts.weekFree) return "week_cap";
  return null;
}

/** The verdicts for these slots (or a would-be slot's times, see slot-admin), one query. */
export async function slotRuleVerdicts(db: DbOrTx, slotIds: readonly string[], s: Settings, now: Date): Promise<Map<string, RuleVerdicts>> {
  if (slotIds.length === 0) return new Map();
  const rules = bookingRules(s);
  const rows = await db.$queryRaw<({ id: string } & RuleVerdicts)[]>`
    SELECT s."id", ${ruleColumnsSql(rules, { now })}, ${calendarFreeWithBuffersSql(rules, now)} AS "calendarFree"
    FROM "Slot" s WHERE s."id" = ANY(${[...slotIds]}::uuid[])`;
  return new Map(rows.map(({ id, bufferFree, dayFree, weekFree, calendarFree }) => [id, { bufferFree, dayFree, weekFree, calendarFree }]));
}

/** The reason as the admin reads it, with the setting to change where there is one. */
export function unbookableExplanation(reason: UnbookableReason, s: Settings): string {
  switch (reason) {
    case "past":
      return "Past: it has started.";
    case "notice":
      return `Hidden from visitors: inside the minimum notice of ${s.MIN_NOTICE_MINUTES} minutes (MIN_NOTICE_MINUTES).`;
    case "beyond_window":
      return `Hidden from visitors until it is within ${s.BOOKING_WINDOW_DAYS} days (BOOKING_WINDOW_DAYS).`;
    case "closed":
      return "Closed: open it to offer it to visitors.";
    case "no_method":
      return "Hidden from visitors: none of its meeting methods is offered on this server (configure a room URL or add a method).";
    case "booked":
      return "Booked.";
    case "held":
      return "Held by a visitor who is paying or confirming.";
    case "calendar_busy":
      return "Hidden from visitors: your connected calendar is busy at this time or within its buffers (BUFFER_BEFORE_MINUTES, BUFFER_AFTER_MINUTES).";
    case "buffer":
      return `Hidden from visitors: within ${meetingGap(bookingRules(s))} minutes of another booking (BUFFER_BEFORE_MINUTES, BUFFER_AFTER_MINUTES).`;
    case "day_cap":
      return `Hidden from visitors: that day already has ${plural(s.MAX_BOOKINGS_PER_DAY, "booking")}, the daily cap (MAX_BOOKINGS_PER_DAY).`;
    case "week_cap":
      return `Hidden from visitors: that week already has ${plural(s.MAX_BOOKINGS_PER_WEEK, "booking")}, the weekly cap (MAX_BOOKINGS_PER_WEEK).`;
  }
}

/** Each slot's reason (null = offered), for a page that lists slots with their bookings. */
export async function slotReasons(
  slots: readonly (BookabilitySlot & { id: string })[],
  s: Settings,
  now: Date,
  db?: DbOrTx,
): Promise<Map<string, UnbookableReason | null>> {
  const verdicts = await slotRuleVerdicts(
    db ?? (await getDb()),
    slots.map((slot) => slot.id),
    s,
    now,
  );
  return new Map(slots.map((slot) => [slot.id, unbookableReason(slot, now, s, verdicts.get(slot.id))]));
}
