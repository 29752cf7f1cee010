import { NextResponse } from "next/server";
import { requireAdmin } from "@/lib/auth/require-admin";
import { beginConnect, oauthKindFromSlug } from "@/lib/calendars/oauth/connect";
import { attemptCookieOptions, OAUTH_COOKIE } from "@/lib/calendars/oauth/state-cookie";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/responses";

// Sends the admin to Google or Microsoft to grant calendar access (docs/calendars.md).
export async function GET(_request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const kind = oauthKindFromSlug((await context.params).provider ?? "");
    if (!kind) throw new AppError("not_found", "Unknown calendar provider.");
    const { redirectTo, cookie } = beginConnect(kind, admin);
    const response = NextResponse.redirect(redirectTo, 303);
    if (cookie) response.cookies.set(OAUTH_COOKIE, cookie, attemptCookieOptions());
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    return errorResponse(error, "admin.calendar_oauth_start");
  }
}
