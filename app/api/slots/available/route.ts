import { availableDatesBody } from "@/lib/booking/availability";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    // The dates arrive as JSON text built by PostgreSQL; parsing and re-serialising them
    // would cost more than the query.
    const body = `{"timeZone":${JSON.stringify(env().BUSINESS_TIME_ZONE)},"dates":${await availableDatesBody()}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/slots/available");
  }
}
