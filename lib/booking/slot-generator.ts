import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { z } from "zod";
import { MEETING_METHODS, parseMethodName, type MeetingMethodName } from "@/lib/meeting-methods";
import { isValidTimeZone } from "@/lib/time-zones";

// Pure slot planning shared by the weekly schedule's sync (lib/schedule), scripts/seed-slots.ts,
// the admin bulk generator and the first-start seed. Wall-clock hours are in the business time
// zone and converted to UTC instants per day, so daylight-saving changes keep slots on the
// local hour grid.

export type SlotPlanOptions = {
  days: number;
  startHour: number;
  endHour: number;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  timeZone: string;
  methods: MeetingMethodName[];
};

export type PlannedSlot = {
  startsAt: Date;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  requiresPayment: boolean;
  methods: MeetingMethodName[];
};

export const DEFAULT_PLAN = {
  days: 30,
  startHour: 9,
  endHour: 17,
  durationMinutes: 60,
  priceCents: 1000,
  currency: "usd",
  methods: [...MEETING_METHODS],
} as const;

export const slotPlanSchema = z
  .object({
    days: z.number().int().min(1, "--days must be at least 1").max(365, "--days must be at most 365"),
    startHour: z.number().int().min(0, "--start-hour must be 0-23").max(23, "--start-hour must be 0-23"),
    endHour: z.number().int().min(1, "--end-hour must be 1-24").max(24, "--end-hour must be 1-24"),
    durationMinutes: z.number().int().min(5, "--duration must be at least 5 minutes").max(480, "--duration must be at most 480 minutes"),
    priceCents: z.number().int().min(0, "--payment-amount must not be negative").max(100_000_000),
    currency: z.string().regex(/^[a-z]{3}$/, "currency must be a 3-letter code"),
    timeZone: z.string().refine(isValidTimeZone, "unknown time zone"),
    methods: z.array(z.enum(MEETING_METHODS)).min(1, "at least one method is required"),
  })
  .refine((o) => o.endHour > o.startHour, { message: "--end-hour must be after --start-hour", path: ["endHour"] })
  .refine((o) => (o.endHour - o.startHour) * 60 >= o.durationMinutes, {
    message: "--duration does not fit between --start-hour and --end-hour",
    path: ["durationMinutes"],
  });

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Wall-clock minutes from local midnight, [startMinute, endMinute). */
export type TimeRange = { startMinute: number; endMinute: number };
export type WeeklyRange = TimeRange & { weekday: IsoWeekday };
/** A business-local date's own hours: no ranges = a day off. */
export type DateOverride = { date: string; ranges: TimeRange[]; note?: string | null };

/** The value the weekly schedule, the seed script's flags and the first-start seed all plan from. */
export type WeeklySchedule = {
  durationMinutes: number;
  priceCents: number;
  currency: string;
  methods: MeetingMethodName[];
  weekly: WeeklyRange[];
  overrides: DateOverride[];
};

const WEEKDAYS_MON_FRI: IsoWeekday[] = [1, 2, 3, 4, 5];

/** The seed flags' plan (weekdays, one range) as a schedule value. */
export function scheduleFromPlan(options: Omit<SlotPlanOptions, "days" | "timeZone">): WeeklySchedule {
  return {
    durationMinutes: options.durationMinutes,
    priceCents: options.priceCents,
    currency: options.currency,
    methods: [...options.methods],
    weekly: WEEKDAYS_MON_FRI.map((weekday) => ({ weekday, startMinute: options.startHour * 60, endMinute: options.endHour * 60 })),
    overrides: [],
  };
}

/** What is used when no schedule was saved: DEFAULT_PLAN (Mon–Fri 9–17, 60 min, $10, all methods). */
export const DEFAULT_SCHEDULE: WeeklySchedule = scheduleFromPlan({ ...DEFAULT_PLAN, methods: [...DEFAULT_PLAN.methods] });

const pad = (n: number) => String(n).padStart(2, "0");
const dateKey = (d: TZDate) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The instant of a wall-clock minute on a local day, or null when a DST jump skips it. */
function wallClock(day: TZDate, minute: number, timeZone: string): Date | null {
  if (minute === 24 * 60) return new Date(addDays(day, 1).getTime());
  const local = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minute / 60), minute % 60, timeZone);
  return local.getHours() * 60 + local.getMinutes() === minute ? new Date(local.getTime()) : null;
}

/**
 * Plans slots for `days` calendar days starting with the business-local day of `from`.
 * Each range is filled from its start in steps of the meeting length; a range shorter than
 * the meeting gives none. Times are wall-clock in `timeZone`: a time a DST jump skips is
 * skipped, a repeated hour gives one slot (its first instant), and a slot that would
 * overlap the one before it in real time (across a jump) is dropped.
 */
export function planSchedule(
  schedule: WeeklySchedule,
  { from, days, timeZone }: { from: Date; days: number; timeZone: string },
): PlannedSlot[] {
  const today = new TZDate(from.getTime(), timeZone);
  const overrides = new Map(schedule.overrides.map((o) => [o.date, o.ranges]));
  const slots: PlannedSlot[] = [];
  for (let offset = 0; offset < days; offset++) {
    const day = addDays(new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), timeZone), offset);
    const weekday = (day.getDay() === 0 ? 7 : day.getDay()) as IsoWeekday;
    const ranges = overrides.get(dateKey(day)) ?? schedule.weekly.filter((r) => r.weekday === weekday);
    for (const range of [...ranges].sort((a, b) => a.startMinute - b.startMinute)) {
      const rangeEnd = wallClock(day, range.endMinute, timeZone);
      for (let minute = range.startMinute; minute + schedule.durationMinutes <= range.endMinute; minute += schedule.durationMinutes) {
        const startsAt = wallClock(day, minute, timeZone);
        if (!startsAt) continue;
        const endsAt = startsAt.getTime() + schedule.durationMinutes * 60_000;
        if (rangeEnd && endsAt > rangeEnd.getTime()) continue;
        const previous = slots.at(-1);
        if (previous && startsAt.getTime() < previous.startsAt.getTime() + previous.durationMinutes * 60_000) continue;
        slots.push({
          startsAt,
          durationMinutes: schedule.durationMinutes,
          priceCents: schedule.priceCents,
          currency: schedule.currency,
          requiresPayment: schedule.priceCents > 0,
          methods: schedule.methods,
        });
      }
    }
  }
  return slots;
}

/** Plans the seed flags' slots: weekdays, one range, through the schedule planner. */
export function planSlots(options: SlotPlanOptions, from: Date = new Date()): PlannedSlot[] {
  return planSchedule(scheduleFromPlan(options), { from, days: options.days, timeZone: options.timeZone });
}

export function parseMethodList(input: string): MeetingMethodName[] | string {
  const names = input
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const methods: MeetingMethodName[] = [];
  for (const name of names) {
    const method = parseMethodName(name);
    if (!method) return `unknown method "${name}" (use zoom, teams, phone, meet)`;
    if (!methods.includes(method)) methods.push(method);
  }
  return methods.length ? methods : "at least one method is required";
}
