import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { VISITOR_CANCELLATION_REASON } from "@/lib/email/payload";
import { MEETING_METHODS, type MeetingMethodName } from "@/lib/meeting-methods";
import { PAID_PAYMENT_STATUSES } from "@/lib/status/payment-status";
import { sqlList } from "@/lib/status/booking-status";
import { weeksOf, type InsightsRange } from "./insights-range";
import { LEAD_TIME_BOUNDS_HOURS } from "./insights-labels";

// The figures of /admin/insights and its CSV (docs/insights.md, ADR 110, 111). Every figure is
// one aggregate statement over the current and the previous period at once; week, weekday and
// hour are taken in the business zone by the database. A "booking" is one that was confirmed
// at some point (confirmedAt set): holds that lapsed or were never paid are not bookings.

export type Compared = { current: number; previous: number };
export type LeadTime = { count: number; medianHours: number | null; p90Hours: number | null; buckets: number[] };
export type MoneyFigures = {
  currency: string;
  fees: Compared;
  refunds: Compared;
  fullRefunds: Compared;
  partialRefunds: Compared;
  net: Compared;
};
export type MeetingFigures = Record<
  "booked" | "cancelledByVisitor" | "cancelledByBusiness" | "noShow" | "upcoming" | "awaitingResult" | "held" | "won" | "lost",
  Compared
>;

export type Insights = {
  range: InsightsRange;
  timeZone: string;
  bookings: Compared;
  bookingsPerWeek: { week: string; count: number }[];
  byMethod: { method: MeetingMethodName; current: number; previous: number }[];
  /** [isoWeekday 0..6 = Monday..Sunday][hour 0..23], meetings in the current period not cancelled. */
  weekdayHour: number[][];
  meetings: MeetingFigures;
  leadTime: { current: LeadTime; previous: LeadTime };
  money: MoneyFigures[];
};

const PAID_IN = Prisma.raw(sqlList(PAID_PAYMENT_STATUSES));
const zero = (): Compared => ({ current: 0, previous: 0 });
const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

