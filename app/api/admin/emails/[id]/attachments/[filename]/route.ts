import { z } from "zod";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getOutboxAttachment } from "@/lib/admin/email-outbox";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

// A queued email's attachment (its invitation), so the admin can open what the visitor got.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; filename: string }> }): Promise<Response> {
  try {
    await requireAdmin();
    const { id, filename } = await params;
    if (!z.uuid().safeParse(id).success) return notFound();
    const attachment = await getOutboxAttachment(id, filename);
    if (!attachment) return notFound();
    return new Response(attachment.content, {
      headers: {
        "Content-Type": attachment.contentType,
        "Content-Disposition": `attachment; filename="${attachment.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error, "admin.email_attachment");
  }
}
