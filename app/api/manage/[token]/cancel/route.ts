import { NextResponse } from "next/server";
import { clientIp } from "@/lib/http/client-context";
import { errorResponse } from "@/lib/http/responses";
import { cancelViaManageLink, getManageView, limitManageRequests } from "@/lib/self-service/manage-booking";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    await limitManageRequests(await clientIp());
    const { token } = await params;
    const result = await cancelViaManageLink(token);
    return NextResponse.json({ ...result, booking: await getManageView(token) });
  } catch (error) {
    return errorResponse(error, "POST /api/manage/[token]/cancel");
  }
}
