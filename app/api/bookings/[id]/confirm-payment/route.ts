import { NextResponse } from "next/server";
import { getPublicBooking } from "@/lib/booking/public-view";
import { bookingIdSchema } from "@/lib/booking/schemas";
import { AppError } from "@/lib/errors/app-error";
import { requestClientIp } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";
import { finalizeBookingPayment } from "@/lib/payments/finalize";
import { limitPaymentChecks } from "@/lib/payments/payment-check-limits";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!bookingIdSchema.safeParse(id).success) throw new AppError("not_found", "Booking not found.");
    await limitPaymentChecks(id, requestClientIp(request));
    const result = await finalizeBookingPayment(id);
    return NextResponse.json({ outcome: result.outcome, booking: await getPublicBooking(id) });
  } catch (error) {
    return errorResponse(error, "POST /api/bookings/[id]/confirm-payment");
  }
}
