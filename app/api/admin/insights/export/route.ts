import { requireAdmin } from "@/lib/auth/require-admin";
import { getInsights } from "@/lib/admin/insights";
import { insightsCsv } from "@/lib/admin/insights-csv";
import { parseInsightsRange } from "@/lib/admin/insights-range";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/responses";
import { settings } from "@/lib/settings/settings";

// The insights page's figures as CSV, for the same range query (?range= or ?from=&to=).
export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdmin();
    const timeZone = (await settings()).BUSINESS_TIME_ZONE;
    const now = new Date();
    const parsed = parseInsightsRange(Object.fromEntries(new URL(request.url).searchParams), timeZone, now);
    if (!parsed.ok) throw new AppError("validation_failed", Object.values(parsed.errors).join(" "));
    const csv = insightsCsv(await getInsights(parsed.range, timeZone, now));
    const { from, to } = parsed.range.current;
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="insights-${from}-to-${to}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error, "admin.insights_export");
  }
}
