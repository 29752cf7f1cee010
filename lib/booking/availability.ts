import "server-only";
import { addDays, addMinutes } from "date-fns";
import { getDb, type DbOrTx } from "@/lib/db";
import { env } from "@/lib/env";
import { localDateKey, localDayBounds } from "@/lib/time-zones";
import { offeredMethods } from "@/lib/meetings/rooms";
import type { MeetingMethodName } from "./methods";
import type { Prisma } from "@/lib/db/generated/client";

export type AvailableSlot = {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  requiresPayment: boolean;
  methods: MeetingMethodName[];
};

export type AvailableDate = { date: string; slots: AvailableSlot[] };

/** Statuses that occupy a slot for good; a PENDING_PAYMENT hold occupies it until it expires. */
export const SETTLED_LIVE_STATUSES = ["CONFIRMED", "COMPLETED", "NO_SHOW"] as const;

/** Bookings that block a slot at `now`: settled live ones and unexpired holds. */
export function blockingBookingWhere(now: Date): Prisma.BookingWhereInput {
  return {
    OR: [
      { status: { in: [...SETTLED_LIVE_STATUSES] } },
      { status: "PENDING_PAYMENT", holdExpiresAt: { gt: now } },
    ],
  };
}

/** Where-clause for slots a visitor may hold right now. */
export function bookableSlotWhere(now: Date): Prisma.SlotWhereInput {
  const e = env();
  return {
    isAvailable: true,
    startsAt: { gte: addMinutes(now, e.MIN_NOTICE_MINUTES), lt: addDays(now, e.BOOKING_WINDOW_DAYS) },
    bookings: { none: blockingBookingWhere(now) },
  };
}

type SlotRow = {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  requiresPayment: boolean;
  methods: MeetingMethodName[];
};

function toAvailable(slot: SlotRow, offered: MeetingMethodName[]): AvailableSlot | null {
  const methods = slot.methods.filter((m) => offered.includes(m));
  if (methods.length === 0) return null;
  return {
    id: slot.id,
    startsAt: slot.startsAt.toISOString(),
    endsAt: addMinutes(slot.startsAt, slot.durationMinutes).toISOString(),
    durationMinutes: slot.durationMinutes,
    priceCents: slot.priceCents,
    currency: slot.currency,
    requiresPayment: slot.requiresPayment && slot.priceCents > 0,
    methods,
  };
}

const SLOT_SELECT = {
  id: true,
  startsAt: true,
  durationMinutes: true,
  priceCents: true,
  currency: true,
  requiresPayment: true,
  methods: true,
} as const;

/** One query, whatever the number of slots. */
async function findBookable(db: DbOrTx, where: Prisma.SlotWhereInput): Promise<AvailableSlot[]> {
  const rows = await db.slot.findMany({ where, select: SLOT_SELECT, orderBy: { startsAt: "asc" } });
  const offered = offeredMethods();
  return rows.map((r) => toAvailable(r, offered)).filter((s): s is AvailableSlot => s !== null);
}

/** Bookable slots in the booking window, grouped by date in the business time zone. */
export async function listAvailableDates(now = new Date()): Promise<AvailableDate[]> {
  const db = await getDb();
  const slots = await findBookable(db, bookableSlotWhere(now));
  const tz = env().BUSINESS_TIME_ZONE;
  const byDate = new Map<string, AvailableSlot[]>();
  for (const slot of slots) {
    const key = localDateKey(new Date(slot.startsAt), tz);
    const list = byDate.get(key) ?? [];
    list.push(slot);
    byDate.set(key, list);
  }
  return [...byDate.entries()].map(([date, list]) => ({ date, slots: list }));
}

/** Bookable slots on one business-local date (YYYY-MM-DD, already validated). */
export async function listAvailableSlotsOn(dateKey: string, now = new Date()): Promise<AvailableSlot[]> {
  const db = await getDb();
  const { start, end } = localDayBounds(dateKey, env().BUSINESS_TIME_ZONE);
  const where = bookableSlotWhere(now);
  return findBookable(db, { AND: [where, { startsAt: { gte: start, lt: end } }] });
}
