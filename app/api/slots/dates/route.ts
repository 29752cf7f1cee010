import type { NextRequest } from "next/server";
import { availableDateCountsBody } from "@/lib/booking/availability-calendar";
import { monthParam, zoneParam } from "@/lib/booking/listing-params";
import { requestClientSession } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const month = monthParam(params);
    const dates = await availableDateCountsBody(month, { clientSession: requestClientSession(request) }, zoneParam(params));
    const body = `{"month":${JSON.stringify(month)},"timeZone":${JSON.stringify(dates.timeZone)},"dates":${dates.json}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/slots/dates");
  }
}
