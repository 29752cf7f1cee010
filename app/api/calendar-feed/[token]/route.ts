import { NextResponse } from "next/server";
import { calendarFeedIcs, isValidFeedToken } from "@/lib/admin/calendar-feed";
import { errorResponse } from "@/lib/http/responses";

// Public by design: calendar apps cannot sign in, so the secret token in the URL is the
// credential (compared in constant time against its stored hash).
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params;
    if (!(await isValidFeedToken(token))) {
      return NextResponse.json({ error: { code: "not_found", message: "Unknown calendar feed." } }, { status: 404 });
    }
    return new Response(await calendarFeedIcs(), {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="consultations.ics"',
        "Cache-Control": "private, no-store",
        "X-Robots-Tag": "noindex",
      },
    });
  } catch (error) {
    return errorResponse(error, "calendar_feed");
  }
}
