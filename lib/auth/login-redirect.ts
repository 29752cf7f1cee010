import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { AUTH_COOKIE_PREFIX, LOGIN_PATH } from "./constants";

// For proxy.ts (kept separate so the proxy can compose it with other request work). A
// convenience only: a request for an admin page with no session cookie at all goes
// straight to the login page. It never decides who is an admin; every admin page, action
// and route checks the session in the database itself (lib/auth/require-admin.ts).

export function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

/** The redirect to the login page, or null when the request may go on. */
export function adminLoginRedirect(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  if (!isAdminPath(pathname) || pathname === LOGIN_PATH) return null;
  if (getSessionCookie(request, { cookiePrefix: AUTH_COOKIE_PREFIX })) return null;
  const login = new URL(LOGIN_PATH, request.url);
  login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}
