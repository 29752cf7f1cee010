import { expect } from "vitest";
import type { Db } from "@/lib/db";
import { manageToken } from "@/lib/links/manage-link";
import { finalizeBookingPayment } from "@/lib/payments/finalize";
import { startBooking } from "@/lib/payments/start-booking";
import { onChargeNowPath } from "@/tests/fakes/stripe/scenarios";
import { bookingRequest, createSlot } from "./factories";

/**
 * A booking confirmed through the real flow on a new slot at `startsAt`, its fee charged at once
 * (demo), so refunds have money to return, and the manage link its emails carry.
 */
export async function confirmedWithManageLink(db: Db, startsAt: Date, email = "ada@example.com") {
  const slot = await createSlot(db, { startsAt });
  const started = await startBooking(bookingRequest(slot.id, { email }), { clientSession: `s-${email}-0123456789abcdef` });
  await onChargeNowPath(db, started.booking.id);
  expect((await finalizeBookingPayment(started.booking.id)).outcome).toBe("confirmed");
  return { bookingId: started.booking.id, slot, token: manageToken(started.booking.id, 0) };
}
