import { TZDate } from "@date-fns/tz";
import { addDays, isWeekend } from "date-fns";
import { z } from "zod";
import { MEETING_METHODS, parseMethodName, type MeetingMethodName } from "@/lib/meeting-methods";
import { isValidTimeZone } from "@/lib/time-zones";

// Pure slot planning shared by scripts/seed-slots.ts, the admin bulk generator and the
// first-start seed. Wall-clock hours are in the business time zone and converted to UTC
// instants per day, so daylight-saving changes keep slots on the local hour grid.

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

/** Plans slots for `days` calendar days starting with the business-local day of `from`. */
export function planSlots(options: SlotPlanOptions, from: Date = new Date()): PlannedSlot[] {
  const { timeZone } = options;
  const today = new TZDate(from.getTime(), timeZone);
  const slots: PlannedSlot[] = [];
  for (let offset = 0; offset < options.days; offset++) {
    const day = addDays(new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), timeZone), offset);
    if (isWeekend(day)) continue;
    for (let minute = options.startHour * 60; minute + options.durationMinutes <= options.endHour * 60; minute += options.durationMinutes) {
      const local = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minute / 60), minute % 60, timeZone);
      // A wall-clock time skipped by a DST jump does not exist locally; skip rather than shift.
      if (local.getHours() * 60 + local.getMinutes() !== minute) continue;
      slots.push({
        startsAt: new Date(local.getTime()),
        durationMinutes: options.durationMinutes,
        priceCents: options.priceCents,
        currency: options.currency,
        requiresPayment: options.priceCents > 0,
        methods: options.methods,
      });
    }
  }
  return slots;
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
