import { NextResponse } from "next/server";
import { listAvailableDates } from "@/lib/booking/availability";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const dates = await listAvailableDates();
    return NextResponse.json(
      { timeZone: env().BUSINESS_TIME_ZONE, dates },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, "GET /api/slots/available");
  }
}
