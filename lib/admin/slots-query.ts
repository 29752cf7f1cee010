import "server-only";
import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfWeek } from "date-fns";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { dateKeyInZone } from "@/lib/format";
import { isCalendarDate, localDayBounds } from "@/lib/time-zones";
import { LIVE_BOOKING_STATUSES } from "@/lib/status/booking-status";

// The slots week view: Monday to Sunday in the business time zone, each slot with the
// booking that occupies it (if any).

const include = {
  bookings: {
    where: { status: { in: [...LIVE_BOOKING_STATUSES] } },
    select: { id: true, name: true, status: true, holdExpiresAt: true },
  },
} satisfies Prisma.SlotInclude;
export type WeekSlot = Prisma.SlotGetPayload<{ include: typeof include }>;

export type SlotWeek = {
  weekStart: string;
  previousWeek: string;
  nextWeek: string;
  days: { dateKey: string; label: string; slots: WeekSlot[] }[];
};

function mondayOf(dateKey: string, timeZone: string): TZDate {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  return startOfWeek(new TZDate(y, m - 1, d, timeZone), { weekStartsOn: 1 });
}

export async function slotWeek(week: string | undefined, timeZone: string, now = new Date()): Promise<SlotWeek> {
  const monday = mondayOf(week && isCalendarDate(week) ? week : dateKeyInZone(now, timeZone), timeZone);
  const dayKeys = Array.from({ length: 7 }, (_, i) => format(addDays(monday, i), "yyyy-MM-dd"));
  const start = localDayBounds(dayKeys[0]!, timeZone).start;
  const end = localDayBounds(dayKeys[6]!, timeZone).end;
  const db = await getDb();
  const slots = await db.slot.findMany({ where: { startsAt: { gte: start, lt: end } }, include, orderBy: { startsAt: "asc" } });
  return {
    weekStart: dayKeys[0]!,
    previousWeek: format(addDays(monday, -7), "yyyy-MM-dd"),
    nextWeek: format(addDays(monday, 7), "yyyy-MM-dd"),
    days: dayKeys.map((dateKey, i) => ({
      dateKey,
      label: format(addDays(monday, i), "EEEE, MMM d"),
      slots: slots.filter((s) => dateKeyInZone(s.startsAt, timeZone) === dateKey),
    })),
  };
}

export async function getSlot(slotId: string) {
  const db = await getDb();
  return db.slot.findUnique({ where: { id: slotId }, include });
}
