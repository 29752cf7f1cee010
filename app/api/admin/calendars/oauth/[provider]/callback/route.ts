import { NextResponse } from "next/server";
import { requireAdmin } from "@/lib/auth/require-admin";
import { finishConnect, oauthKindFromSlug } from "@/lib/calendars/oauth/connect";
import { attemptCookieOptions, OAUTH_COOKIE, readCookie } from "@/lib/calendars/oauth/state-cookie";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/responses";

// Where Google or Microsoft send the admin back: state checked, code exchanged, connection
// saved, then back to /admin/calendars with a notice. The attempt cookie is spent either way.
export async function GET(request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const kind = oauthKindFromSlug((await context.params).provider ?? "");
    if (!kind) throw new AppError("not_found", "Unknown calendar provider.");
    const redirectTo = await finishConnect(kind, admin, new URL(request.url).searchParams, readCookie(request, OAUTH_COOKIE));
    const response = NextResponse.redirect(redirectTo, 303);
    response.cookies.set(OAUTH_COOKIE, "", attemptCookieOptions(0));
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    return errorResponse(error, "admin.calendar_oauth_callback");
  }
}
