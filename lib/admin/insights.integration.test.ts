import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import type { BookingStatus, MeetingMethod, PaymentStatus, ProjectOutcome } from "@/lib/db/generated/enums";
import { newBookingId } from "@/lib/booking/ids";
import { VISITOR_CANCELLATION_REASON } from "@/lib/email/payload";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { getInsights } from "./insights";
import { insightsCsv } from "./insights-csv";
import { parseInsightsRange, type InsightsRange } from "./insights-range";

const t = useTestDatabase();
const ZONE = "America/New_York";
// Sunday 15:00 EST, the last day of the range; America/New_York left summer time on Nov 1, 2026.
const NOW = new Date("2026-11-08T20:00:00Z");

type Seed = {
  created: string;
  starts: string;
  status: BookingStatus;
  method: MeetingMethod;
  outcome?: ProjectOutcome;
  cancelReason?: string;
  paid?: { cents: number; at: string; status?: PaymentStatus; refundedCents?: number };
  refunds?: { cents: number; at: string; status?: "SUCCEEDED" | "FAILED" }[];
};

async function seed(db: Db, s: Seed): Promise<void> {
  const slot = await db.slot.create({
    data: {
      startsAt: new Date(s.starts),
      durationMinutes: 60,
      priceCents: s.paid?.cents ?? 0,
      requiresPayment: !!s.paid,
      methods: [s.method],
    },
  });
  const confirmed = s.status !== "EXPIRED";
  const booking = await db.booking.create({
    data: {
      id: newBookingId(),
      slotId: slot.id,
      status: s.status,
      method: s.method,
      name: "Ada Lovelace",
      email: "ada@example.com",
      timeZone: "Europe/London",
      createdAt: new Date(s.created),
      confirmedAt: confirmed ? new Date(s.created) : null,
      cancelledAt: s.status === "CANCELLED" ? new Date(s.created) : null,
      cancellationReason: s.cancelReason ?? null,
      completedAt: s.status === "COMPLETED" ? new Date(s.starts) : null,
      projectOutcome: s.outcome ?? null,
    },
  });
  if (!s.paid) return;
  const payment = await db.payment.create({
    data: {
      bookingId: booking.id,
      provider: "DEMO",
      providerPaymentId: `demo_${booking.id}`,
      amountCents: s.paid.cents,
      currency: "usd",
      status: s.paid.status ?? "SUCCEEDED",
      refundedCents: s.paid.refundedCents ?? 0,
      succeededAt: s.paid.status === "REQUIRES_PAYMENT" ? null : new Date(s.paid.at),
    },
  });
  for (const r of s.refunds ?? []) {
    await db.refund.create({
      data: {
        paymentId: payment.id,
        idempotencyKey: crypto.randomUUID(),
        amountCents: r.cents,
        status: r.status ?? "SUCCEEDED",
        createdAt: new Date(r.at),
      },
    });
  }
}

