import { addDays, addMinutes } from "date-fns";
import type { Db } from "@/lib/db";
import { manageToken, manageTokenHash } from "@/lib/links/manage-link";
import { requireGateway } from "@/lib/payments/gateway-registry";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import type { FakeStripeHandle } from "./use-fake-stripe";

// A confirmed booking whose fee is authorised, as finalize leaves it (ADR 120): a manual-capture
// intent confirmed at the fake (requires_capture, capture_before on its charge) and the row
// AUTHORIZED with its capture time; or the same in demo mode, without a gateway.

export type AuthorisedOptions = { provider?: "STRIPE" | "DEMO"; startsAt?: Date; captureAt?: Date };

export async function authorisedBooking(db: Db, stripe: FakeStripeHandle, options: AuthorisedOptions = {}) {
  const now = new Date();
  const { booking } = await seedBooking(db, { startsAt: options.startsAt ?? addDays(now, 4) });
  await db.booking.update({ where: { id: booking.id }, data: { manageTokenHash: manageTokenHash(manageToken(booking.id, 0)) } });
  let intentId = `demo_${booking.id}`;
  let authorizedUntil = addDays(now, 7);
  if (options.provider !== "DEMO") {
    const intent = await stripe.sdk.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      capture_method: "manual",
      metadata: { booking_id: booking.id },
    });
    stripe.fake.state.confirmIntent(intent.id, "pm_card_visa");
    intentId = intent.id;
    authorizedUntil = (await requireGateway().retrieveIntent(intent.id)).authorizedUntil!;
  }
  const payment = await db.payment.create({
    data: {
      bookingId: booking.id,
      provider: options.provider ?? "STRIPE",
      providerPaymentId: intentId,
      amountCents: 1000,
      currency: "usd",
      status: "AUTHORIZED",
      captureMethod: "MANUAL",
      capturePlanReason: "refund_deadline",
      captureAt: options.captureAt ?? addMinutes(now, -1),
      authorizedAt: now,
      authorizedUntil,
    },
  });
  return { bookingId: booking.id, paymentId: payment.id, intentId, token: manageToken(booking.id, 0), authorizedUntil };
}
