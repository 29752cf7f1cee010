import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import { paymentReturnView } from "./return-view";

const t = useTestDatabase();
const stripe = useFakeStripe();

describe("the /contact/return view", () => {
  it("finalises a redirect payment that went through", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    expect(await paymentReturnView(held.bookingId)).toEqual({ kind: "settled", bookingId: held.bookingId });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).status).toBe("CONFIRMED");
  });

  it("offers a retry on the same intent when the payment failed and the hold is active", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId, "pm_card_chargeDeclinedExpiredCard");
    const view = await paymentReturnView(held.bookingId);
    expect(view).toMatchObject({ kind: "failed", message: "The card has expired.", retry: { clientSecret: held.clientSecret, amountCents: 1000 } });
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).status).toBe("FAILED");
  });

  it("sends a lapsed, unpaid hold to the booking page", async () => {
    const held = await heldStripeBooking(t.db);
    await lapseHold(t.db, held.bookingId);
    expect(await paymentReturnView(held.bookingId)).toEqual({ kind: "settled", bookingId: held.bookingId });
  });

  it("says so when Stripe cannot be asked, and knows no unknown booking", async () => {
    const held = await heldStripeBooking(t.db);
    stripe.fake.outage("500");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await paymentReturnView(held.bookingId)).toEqual({ kind: "unavailable", bookingId: held.bookingId });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.return_unavailable"));
    expect(await paymentReturnView(undefined)).toEqual({ kind: "not_found" });
    expect(await paymentReturnView("bk_aaaaaaaaaaaaaaaaaaaaaaaaaa")).toEqual({ kind: "not_found" });
  });
});
