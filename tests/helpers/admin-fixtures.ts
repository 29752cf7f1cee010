// Test fixtures for the admin's integration tests (never imported by app code).
import { addMinutes } from "date-fns";
import type { Db } from "@/lib/db";
import type { BookingStatus } from "@/lib/db/generated/enums";
import { newBookingId } from "@/lib/booking/ids";
import { createSlot } from "@/tests/helpers/factories";
import { upsertAdmin } from "@/lib/auth/admin-accounts";
import { getAuth } from "@/lib/auth/auth";

export const ADMIN = { email: "owner@example.com", password: "correct horse battery" };

/** Creates the admin and returns request headers carrying a real session cookie. */
export async function adminSessionHeaders(): Promise<Headers> {
  await upsertAdmin(ADMIN);
  const auth = await getAuth();
  const { headers } = await auth.api.signInEmail({ body: ADMIN, returnHeaders: true });
  return new Headers({ cookie: (headers.get("set-cookie") ?? "").split(";")[0]! });
}

export async function seedBooking(
  db: Db,
  options: {
    status?: BookingStatus;
    startsAt?: Date;
    priceCents?: number;
    paidCents?: number;
    name?: string;
    email?: string;
    company?: string;
    notes?: string;
  } = {},
) {
  const status = options.status ?? "CONFIRMED";
  const priceCents = options.priceCents ?? 1000;
  const slot = await createSlot(db, { ...(options.startsAt ? { startsAt: new Date(options.startsAt) } : {}), priceCents });
  const now = new Date();
  const booking = await db.booking.create({
    data: {
      id: newBookingId(),
      slotId: slot.id,
      status,
      method: "ZOOM",
      name: options.name ?? "Ada Lovelace",
      email: options.email ?? "ada@example.com",
      company: options.company ?? "Analytical Engines",
      notes: options.notes ?? null,
      timeZone: "Europe/London",
      holdExpiresAt: status === "PENDING_PAYMENT" ? addMinutes(now, 10) : null,
      confirmedAt: ["CONFIRMED", "COMPLETED", "NO_SHOW"].includes(status) ? now : null,
      cancelledAt: status === "CANCELLED" ? now : null,
      meetingUrl: "https://zoom.example/j/1",
    },
  });
  const payment =
    options.paidCents !== undefined
      ? await db.payment.create({
          data: {
            bookingId: booking.id,
            provider: "DEMO",
            providerPaymentId: `demo_${booking.id}`,
            amountCents: options.paidCents,
            currency: "usd",
            status: "SUCCEEDED",
            succeededAt: now,
          },
        })
      : null;
  return { slot, booking, payment };
}
