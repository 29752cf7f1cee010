import { clientIp } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";
import { limitManageRequests, manageIcs } from "@/lib/self-service/manage-booking";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    await limitManageRequests(await clientIp());
    const { token } = await params;
    const ics = await manageIcs(token);
    return new Response(ics.content, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${ics.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "GET /api/manage/[token]/ics");
  }
}
