import type { NextRequest } from "next/server";
import { dateParam, zoneParam } from "@/lib/booking/listing-params";
import { errorResponse } from "@/lib/http/responses";
import { rescheduleTimesBody } from "@/lib/self-service/reschedule-calendar";

export const dynamic = "force-dynamic";

/** GET /api/manage/{token}/times?date=YYYY-MM-DD&tz=: the times on that date the booking could move to. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const search = request.nextUrl.searchParams;
    const date = dateParam(search, "date", true);
    const slots = await rescheduleTimesBody(token, date, zoneParam(search));
    const body = `{"date":${JSON.stringify(date)},"timeZone":${JSON.stringify(slots.timeZone)},"slots":${slots.json}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/manage/[token]/times");
  }
}
