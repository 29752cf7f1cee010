import { NextResponse } from "next/server";
import { clientIp } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";
import { getManageView, limitManageRequests } from "@/lib/self-service/manage-booking";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    await limitManageRequests(await clientIp());
    const { token } = await params;
    return NextResponse.json({ booking: await getManageView(token) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/manage/[token]");
  }
}
