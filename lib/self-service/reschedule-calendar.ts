import "server-only";
import { availableSlotsOnBody, type ZonedJson } from "@/lib/booking/availability";
import { availableDateCountsBody, listDateCounts, openSummary, type DateCount } from "@/lib/booking/availability-calendar";
import { bookingForManageToken } from "@/lib/booking/manage-access";
import { rescheduleCheck } from "@/lib/booking/reschedule";
import { AppError } from "@/lib/errors/app-error";
import { calendarBounds, dateKeyInZone } from "@/lib/format";
import { settings } from "@/lib/settings/settings";
import { MANAGE_LINK_NOT_FOUND } from "./manage-booking";

// The manage page's reschedule calendar reads its open times month by month and date by date,
// like /contact (ADR 140), through routes scoped to the visitor's link: the listing leaves the
// booking being moved out of the caps and buffers it would otherwise count against itself.
// Unlike the manage actions they are not rate-limited, like the public listing they mirror:
// they change nothing, show what /api/slots shows, and the token cannot be guessed (256 bits).

/** The booking behind the link, if it may still be moved; a typed error saying why not otherwise. */
async function movableBookingId(token: string, now: Date): Promise<string> {
  // One read for the link and the booking, beside the settings: these answers come many to a visit.
  const [booking, s] = await Promise.all([bookingForManageToken(token, now), settings()]);
  if (!booking) throw new AppError("not_found", MANAGE_LINK_NOT_FOUND);
  const check = rescheduleCheck(booking, s, now);
  if (!check.allowed) throw new AppError("reschedule_not_allowed", check.reason);
  return booking.id;
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
