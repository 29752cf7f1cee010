// Booking status rules, defined once (ADR 068). Pure and client-safe. Raw SQL builds its lists
// with sqlList(); booking-status.test.ts proves the migration's partial index uses the same set.

/** Statuses that occupy a slot: the predicate of the index "Booking_one_live_per_slot". */
export const LIVE_BOOKING_STATUSES = ["PENDING_PAYMENT", "CONFIRMED", "COMPLETED", "NO_SHOW"] as const;
/** Live bookings past the hold: confirmed, and what a confirmed booking becomes. */
export const SETTLED_BOOKING_STATUSES = ["CONFIRMED", "COMPLETED", "NO_SHOW"] as const;
/** Bookings a cancel may still move to CANCELLED. */
export const CANCELLABLE_BOOKING_STATUSES = ["PENDING_PAYMENT", "CONFIRMED"] as const;

export const isLiveBooking = (status: string) => (LIVE_BOOKING_STATUSES as readonly string[]).includes(status);
export const isSettledBooking = (status: string) => (SETTLED_BOOKING_STATUSES as readonly string[]).includes(status);
export const isCancellableBooking = (status: string) => (CANCELLABLE_BOOKING_STATUSES as readonly string[]).includes(status);

/** `'A', 'B'` for a raw SQL IN list or index predicate (constants only, never input). */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");
}
