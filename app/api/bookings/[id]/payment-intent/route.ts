import { NextResponse } from "next/server";
import { bookingIdSchema } from "@/lib/booking/schemas";
import { AppError } from "@/lib/errors/app-error";
import { requestClientIp } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";
import { limitPaymentChecks } from "@/lib/payments/payment-check-limits";
import { paymentIntentForBooking } from "@/lib/payments/payment-intent";

export const dynamic = "force-dynamic";

// The booking id (26 random base32 characters) is the visitor's capability here, as for
// GET /api/bookings/{id} and confirm-payment; the client secret only lets its holder pay.

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!bookingIdSchema.safeParse(id).success) throw new AppError("not_found", "Booking not found.");
    await limitPaymentChecks(id, requestClientIp(request));
    return NextResponse.json(await paymentIntentForBooking(id), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "POST /api/bookings/[id]/payment-intent");
  }
}
