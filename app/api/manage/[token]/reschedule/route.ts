import { NextResponse } from "next/server";
import { z } from "zod";
import { clientIp } from "@/lib/http/client-context";
import { errorResponse, readJsonObject, validationError } from "@/lib/http/responses";
import { getManageView, limitManageRequests, rescheduleViaManageLink } from "@/lib/self-service/manage-booking";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ slotId: z.uuid("Please pick a new time.") });

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    await limitManageRequests(await clientIp());
    const { token } = await params;
    const parsed = bodySchema.safeParse(await readJsonObject(request));
    if (!parsed.success) return validationError(parsed.error);
    await rescheduleViaManageLink(token, parsed.data.slotId);
    return NextResponse.json({ booking: await getManageView(token) });
  } catch (error) {
    return errorResponse(error, "POST /api/manage/[token]/reschedule");
  }
}
