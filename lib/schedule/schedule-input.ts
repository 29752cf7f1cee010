import { z } from "zod";
import { parseAmountToCents } from "@/lib/format";
import { MEETING_METHODS } from "@/lib/meeting-methods";
import { isCalendarDate } from "@/lib/time-zones";
import type { IsoWeekday, TimeRange, WeeklyRange } from "@/lib/booking/slot-generator";

// The admin's schedule forms: hours as "09:00-12:00, 13:00-17:00" per weekday (empty = closed),
// checked here field by field so a bad range names its day; the tables' constraints are the
// backstop (ADR 107).

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

const pad = (n: number) => String(n).padStart(2, "0");
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** "09:00-12:00, 13:00-17:00" for the form's text fields. */
export function formatRanges(ranges: TimeRange[]): string {
  return [...ranges]
    .sort((a, b) => a.startMinute - b.startMinute)
    .map((r) => `${clock(r.startMinute)}-${clock(r.endMinute)}`)
    .join(", ");
}

function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [hours, minutes] = [Number(m[1]), Number(m[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** Parses a day's ranges; a string is the error to show. */
export function parseRanges(input: string): TimeRange[] | string {
  const parts = input
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges: TimeRange[] = [];
  for (const part of parts) {
    const [from, to, extra] = part.split(/\s*[-–]\s*/);
    const startMinute = from === undefined ? null : parseClock(from);
    const endMinute = to === undefined ? null : parseClock(to);
    if (extra !== undefined || startMinute === null || endMinute === null) return `"${part}" is not a range like 09:00-12:00`;
    if (startMinute >= endMinute) return `${part}: the end must be after the start`;
    ranges.push({ startMinute, endMinute });
  }
  ranges.sort((a, b) => a.startMinute - b.startMinute);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]!.startMinute < ranges[i - 1]!.endMinute)
      return `${formatRanges([ranges[i - 1]!])} and ${formatRanges([ranges[i]!])} overlap`;
  }
  return ranges;
}

const rangesField = z
  .string()
  .max(500)
  .default("")
  .transform((text, ctx) => {
    const parsed = parseRanges(text);
    if (typeof parsed === "string") {
      ctx.addIssue({ code: "custom", message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

const methods = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(MEETING_METHODS, "Unknown meeting method.")).min(1, "Pick at least one meeting method."),
);

export const weeklyScheduleInput = z
  .object({
    ...Object.fromEntries(WEEKDAYS.map((d) => [`hours${d}`, rangesField])),
    durationMinutes: z.coerce
      .number("Enter the meeting length in minutes.")
      .int("Whole minutes, please.")
      .min(5, "At least 5 minutes.")
      .max(480, "At most 480 minutes."),
    amount: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const cents = v === "" ? 0 : parseAmountToCents(v);
        if (cents === undefined) {
          ctx.addIssue({ code: "custom", message: "Enter an amount like 10.00 (0 for free)." });
          return z.NEVER;
        }
        return cents;
      }),
    currency: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3}$/, "A 3-letter currency code, like USD."),
    methods,
    intent: z.enum(["preview", "save"]).default("save"),
  })
  .transform((input) => {
    const record = input as unknown as Record<string, TimeRange[]>;
    const weekly: WeeklyRange[] = WEEKDAYS.flatMap((weekday) => record[`hours${weekday}`]!.map((r) => ({ weekday, ...r })));
    return {
      intent: input.intent,
      schedule: {
        durationMinutes: input.durationMinutes,
        priceCents: input.amount,
        currency: input.currency,
        methods: input.methods,
        weekly,
      },
    };
  });

export const dateOverrideInput = z.object({
  date: z.string().refine(isCalendarDate, "Pick a date."),
  hours: rangesField,
  note: z.string().trim().max(120, "At most 120 characters.").default(""),
});

export const removeOverrideInput = z.object({ date: z.string().refine(isCalendarDate, "Unknown date.") });
