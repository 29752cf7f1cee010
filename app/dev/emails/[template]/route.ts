import { render } from "@react-email/render";
import { templatePreviews } from "@/emails/templates";
import { isProduction } from "@/lib/env";
import { errorResponse } from "@/lib/http/responses";
import { renderEmail } from "@/lib/email/render";
import { samplePayload } from "@/lib/email/sample-payload";

export const dynamic = "force-dynamic";

const text = (body: string, type: string, status = 200, extra: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store", ...extra } });

/** The calendar invitation the app would attach for this template's kind, from sample data. */
async function sampleInvite(template: string) {
  const kind = template.replace(/-/g, "_");
  const email = await renderEmail({ kind, payload: samplePayload(), queuedAt: new Date("2026-03-01T12:00:00Z") });
  return email.attachments[0];
}

/**
 * One template with its preview props: HTML (default), ?format=text, or ?format=ics for the
 * invitation attached to that kind. 404 in production.
 */
export async function GET(request: Request, { params }: { params: Promise<{ template: string }> }) {
  try {
    const { template } = await params;
    const preview = isProduction() ? undefined : templatePreviews().find((p) => p.name === template);
    if (!preview) return text("Not found", "text/plain", 404);
    const format = new URL(request.url).searchParams.get("format");
    if (format === "ics") {
      const invite = await sampleInvite(template);
      // Offered as the file the email attaches (invite.ics / cancel.ics), as a mail client would.
      return invite
        ? text(invite.content, "text/calendar", 200, { "content-disposition": `attachment; filename="${invite.filename}"` })
        : text("This email has no invitation", "text/plain", 404);
    }
    if (format === "text")
      return text(`Subject: ${preview.subject}\n\n${await render(preview.element, { plainText: true })}`, "text/plain");
    return text(await render(preview.element), "text/html");
  } catch (error) {
    // The rendering error goes to the server log (the dev terminal), not the page.
    return errorResponse(error, "GET /dev/emails/[template]");
  }
}
