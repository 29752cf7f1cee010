import { NextResponse } from "next/server";
import { getPublicBooking } from "@/lib/booking/public-view";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    return NextResponse.json({ booking: await getPublicBooking(id) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/bookings/[id]");
  }
}
