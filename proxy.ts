import { NextResponse, type NextRequest } from "next/server";
import { adminLoginRedirect } from "@/lib/auth/login-redirect";
import { env } from "@/lib/env";
import { isEmbedPath } from "@/lib/security/embed-origins";
import { securityHeaders } from "@/lib/security/headers";
import { settings } from "@/lib/settings/settings";

// Runs before every page (not API routes or static files):
// 1. security headers with a per-request CSP nonce, which Next applies to its own scripts;
//    Only the embed pages (/embed…) may be framed, by EMBED_ALLOWED_ORIGINS (ADR 113);
// 2. for /admin, a convenience redirect to the login page when there is no session cookie
//    at all. It never decides who is an admin: every admin page, action and route checks
//    the session in the database itself (lib/auth/require-admin).
export async function proxy(request: NextRequest) {
  const e = env();
  const embed = isEmbedPath(request.nextUrl.pathname);
  const headers = securityHeaders({
    embedAncestors: embed ? (await settings()).EMBED_ALLOWED_ORIGINS : undefined,
    nonce: crypto.randomUUID().replaceAll("-", ""),
    stripe: Boolean(e.STRIPE_SECRET_KEY && e.NEXT_PUBLIC_STRIPE_PUBLIC_KEY),
    production: e.NODE_ENV === "production",
    development: e.NODE_ENV === "development",
  });

  const redirect = adminLoginRedirect(request);
  if (redirect) {
    for (const [name, value] of Object.entries(headers)) redirect.headers.set(name, value);
    return redirect;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
