import { requireAdmin } from "@/lib/auth/require-admin";
import { bookingsForExport, parseBookingFilters } from "@/lib/admin/bookings-query";
import { bookingsCsv } from "@/lib/admin/bookings-csv";
import { settings } from "@/lib/settings/settings";
import { errorResponse } from "@/lib/http/responses";
import { formatInZone } from "@/lib/time-zones";

// CSV of the bookings list with the same filters as the page (Excel/Sheets safe).
export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdmin();
    const timeZone = (await settings()).BUSINESS_TIME_ZONE;
    const filters = parseBookingFilters(new URL(request.url).searchParams);
    const csv = bookingsCsv(await bookingsForExport(filters, timeZone), timeZone);
    const stamp = formatInZone(new Date(), timeZone, "yyyy-MM-dd-HHmm");
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="bookings-${stamp}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error, "admin.bookings_export");
  }
}
