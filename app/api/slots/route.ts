import type { NextRequest } from "next/server";
import { availableSlotsOnBody } from "@/lib/booking/availability";
import { dateParam, zoneParam } from "@/lib/booking/listing-params";
import { requestClientSession } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const date = dateParam(params, "date", true);
    const slots = await availableSlotsOnBody(date, { clientSession: requestClientSession(request) }, zoneParam(params));
    const body = `{"date":${JSON.stringify(date)},"timeZone":${JSON.stringify(slots.timeZone)},"slots":${slots.json}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/slots");
  }
}
