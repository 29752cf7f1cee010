import "server-only";
import { availableSlotsOnBody, type ZonedJson } from "@/lib/booking/availability";
import { availableDateCountsBody, listDateCounts, openSummary, type DateCount } from "@/lib/booking/availability-calendar";
import { rescheduleCheck } from "@/lib/booking/reschedule";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { calendarBounds, dateKeyInZone } from "@/lib/format";
import { enforceRateLimits } from "@/lib/rate-limit/rate-limit";
import { settings } from "@/lib/settings/settings";
import { resolveManageToken } from "./manage-booking";

// The manage page's reschedule calendar reads its open times month by month and date by date,
// like /contact (ADR 140), through routes scoped to the visitor's link: the listing leaves the
// booking being moved out of the caps and buffers it would otherwise count against itself.

/** Calendar reads come many to a visit (each month, each date): allowed ten times the manage actions' rate. */
const READS_PER_ACTION = 10;

export async function limitRescheduleReads(ip: string): Promise<void> {
  const e = env();
  await enforceRateLimits(
    [{ key: `manage-read:ip:${ip}`, limit: e.RATE_LIMIT_MANAGE_PER_IP * READS_PER_ACTION, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS }],
    "Too many requests. Please wait a few minutes and try again.",
  );
}

/** The booking behind the link, if it may still be moved; a typed error saying why not otherwise. */
async function movableBookingId(token: string, now: Date): Promise<string> {
  const bookingId = await resolveManageToken(token, now);
  const db = await getDb();
  const [booking, s] = await Promise.all([
    db.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true, slot: { select: { startsAt: true } } } }),
    settings(db),
  ]);
  const check = rescheduleCheck({ status: booking.status, startsAt: booking.slot.startsAt }, s, now);
  if (!check.allowed) throw new AppError("reschedule_not_allowed", check.reason);
  return bookingId;
}

/** `[{ date, count }]` of one local month (YYYY-MM) the booking could move to, as JSON text in `zone`. */
export async function rescheduleDateCountsBody(
  token: string,
  month: string,
  zone: string | undefined,
  now = new Date(),
): Promise<ZonedJson> {
  return availableDateCountsBody(month, { movingBookingId: await movableBookingId(token, now) }, zone);
}

/** The times on one local date (YYYY-MM-DD) the booking could move to, as JSON text in `zone`. */
export async function rescheduleTimesBody(token: string, date: string, zone: string | undefined, now = new Date()): Promise<ZonedJson> {
  return availableSlotsOnBody(date, { movingBookingId: await movableBookingId(token, now) }, zone);
}

export type RescheduleStart = { hasOpenTimes: boolean; month: string; dates: DateCount[] };

/**
 * What the page renders before the visitor does anything: whether there is any other time at
 * all, and the counts of the month the calendar opens on (the booking's own month when it is
 * in the window, else the first month with open times), in the visitor's zone.
 */
export async function rescheduleStart(
  booking: { bookingId: string; startsAt: string; windowDays: number },
  zone: string,
  now = new Date(),
): Promise<RescheduleStart> {
  const viewer = { movingBookingId: booking.bookingId };
  const summary = await openSummary(now, viewer);
  const currentKey = dateKeyInZone(booking.startsAt, zone);
  const { todayKey, lastKey } = calendarBounds(zone, now, booking.windowDays);
  const inWindow = currentKey >= todayKey && currentKey <= lastKey;
  const month = (inWindow ? currentKey : (summary.firstDate ?? dateKeyInZone(now, zone))).slice(0, 7);
  const dates = summary.firstDate ? await listDateCounts(month, now, viewer, zone) : [];
  return { hasOpenTimes: summary.firstDate !== null, month, dates };
}
