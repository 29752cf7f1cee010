import { addDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { manageToken } from "@/lib/links/manage-link";
import { finalizeBookingPayment } from "@/lib/payments/finalize";
import { startBooking } from "@/lib/payments/start-booking";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { getManageView } from "./manage-booking";

// The manage page says when the card is charged, and that cancelling releases an authorised fee (ADR 130).

const t = useTestDatabase();

async function authorisedBooking(startsAt: Date, captureAt: Date) {
  const slot = await createSlot(t.db, { startsAt });
  const started = await startBooking(bookingRequest(slot.id), { clientSession: "s-fee-timing-0123456789abcdef" });
  expect(["confirmed", "authorized"]).toContain((await finalizeBookingPayment(started.booking.id)).outcome);
  // However the branch's demo mode settles, the row as the capture flow leaves it (ADR 120).
  await t.db.payment.update({
    where: { bookingId: started.booking.id },
    data: { status: "AUTHORIZED", captureMethod: "MANUAL", captureAt, succeededAt: null, capturedAt: null },
  });
  return { bookingId: started.booking.id, token: manageToken(started.booking.id, 0) };
}

describe("manage page fee timing", () => {
  it("says the authorised fee will be charged at the deadline, in the visitor's zone, and that cancelling releases it", async () => {
    const captureAt = new Date("2027-01-22T15:00:00Z");
    const { token } = await authorisedBooking(addDays(new Date(), 10), captureAt);
    const view = await getManageView(token);
    expect(view.paidCents).toBe(0);
    expect(view.cancelFeeOutcome).toBe("released");
    // bookingRequest's zone is the visitor's; the sentence names the instant in it.
    expect(view.feeOutcome).toMatch(/^Your card is authorised for \$10 and will be charged on .+ unless you cancel before then\.$/);
  });

  it("says a released authorisation charged nothing", async () => {
    const { token, bookingId } = await authorisedBooking(addDays(new Date(), 10), new Date("2027-01-22T15:00:00Z"));
    await t.db.payment.update({ where: { bookingId }, data: { status: "RELEASED", releasedAt: new Date() } });
    const view = await getManageView(token);
    expect(view.feeOutcome).toBe("Your card authorisation is released; nothing was charged.");
    expect(view.cancelFeeOutcome).not.toBe("released");
  });
});
