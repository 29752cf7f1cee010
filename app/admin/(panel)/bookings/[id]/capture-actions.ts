"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { adminCaptureNow, adminReleaseAuthorization } from "@/lib/admin/payment-capture-actions";
import { bookingIdSchema } from "@/lib/booking/schemas";

// Thin actions for an authorised fee (ADR 120): session check, zod parse, one audited call into
// lib/admin/payment-capture-actions.ts, revalidate. Shown only while the payment is AUTHORIZED.

const booking = z.object({ bookingId: bookingIdSchema });
const releaseSchema = booking.extend({
  reason: z.string().trim().min(1, "Give a reason (it is kept in the audit log).").max(500, "At most 500 characters."),
});

function refreshBooking(bookingId: string) {
  revalidatePath(`/admin/bookings/${bookingId}`);
  revalidatePath("/admin", "layout");
}

export const captureNowAction = adminAction("payment.capture", booking, async (actor, input) => {
  const message = await adminCaptureNow(input, actor);
  refreshBooking(input.bookingId);
  return message;
});

export const releaseAuthorizationAction = adminAction("payment.release", releaseSchema, async (actor, input) => {
  const message = await adminReleaseAuthorization(input, actor);
  refreshBooking(input.bookingId);
  return message;
});
