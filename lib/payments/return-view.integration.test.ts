import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import { paymentReturnView } from "./return-view";

const t = useTestDatabase();
const VISITOR = { ip: "203.0.113.7" };
const stripe = useFakeStripe();

describe("the /contact/return view", () => {
  afterEach(() => {
    delete process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING;
    delete process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_IP;
  });
  it("finalises a redirect payment that went through", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    expect(await paymentReturnView(held.bookingId, VISITOR)).toEqual({ kind: "settled", bookingId: held.bookingId });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).status).toBe("CONFIRMED");
  });

  it("offers a retry on the same intent when the payment failed and the hold is active", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId, "pm_card_chargeDeclinedExpiredCard");
    const view = await paymentReturnView(held.bookingId, VISITOR);
    expect(view).toMatchObject({
      kind: "failed",
      message: "The card has expired.",
      retry: { clientSecret: held.clientSecret, amountCents: 1000 },
    });
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).status).toBe("FAILED");
  });

  it("sends a lapsed, unpaid hold to the booking page", async () => {
    const held = await heldStripeBooking(t.db);
    await lapseHold(t.db, held.bookingId);
    expect(await paymentReturnView(held.bookingId, VISITOR)).toEqual({ kind: "settled", bookingId: held.bookingId });
  });

  it("says so when Stripe cannot be asked, and knows no unknown booking", async () => {
    const held = await heldStripeBooking(t.db);
    stripe.fake.outage("500");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await paymentReturnView(held.bookingId, VISITOR)).toEqual({ kind: "unavailable", bookingId: held.bookingId });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("payment.return_unavailable"));
    expect(await paymentReturnView(undefined, VISITOR)).toEqual({ kind: "not_found" });
    expect(await paymentReturnView("bk_aaaaaaaaaaaaaaaaaaaaaaaaaa", VISITOR)).toEqual({ kind: "not_found" });
  });

  it("stops asking Stripe about one booking past the per-booking limit, and says to check again", async () => {
    process.env.RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING = "2";
    const held = await heldStripeBooking(t.db);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const ip of ["198.51.100.1", "198.51.100.2"]) await paymentReturnView(held.bookingId, { ip });
    const before = stripe.fake.requests.length;
    expect(await paymentReturnView(held.bookingId, { ip: "198.51.100.3" })).toEqual({ kind: "unavailable", bookingId: held.bookingId });
    expect(stripe.fake.requests.length).toBe(before);
  });
});
