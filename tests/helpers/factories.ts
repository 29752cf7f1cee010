import { addHours } from "date-fns";
import type { Db } from "@/lib/db";
import type { BookingRequest } from "@/lib/booking/schemas";
import type { MeetingMethodName } from "@/lib/meeting-methods";

let hourOffset = 0;

/** A bookable slot (default: tomorrow-ish, $10, all methods), each on its own hour. */
export async function createSlot(
  db: Db,
  overrides: Partial<{
    startsAt: Date;
    durationMinutes: number;
    priceCents: number;
    requiresPayment: boolean;
    isAvailable: boolean;
    methods: MeetingMethodName[];
  }> = {},
) {
  hourOffset += 2;
  const startsAt = overrides.startsAt ?? addHours(new Date(), 48 + hourOffset);
  startsAt.setUTCMinutes(0, 0, 0);
  return db.slot.create({
    data: {
      startsAt,
      durationMinutes: overrides.durationMinutes ?? 60,
      priceCents: overrides.priceCents ?? 1000,
      currency: "usd",
      requiresPayment: overrides.requiresPayment ?? (overrides.priceCents ?? 1000) > 0,
      isAvailable: overrides.isAvailable ?? true,
      methods: overrides.methods ?? ["ZOOM", "TEAMS", "PHONE", "GOOGLE_MEET"],
    },
  });
}

export function bookingRequest(slotId: string, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    slotId,
    method: "ZOOM",
    name: "Ada Lovelace",
    email: "ada@example.com",
    timeZone: "Europe/London",
    ...overrides,
  } as BookingRequest;
}
