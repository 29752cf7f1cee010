import type { NextRequest } from "next/server";
import { availableSlotsOnBody } from "@/lib/booking/availability";
import { AppError } from "@/lib/errors/app-error";
import { requestClientSession } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";
import { isCalendarDate } from "@/lib/time-zones";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    const date = request.nextUrl.searchParams.get("date") ?? "";
    if (!isCalendarDate(date)) {
      throw new AppError("bad_request", "Query parameter date must be a real calendar date in the form YYYY-MM-DD.");
    }
    const slots = await availableSlotsOnBody(date, { clientSession: requestClientSession(request) });
    const body = `{"date":${JSON.stringify(date)},"timeZone":${JSON.stringify(slots.timeZone)},"slots":${slots.json}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/slots");
  }
}
