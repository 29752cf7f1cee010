import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/db/health-check";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Configuration check plus a database round trip: 200, or 503 when either is not usable. */
export async function GET() {
  try {
    const report = await checkHealth();
    return NextResponse.json(report, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/health");
  }
}
