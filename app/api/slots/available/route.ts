import { availableDatesBody } from "@/lib/booking/availability";
import type { NextRequest } from "next/server";
import { requestClientSession } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    // The dates arrive as JSON text built by PostgreSQL; parsing and re-serialising them
    // would cost more than the query. The visitor's own hold stays listed for them.
    const dates = await availableDatesBody({ clientSession: requestClientSession(request) });
    const body = `{"timeZone":${JSON.stringify(dates.timeZone)},"dates":${dates.json}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/slots/available");
  }
}
