import type { NextRequest } from "next/server";
import { monthParam, zoneParam } from "@/lib/booking/listing-params";
import { errorResponse } from "@/lib/http/responses";
import { rescheduleDateCountsBody } from "@/lib/self-service/reschedule-calendar";

export const dynamic = "force-dynamic";

/** GET /api/manage/{token}/dates?month=YYYY-MM&tz=: the dates the booking could move to, with counts. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const search = request.nextUrl.searchParams;
    const month = monthParam(search);
    const dates = await rescheduleDateCountsBody(token, month, zoneParam(search));
    const body = `{"month":${JSON.stringify(month)},"timeZone":${JSON.stringify(dates.timeZone)},"dates":${dates.json}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/manage/[token]/dates");
  }
}
