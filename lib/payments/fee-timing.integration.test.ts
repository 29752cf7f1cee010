import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { feeTimingFor } from "./fee-timing";

const t = useTestDatabase();
const DAY = 86_400_000;
const HOUR = 3_600_000;

async function setPolicy(value: string) {
  await t.db.businessSetting.upsert({ where: { key: "REFUND_POLICY" }, create: { key: "REFUND_POLICY", value }, update: { value } });
}

describe("feeTimingFor: what the payment step says about when the card is charged", () => {
  it("plans an authorisation captured at the refund deadline for a meeting 5 days out (default policy: 24 hours)", async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() + 5 * DAY);
    const { booking, slot } = await seedBooking(t.db, { status: "PENDING_PAYMENT", startsAt });
    const captureAt = new Date(slot.startsAt.getTime() - 24 * HOUR).toISOString();
    expect(await feeTimingFor(booking.id, now)).toEqual({ kind: "authorize", captureAt });
  });

  it("charges at once inside the refund window, under a never-refund policy, and for a meeting too far out", async () => {
    const now = new Date();
    const soon = await seedBooking(t.db, { status: "PENDING_PAYMENT", startsAt: new Date(now.getTime() + 12 * HOUR) });
    expect(await feeTimingFor(soon.booking.id, now)).toEqual({ kind: "charge_now" });
    await setPolicy("never");
    const later = await seedBooking(t.db, { status: "PENDING_PAYMENT", startsAt: new Date(now.getTime() + 5 * DAY) });
    expect(await feeTimingFor(later.booking.id, now)).toEqual({ kind: "charge_now" });
  });

  it("answers from the payment row once it records a manual capture, and says nothing for a free booking", async () => {
    const now = new Date();
    const { booking } = await seedBooking(t.db, { status: "CONFIRMED", startsAt: new Date(now.getTime() + 10 * DAY), paidCents: 1000 });
    const captureAt = new Date(now.getTime() + 6 * DAY);
    await t.db.payment.update({ where: { bookingId: booking.id }, data: { status: "AUTHORIZED", captureMethod: "MANUAL", captureAt } });
    expect(await feeTimingFor(booking.id, now)).toEqual({ kind: "authorize", captureAt: captureAt.toISOString() });
    // A plan recorded as an ordinary charge is kept, even where planning again now would authorise.
    const charged = await seedBooking(t.db, { status: "PENDING_PAYMENT", startsAt: new Date(now.getTime() + 5 * DAY), paidCents: 1000 });
    await t.db.payment.update({
      where: { bookingId: charged.booking.id },
      data: { status: "REQUIRES_PAYMENT", capturePlanReason: "deadline_passed" },
    });
    expect(await feeTimingFor(charged.booking.id, now)).toEqual({ kind: "charge_now" });
    const free = await seedBooking(t.db, { status: "PENDING_PAYMENT", priceCents: 0 });
    expect(await feeTimingFor(free.booking.id, now)).toBeNull();
  });
});