/** Ten bookings around the end of summer time, by a name that says what each one tests. */
async function seedKnownBookings(db: Db): Promise<void> {
  const fee = (at: string, extra: Partial<NonNullable<Seed["paid"]>> = {}) => ({ cents: 10000, at, ...extra });
  const bookings: Record<string, Seed> = {
    wonThursday: {
      created: "2026-10-27T14:00:00Z",
      starts: "2026-10-29T14:00:00Z",
      status: "COMPLETED",
      method: "ZOOM",
      outcome: "WON",
      paid: fee("2026-10-27T14:05:00Z"),
      refunds: [{ cents: 2000, at: "2026-11-04T12:00:00Z", status: "FAILED" }],
    },
    // The first Monday after the change: 15:00 UTC is 10:00 EST (11:00 at the summer offset).
    lostMondayDstWeek: {
      created: "2026-10-31T16:00:00Z",
      starts: "2026-11-02T15:00:00Z",
      status: "COMPLETED",
      method: "PHONE",
      outcome: "LOST",
      paid: fee("2026-10-31T16:00:00Z"),
    },
    // Booked at 01:30 EDT in the repeated hour; cancelled by the visitor and half refunded.
    visitorCancelledPartialRefund: {
      created: "2026-11-01T05:30:00Z",
      starts: "2026-11-05T19:00:00Z",
      status: "CANCELLED",
      method: "TEAMS",
      cancelReason: VISITOR_CANCELLATION_REASON,
      paid: fee("2026-11-01T05:30:00Z", { status: "PARTIALLY_REFUNDED", refundedCents: 5000 }),
      refunds: [{ cents: 5000, at: "2026-11-03T12:00:00Z" }],
    },
    // Booked Sunday 22:00 EST (Monday in UTC): the week of Oct 26 in the business zone.
    noShowBookedSundayNight: { created: "2026-11-02T03:00:00Z", starts: "2026-11-03T14:00:00Z", status: "NO_SHOW", method: "ZOOM" },
    meetingAfterTheRange: {
      created: "2026-11-06T15:00:00Z",
      starts: "2026-11-20T15:00:00Z",
      status: "CONFIRMED",
      method: "GOOGLE_MEET",
      paid: fee("2026-11-06T15:00:00Z"),
    },
    // Booked in the previous period, meeting in this one; the business cancelled and refunded in full.
    businessCancelledFullRefund: {
      created: "2026-10-20T14:00:00Z",
      starts: "2026-10-28T18:00:00Z",
      status: "CANCELLED",
      method: "ZOOM",
      cancelReason: "Cancelled by the business",
      paid: fee("2026-10-20T14:00:00Z", { status: "REFUNDED", refundedCents: 10000 }),
      refunds: [{ cents: 10000, at: "2026-10-22T10:00:00Z" }],
    },
    previousHeldNoOutcome: {
      created: "2026-10-13T14:00:00Z",
      starts: "2026-10-15T14:00:00Z",
      status: "COMPLETED",
      method: "ZOOM",
      outcome: "NONE",
      paid: { cents: 5000, at: "2026-10-13T14:00:00Z" },
    },
    lapsedHoldNotABooking: {
      created: "2026-10-28T12:00:00Z",
      starts: "2026-10-30T12:00:00Z",
      status: "EXPIRED",
      method: "ZOOM",
      paid: fee("2026-10-28T12:00:00Z", { status: "REQUIRES_PAYMENT" }),
    },
    // 23:30 EDT on Oct 25 (Oct 26 in UTC): booked in the previous period; meeting past, not marked.
    awaitingResultBookedLastPeriod: {
      created: "2026-10-26T03:30:00Z",
      starts: "2026-11-04T16:00:00Z",
      status: "CONFIRMED",
      method: "PHONE",
    },
    upcomingToday: { created: "2026-11-08T12:00:00Z", starts: "2026-11-08T22:00:00Z", status: "CONFIRMED", method: "ZOOM" },
  };
  for (const s of Object.values(bookings)) await seed(db, s);
}