export async function getInsights(range: InsightsRange, timeZone: string, now: Date, db?: DbOrTx): Promise<Insights> {
  const q = db ?? (await getDb());
  const { current: cur, previous: prev } = range;
  const booked = Prisma.sql`b."confirmedAt" IS NOT NULL`;

  const [weekly, methods, meetingRows, heat, leadStats, leadBuckets, fees, refunds] = await Promise.all([
    // Booking date: when the visitor booked.
    q.$queryRaw<{ week: string; n: number }[]>`
      SELECT to_char(date_trunc('week', b."createdAt" AT TIME ZONE ${timeZone}), 'YYYY-MM-DD') AS "week", count(*)::int AS "n"
      FROM "Booking" b
      WHERE ${booked} AND b."createdAt" >= ${cur.start} AND b."createdAt" < ${cur.end}
      GROUP BY 1`,
    q.$queryRaw<{ method: string; current: number; previous: number }[]>`
      SELECT b."method"::text AS "method",
             count(*) FILTER (WHERE b."createdAt" >= ${cur.start})::int AS "current",
             count(*) FILTER (WHERE b."createdAt" < ${cur.start})::int AS "previous"
      FROM "Booking" b
      WHERE ${booked} AND b."createdAt" >= ${prev.start} AND b."createdAt" < ${cur.end}
      GROUP BY 1`,
    // Meeting date: when the meeting is (or was) scheduled.
    q.$queryRaw<Record<string, number | boolean>[]>`
      SELECT (s."startsAt" >= ${cur.start}) AS "isCurrent",
             count(*)::int AS "booked",
             count(*) FILTER (WHERE b."status" = 'CANCELLED' AND b."cancellationReason" = ${VISITOR_CANCELLATION_REASON})::int AS "cancelledByVisitor",
             count(*) FILTER (WHERE b."status" = 'CANCELLED' AND b."cancellationReason" IS DISTINCT FROM ${VISITOR_CANCELLATION_REASON})::int AS "cancelledByBusiness",
             count(*) FILTER (WHERE b."status" = 'NO_SHOW')::int AS "noShow",
             count(*) FILTER (WHERE b."status" = 'CONFIRMED' AND s."startsAt" >= ${now})::int AS "upcoming",
             count(*) FILTER (WHERE b."status" = 'CONFIRMED' AND s."startsAt" < ${now})::int AS "awaitingResult",
             count(*) FILTER (WHERE b."status" = 'COMPLETED')::int AS "held",
             count(*) FILTER (WHERE b."status" = 'COMPLETED' AND b."projectOutcome" = 'WON')::int AS "won",
             count(*) FILTER (WHERE b."status" = 'COMPLETED' AND b."projectOutcome" = 'LOST')::int AS "lost"
      FROM "Slot" s JOIN "Booking" b ON b."slotId" = s."id"
      WHERE ${booked} AND s."startsAt" >= ${prev.start} AND s."startsAt" < ${cur.end}
      GROUP BY 1`,
    q.$queryRaw<{ dow: number; hour: number; n: number }[]>`
      SELECT extract(isodow FROM s."startsAt" AT TIME ZONE ${timeZone})::int AS "dow",
             extract(hour FROM s."startsAt" AT TIME ZONE ${timeZone})::int AS "hour", count(*)::int AS "n"
      FROM "Slot" s JOIN "Booking" b ON b."slotId" = s."id"
      WHERE ${booked} AND b."status" <> 'CANCELLED' AND s."startsAt" >= ${cur.start} AND s."startsAt" < ${cur.end}
      GROUP BY 1, 2`,
    // Lead time, by booking date: hours from booking to the meeting's start.
    q.$queryRaw<{ isCurrent: boolean; n: number; median: number | null; p90: number | null }[]>`
      SELECT (b."createdAt" >= ${cur.start}) AS "isCurrent", count(*)::int AS "n",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s."startsAt" - b."createdAt") / 3600) AS "median",
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s."startsAt" - b."createdAt") / 3600) AS "p90"
      FROM "Booking" b JOIN "Slot" s ON s."id" = b."slotId"
      WHERE ${booked} AND b."createdAt" >= ${prev.start} AND b."createdAt" < ${cur.end}
      GROUP BY 1`,
    q.$queryRaw<{ isCurrent: boolean; bucket: number; n: number }[]>`
      SELECT (b."createdAt" >= ${cur.start}) AS "isCurrent",
             width_bucket(extract(epoch FROM s."startsAt" - b."createdAt")::float8 / 3600, ${[...LEAD_TIME_BOUNDS_HOURS]}::float8[]) AS "bucket",
             count(*)::int AS "n"
      FROM "Booking" b JOIN "Slot" s ON s."id" = b."slotId"
      WHERE ${booked} AND b."createdAt" >= ${prev.start} AND b."createdAt" < ${cur.end}
      GROUP BY 1, 2`,
    // Money: the date the fee was paid, the date a refund was made.
    q.$queryRaw<{ currency: string; current: unknown; previous: unknown }[]>`
      SELECT p."currency",
             coalesce(sum(p."amountCents") FILTER (WHERE p."succeededAt" >= ${cur.start}), 0)::bigint AS "current",
             coalesce(sum(p."amountCents") FILTER (WHERE p."succeededAt" < ${cur.start}), 0)::bigint AS "previous"
      FROM "Payment" p
      WHERE p."status" IN (${PAID_IN}) AND p."succeededAt" >= ${prev.start} AND p."succeededAt" < ${cur.end}
      GROUP BY 1`,
    q.$queryRaw<{ currency: string; isCurrent: boolean; isFull: boolean; n: number; cents: unknown }[]>`
      SELECT p."currency", (r."createdAt" >= ${cur.start}) AS "isCurrent", (r."amountCents" >= p."amountCents") AS "isFull",
             count(*)::int AS "n", sum(r."amountCents")::bigint AS "cents"
      FROM "Refund" r JOIN "Payment" p ON p."id" = r."paymentId"
      WHERE r."status" = 'SUCCEEDED' AND r."createdAt" >= ${prev.start} AND r."createdAt" < ${cur.end}
      GROUP BY 1, 2, 3`,
  ]);

  const perWeek = new Map(weekly.map((w) => [w.week, w.n]));
  const bookingsPerWeek = weeksOf(cur).map((week) => ({ week, count: perWeek.get(week) ?? 0 }));

  const methodCounts = new Map(methods.map((m) => [m.method, m]));
  const byMethod = MEETING_METHODS.map((method) => ({
    method,
    current: methodCounts.get(method)?.current ?? 0,
    previous: methodCounts.get(method)?.previous ?? 0,
  }));
  const bookings = byMethod.reduce((sum, m) => ({ current: sum.current + m.current, previous: sum.previous + m.previous }), zero());

  const meetingKeys = [
    "booked",
    "cancelledByVisitor",
    "cancelledByBusiness",
    "noShow",
    "upcoming",
    "awaitingResult",
    "held",
    "won",
    "lost",
  ] as const;
  const meetings = Object.fromEntries(meetingKeys.map((key) => [key, zero()])) as MeetingFigures;
  for (const row of meetingRows) {
    for (const key of meetingKeys) meetings[key][row.isCurrent ? "current" : "previous"] = num(row[key]);
  }

  const weekdayHour = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const cell of heat) weekdayHour[cell.dow - 1]![cell.hour] = cell.n;

  const lead = (isCurrent: boolean): LeadTime => {
    const stats = leadStats.find((s) => s.isCurrent === isCurrent);
    const buckets = Array.from({ length: LEAD_TIME_BOUNDS_HOURS.length + 1 }, () => 0);
    // width_bucket: 0 below the first bound, i from bound i on, so bucket numbers index the array.
    for (const b of leadBuckets) if (b.isCurrent === isCurrent) buckets[num(b.bucket)]! += b.n;
    return {
      count: stats?.n ?? 0,
      medianHours: stats?.median === null || stats?.median === undefined ? null : Number(stats.median),
      p90Hours: stats?.p90 === null || stats?.p90 === undefined ? null : Number(stats.p90),
      buckets,
    };
  };

  const currencies = [...new Set([...fees.map((f) => f.currency), ...refunds.map((r) => r.currency)])].sort();
  const money = currencies.map((currency): MoneyFigures => {
    const fee = fees.find((f) => f.currency === currency);
    const m: MoneyFigures = {
      currency,
      fees: { current: num(fee?.current), previous: num(fee?.previous) },
      refunds: zero(),
      fullRefunds: zero(),
      partialRefunds: zero(),
      net: zero(),
    };
    for (const r of refunds) {
      if (r.currency !== currency) continue;
      const side = r.isCurrent ? "current" : "previous";
      m.refunds[side] += num(r.cents);
      m[r.isFull ? "fullRefunds" : "partialRefunds"][side] += r.n;
    }
    m.net = { current: m.fees.current - m.refunds.current, previous: m.fees.previous - m.refunds.previous };
    return m;
  });

  return {
    range,
    timeZone,
    bookings,
    bookingsPerWeek,
    byMethod,
    weekdayHour,
    meetings,
    leadTime: { current: lead(true), previous: lead(false) },
    money,
  };
}
