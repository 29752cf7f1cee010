import "server-only";
import { subDays } from "date-fns";
import { getDb } from "@/lib/db";
import type { BookingStatus } from "@/lib/db/generated/enums";
import { dateKeyInZone } from "@/lib/format";
import { localDayBounds } from "@/lib/time-zones";
import { LIVE_BOOKING_STATUSES } from "@/lib/status/booking-status";
import { PAID_PAYMENT_STATUSES } from "@/lib/status/payment-status";
import { jobHealth } from "@/lib/jobs/job-runs";

// The dashboard's numbers. Money is summed per currency in the database (integer cents).

export type MoneyByCurrency = { currency: string; cents: number }[];

const UPCOMING_LIMIT = 20;

export async function getDashboard(timeZone: string, now = new Date()) {
  const db = await getDb();
  const today = localDayBounds(dateKeyInZone(now, timeZone), timeZone);
  const since = subDays(now, 30);
  const withSlot = { slot: true, payment: true } as const;

  const [todays, upcoming, held, processing, statusGroups, collected, refunded, jobs] = await Promise.all([
    db.booking.findMany({
      where: { slot: { startsAt: { gte: today.start, lt: today.end } }, status: { in: [...LIVE_BOOKING_STATUSES] } },
      include: withSlot,
      orderBy: { slot: { startsAt: "asc" } },
    }),
    db.booking.findMany({
      where: { slot: { startsAt: { gte: today.end } }, status: "CONFIRMED" },
      include: withSlot,
      orderBy: { slot: { startsAt: "asc" } },
      take: UPCOMING_LIMIT,
    }),
    db.booking.findMany({
      where: { status: "PENDING_PAYMENT", holdExpiresAt: { gt: now } },
      include: withSlot,
      orderBy: { holdExpiresAt: "asc" },
    }),
    db.payment.findMany({
      where: { status: "PROCESSING" },
      include: { booking: { select: { id: true, name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.booking.groupBy({ by: ["status"], where: { createdAt: { gte: since } }, _count: { _all: true } }),
    db.payment.groupBy({
      by: ["currency"],
      where: { status: { in: [...PAID_PAYMENT_STATUSES] }, succeededAt: { gte: since } },
      _sum: { amountCents: true },
    }),
    db.$queryRaw<{ currency: string; cents: bigint | number }[]>`
      SELECT p."currency", SUM(r."amountCents") AS "cents"
      FROM "Refund" r JOIN "Payment" p ON p."id" = r."paymentId"
      WHERE r."status" = 'SUCCEEDED' AND r."updatedAt" >= ${since}
      GROUP BY p."currency" ORDER BY p."currency"`,
    jobHealth(now),
  ]);

  const statusCounts = Object.fromEntries(statusGroups.map((g) => [g.status, g._count._all])) as Partial<Record<BookingStatus, number>>;
  return {
    todays,
    upcoming,
    held,
    processing,
    statusCounts,
    collected: collected.map((c) => ({ currency: c.currency, cents: c._sum.amountCents ?? 0 })) as MoneyByCurrency,
    refunded: refunded.map((r) => ({ currency: r.currency, cents: Number(r.cents) })) as MoneyByCurrency,
    lateJobs: jobs.filter((job) => job.late),
  };
}
