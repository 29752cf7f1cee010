import { TZDate } from "@date-fns/tz";
import { addDays, addHours, addMinutes, format, getISOWeek, getISOWeekYear } from "date-fns";
import { createHash } from "node:crypto";
import type { Settings } from "@/lib/settings/settings";

// The booking rules, decided in one place (issue 17): minimum notice, booking window,
// reschedule cut-off, buffers, and caps per business-local day, ISO week and visitor email.
// This file is the pure half (values, keys, wording); rules-sql.ts turns the same values into
// the SQL that listings, holds, reschedules and bookability share (ADR 103, 104).

export type BookingRules = {
  timeZone: string;
  noticeMinutes: number;
  windowDays: number;
  rescheduleCutoffHours: number;
  bufferBefore: number;
  bufferAfter: number;
  /** 0 = no cap. */
  dayCap: number;
  weekCap: number;
  emailCap: number;
};

export function bookingRules(s: Settings): BookingRules {
  return {
    timeZone: s.BUSINESS_TIME_ZONE,
    noticeMinutes: s.MIN_NOTICE_MINUTES,
    windowDays: s.BOOKING_WINDOW_DAYS,
    rescheduleCutoffHours: s.RESCHEDULE_CUTOFF_HOURS,
    bufferBefore: s.BUFFER_BEFORE_MINUTES,
    bufferAfter: s.BUFFER_AFTER_MINUTES,
    dayCap: s.MAX_BOOKINGS_PER_DAY,
    weekCap: s.MAX_BOOKINGS_PER_WEEK,
    emailCap: s.MAX_ACTIVE_BOOKINGS_PER_EMAIL,
  };
}

/**
 * The free time two meetings keep between them: a meeting's "after" buffer and the next
 * one's "before" buffer both ask for the gap, so it is the larger of the two (ADR 103).
 */
export const meetingGap = (r: BookingRules) => Math.max(r.bufferBefore, r.bufferAfter);

/** True when a rule needs other bookings' rows (and so the locks of ADR 104). */
export const hasCrossBookingRules = (r: BookingRules) => meetingGap(r) > 0 || r.dayCap > 0 || r.weekCap > 0 || r.emailCap > 0;

/** Visitors may book from the minimum notice after now until the booking window's end. */
export function bookableRange(r: BookingRules, now: Date): { from: Date; to: Date } {
  return { from: addMinutes(now, r.noticeMinutes), to: addDays(now, r.windowDays) };
}

/** Whether a booking starting at `startsAt` may still be moved at `now`. */
export const beforeRescheduleCutoff = (r: BookingRules, startsAt: Date, now: Date) => now < addHours(startsAt, -r.rescheduleCutoffHours);

/** The business-local calendar date of an instant, YYYY-MM-DD. */
export const localDateKey = (instant: Date, timeZone: string) => format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd");

/** The ISO week (Monday first) of an instant's business-local date, e.g. 2027-W02. */
export function localWeekKey(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}

/** "Tue 12 Jan" in the business zone, for rule messages. */
export const localDayLabel = (instant: Date, timeZone: string) => format(new TZDate(instant.getTime(), timeZone), "EEE d MMM");

// Advisory-lock keys: the two-int form, with a class id of our own so no other lock user
// (the migration runner's single key) can collide with them.
export const RULE_LOCK_CLASS = 17_017;

function lockKey(name: string): number {
  return createHash("sha256").update(name).digest().readInt32BE(0);
}

/**
 * The locks a claim on [startsAt, endsAt) takes before its checking statement (ADR 104):
 * every business-local day its buffered range touches (so two slots whose buffers meet
 * share at least one), its ISO week, and the visitor's email. Sorted, so every claim takes
 * them in the same order and none deadlocks. Empty when no cross-booking rule is set.
 */
export function ruleLockKeys(r: BookingRules, slot: { startsAt: Date; endsAt: Date }, email?: string): number[] {
  const names = new Set<string>();
  const gap = meetingGap(r);
  if (gap > 0 || r.dayCap > 0) {
    const first = addMinutes(slot.startsAt, -gap);
    const last = addMinutes(slot.endsAt, gap);
    for (let day = first; day < last; day = addHours(day, 12)) names.add(`day:${localDateKey(day, r.timeZone)}`);
    names.add(`day:${localDateKey(new Date(last.getTime() - 1), r.timeZone)}`);
  }
  if (r.weekCap > 0) names.add(`week:${localWeekKey(slot.startsAt, r.timeZone)}`);
  if (r.emailCap > 0 && email) names.add(`email:${email.trim().toLowerCase()}`);
  return [...new Set([...names].map(lockKey))].sort((a, b) => a - b);
}

export type RuleBreak = "buffer" | "day_cap" | "week_cap" | "email_cap";

/** What a visitor reads when a rule refuses the time they picked. */
export function ruleRefusal(rule: RuleBreak, r: BookingRules): string {
  switch (rule) {
    case "buffer":
      return `We keep ${meetingGap(r)} minutes free between meetings, and that time is too close to another booking. Please pick another time.`;
    case "day_cap":
      return `We take at most ${plural(r.dayCap, "booking")} a day; that day is full. Please pick another day.`;
    case "week_cap":
      return `We take at most ${plural(r.weekCap, "booking")} a week; that week is full. Please pick another week.`;
    case "email_cap":
      return `You already have ${plural(r.emailCap, "upcoming booking")}, the most we take per person. Please cancel or wait for one before booking another.`;
  }
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
