import { NextResponse } from "next/server";
import { bookingRequestSchema } from "@/lib/booking/schemas";
import { clientIp, clientSession } from "@/lib/http/client-context";
import { errorResponse, readJsonObject, validationError } from "@/lib/http/responses";
import { startBooking } from "@/lib/payments/start-booking";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const parsed = bookingRequestSchema.safeParse(await readJsonObject(request));
    if (!parsed.success) return validationError(parsed.error);
    const started = await startBooking(parsed.data, { clientSession: await clientSession(), ip: await clientIp() });
    return NextResponse.json(started, { status: started.booking.resumed ? 200 : 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/bookings");
  }
}
