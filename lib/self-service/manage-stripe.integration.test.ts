import { addDays, addHours } from "date-fns";
import { describe, expect, it } from "vitest";
import { manageToken } from "@/lib/links/manage-link";
import { finalizeBookingPayment } from "@/lib/payments/finalize";
import { startBooking } from "@/lib/payments/start-booking";
import { onChargeNowPath } from "@/tests/fakes/stripe/scenarios";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { cancelViaManageLink, getManageView } from "./manage-booking";

// Self-service cancellation with real card payments: the refund goes to (fake) Stripe.
const t = useTestDatabase();
const stripe = useFakeStripe();

async function paidBooking(startsAt: Date) {
  const slot = await createSlot(t.db, { startsAt });
  const started = await startBooking(bookingRequest(slot.id), { clientSession: "stripe-visitor-0123456789" });
  expect(started.payment.mode).toBe("stripe");
  await onChargeNowPath(t.db, started.booking.id);
  const payment = await t.db.payment.findUniqueOrThrow({ where: { bookingId: started.booking.id } });
  await stripe.pay(payment.providerPaymentId);
  expect((await finalizeBookingPayment(started.booking.id)).outcome).toBe("confirmed");
  return { bookingId: started.booking.id, intentId: payment.providerPaymentId, token: manageToken(started.booking.id, 0) };
}

describe("cancel through the manage link with Stripe", () => {
  it("refunds the card in full outside the 24 h window, once", async () => {
    const { bookingId, intentId, token } = await paidBooking(addDays(new Date(), 3));
    expect(await cancelViaManageLink(token)).toEqual({ outcome: "cancelled", refundCents: 1000, released: false });
    expect(await cancelViaManageLink(token)).toEqual({ outcome: "already_cancelled", refundCents: 0, released: false });
    const refunds = [...stripe.fake.state.refunds.values()].filter((r) => r.payment_intent === intentId);
    expect(refunds.map((r) => r.amount)).toEqual([1000]);
    const payment = await t.db.payment.findUniqueOrThrow({ where: { bookingId } });
    expect(payment).toMatchObject({ status: "REFUNDED", refundedCents: 1000 });
    expect((await getManageView(token)).status).toBe("CANCELLED");
  });

  it("refunds nothing inside the window and sends nothing to Stripe", async () => {
    const { bookingId, intentId, token } = await paidBooking(addHours(new Date(), 6));
    expect(await cancelViaManageLink(token)).toEqual({ outcome: "cancelled", refundCents: 0, released: false });
    expect([...stripe.fake.state.refunds.values()].filter((r) => r.payment_intent === intentId)).toEqual([]);
    expect(await t.db.payment.findUniqueOrThrow({ where: { bookingId } })).toMatchObject({ status: "SUCCEEDED", refundedCents: 0 });
  });
});