function range(params: Record<string, string>): InsightsRange {
  const parsed = parseInsightsRange(params, ZONE, NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.range;
}

const twoWeeks = () => range({ from: "2026-10-26", to: "2026-11-08" });

describe("insights figures", () => {
  it("pins every figure for a known set of bookings, with the previous period of the same length", async () => {
    await seedKnownBookings(t.db);
    const r = twoWeeks();
    expect(r.previous).toMatchObject({ from: "2026-10-12", to: "2026-10-25", days: 14 });
    expect(r.current.start.toISOString()).toBe("2026-10-26T04:00:00.000Z");
    expect(r.current.end.toISOString()).toBe("2026-11-09T05:00:00.000Z");

    const i = await getInsights(r, ZONE, NOW, t.db);
    expect(i.bookings).toEqual({ current: 6, previous: 3 });
    expect(i.bookingsPerWeek).toEqual([
      { week: "2026-10-26", count: 4 },
      { week: "2026-11-02", count: 2 },
    ]);
    expect(i.byMethod).toEqual([
      { method: "ZOOM", current: 3, previous: 2 },
      { method: "TEAMS", current: 1, previous: 0 },
      { method: "PHONE", current: 1, previous: 1 },
      { method: "GOOGLE_MEET", current: 1, previous: 0 },
    ]);
    expect(i.meetings).toEqual({
      booked: { current: 7, previous: 1 },
      cancelledByVisitor: { current: 1, previous: 0 },
      cancelledByBusiness: { current: 1, previous: 0 },
      noShow: { current: 1, previous: 0 },
      upcoming: { current: 1, previous: 0 },
      awaitingResult: { current: 1, previous: 0 },
      held: { current: 2, previous: 1 },
      won: { current: 1, previous: 0 },
      lost: { current: 1, previous: 0 },
    });
    const cells = i.weekdayHour.flatMap((hours, day) => hours.map((n, hour) => ({ day, hour, n })).filter((c) => c.n > 0));
    expect(cells).toEqual([
      { day: 0, hour: 10, n: 1 }, // Monday Nov 2, 10:00 EST
      { day: 1, hour: 9, n: 1 },
      { day: 2, hour: 11, n: 1 },
      { day: 3, hour: 10, n: 1 }, // Thursday Oct 29, 10:00 EDT
      { day: 6, hour: 17, n: 1 },
    ]);
    expect(i.leadTime.current).toEqual({ count: 6, medianHours: 47.5, p90Hours: 222.75, buckets: [1, 3, 1, 0, 1, 0] });
    expect(i.leadTime.previous).toEqual({ count: 3, medianHours: 196, p90Hours: 222, buckets: [0, 1, 0, 2, 0, 0] });
    expect(i.money).toEqual([
      {
        currency: "usd",
        fees: { current: 40000, previous: 15000 },
        refunds: { current: 5000, previous: 10000 },
        fullRefunds: { current: 0, previous: 1 },
        partialRefunds: { current: 1, previous: 0 },
        net: { current: 35000, previous: 5000 },
      },
    ]);
  });

  it("shows an empty range as zeros, every week listed, no lead time and no money", async () => {
    await seedKnownBookings(t.db);
    const i = await getInsights(range({ from: "2025-03-03", to: "2025-03-16" }), ZONE, NOW, t.db);
    expect(i.bookings).toEqual({ current: 0, previous: 0 });
    expect(i.bookingsPerWeek).toEqual([
      { week: "2025-03-03", count: 0 },
      { week: "2025-03-10", count: 0 },
    ]);
    expect(Object.values(i.meetings).every((c) => c.current === 0 && c.previous === 0)).toBe(true);
    expect(i.weekdayHour.flat().every((n) => n === 0)).toBe(true);
    expect(i.leadTime.current).toEqual({ count: 0, medianHours: null, p90Hours: null, buckets: [0, 0, 0, 0, 0, 0] });
    expect(i.money).toEqual([]);
  });

  it("writes the same figures as CSV", async () => {
    await seedKnownBookings(t.db);
    const csv = insightsCsv(await getInsights(twoWeeks(), ZONE, NOW, t.db));
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe('"Figure","Item","This period","Previous period","Counted by"');
    expect(lines).toContain('"Period","Business time zone America/New_York","2026-10-26 to 2026-11-08","2026-10-12 to 2026-10-25",""');
    expect(lines).toContain('"Bookings","Total","6","3","Booking date (when the visitor booked)"');
    expect(lines).toContain('"Bookings per week","Week of 2026-10-26","4","","Booking date (when the visitor booked)"');
    expect(lines).toContain('"Bookings by meeting method","Zoom","3","2","Booking date (when the visitor booked)"');
    expect(lines).toContain('"Meetings by weekday and hour","Monday 10:00","1","","Meeting date (when the meeting is scheduled)"');
    expect(lines).toContain('"Meetings","No-show","1","0","Meeting date (when the meeting is scheduled)"');
    expect(lines).toContain('"Lead time (hours)","Median","47.5","196","Booking date (when the visitor booked)"');
    expect(lines).toContain('"Refunds","Partial refunds (USD, count)","1","0","Refund date (when the refund was made)"');
    expect(lines).toContain(
      '"Net","Fees less refunds (USD)","350.00","50.00","Payment date (when the fee was paid); Refund date (when the refund was made)"',
    );
  });
});
