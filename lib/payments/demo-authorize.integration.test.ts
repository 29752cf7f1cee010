import { addDays, addHours } from "date-fns";
import { describe, expect, it } from "vitest";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { rescheduleBooking } from "@/lib/booking/reschedule";
import { ASSUMED_AUTHORIZATION_MS } from "./capture-plan";
import { finalizeBookingPayment } from "./finalize";
import { startBooking } from "./start-booking";

// Demo mode mirrors authorise at booking (ADR 121) without a gateway: same plan, same states.
const t = useTestDatabase();

async function demoBooking(startsAt: Date, email: string) {
  const slot = await createSlot(t.db, { startsAt });
  const started = await startBooking(bookingRequest(slot.id, { email }), { clientSession: `demo-${email}-0123456789` });
  expect(started.payment.mode).toBe("demo");
  return { bookingId: started.booking.id, startsAt: slot.startsAt };
}

describe("demo payments and the capture plan", () => {
  it("authorises a refundable demo fee at confirm: AUTHORIZED, confirmed, captured at the refund deadline", async () => {
    const { bookingId, startsAt } = await demoBooking(addDays(new Date(), 3), "ada@example.com");
    expect(await t.db.payment.findUniqueOrThrow({ where: { bookingId } })).toMatchObject({
      provider: "DEMO",
      captureMethod: "MANUAL",
      capturePlanReason: "refund_deadline",
    });
    const now = new Date();
    expect((await finalizeBookingPayment(bookingId, now)).outcome).toBe("authorized");
    const payment = await t.db.payment.findUniqueOrThrow({ where: { bookingId }, include: { booking: true } });
    expect(payment).toMatchObject({ status: "AUTHORIZED", authorizedAt: now, capturedAt: null, succeededAt: null });
    expect(payment.authorizedUntil).toEqual(new Date(now.getTime() + ASSUMED_AUTHORIZATION_MS));
    expect(payment.captureAt).toEqual(new Date(startsAt.getTime() - 24 * 3_600_000));
    expect(payment.booking.status).toBe("CONFIRMED");
    expect((await finalizeBookingPayment(bookingId)).outcome).toBe("already_confirmed");
    expect((await t.db.payment.findUniqueOrThrow({ where: { bookingId } })).status).toBe("AUTHORIZED");
  });

  it("counts an authorised fee as paid for a reschedule to a same-fee slot", async () => {
    const { bookingId } = await demoBooking(addDays(new Date(), 3), "lin@example.com");
    await finalizeBookingPayment(bookingId);
    const next = await createSlot(t.db, { startsAt: addDays(new Date(), 4) });
    await rescheduleBooking(bookingId, next.id);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).slotId).toBe(next.id);
    const dearer = await createSlot(t.db, { startsAt: addDays(new Date(), 5), priceCents: 2000 });
    await expect(rescheduleBooking(bookingId, dearer.id)).rejects.toMatchObject({ code: "reschedule_not_allowed" });
  });

  it("charges a demo fee at once inside the refund window", async () => {
    const { bookingId } = await demoBooking(addHours(new Date(), 12), "grace@example.com");
    expect((await finalizeBookingPayment(bookingId)).outcome).toBe("confirmed");
    expect(await t.db.payment.findUniqueOrThrow({ where: { bookingId } })).toMatchObject({
      status: "SUCCEEDED",
      captureMethod: "AUTOMATIC",
      capturePlanReason: "deadline_passed",
      captureAt: null,
    });
  });
});
