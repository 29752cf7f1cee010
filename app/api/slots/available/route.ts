import type { NextRequest } from "next/server";
import { availableDatesPageBody } from "@/lib/booking/availability-calendar";
import { dateParam } from "@/lib/booking/listing-params";
import { requestClientSession } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    // One page of whole dates (ADR 140); `next` continues from the first date left out.
    // The dates arrive as JSON text built by PostgreSQL; parsing and re-serialising them
    // would cost more than the query. The visitor's own hold stays listed for them.
    const params = request.nextUrl.searchParams;
    const range = { from: dateParam(params, "from"), to: dateParam(params, "to") };
    const page = await availableDatesPageBody(range, { clientSession: requestClientSession(request) });
    const next = page.next
      ? `/api/slots/available?${new URLSearchParams({ from: page.next, ...(range.to ? { to: range.to } : {}) })}`
      : null;
    const body = `{"timeZone":${JSON.stringify(page.timeZone)},"dates":${page.json},"next":${JSON.stringify(next)}}`;
    return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/slots/available");
  }
}
