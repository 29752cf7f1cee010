import "server-only";
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { isProduction, trustProxy } from "@/lib/env";
import { clientIpFrom } from "./client-ip";
import { CLIENT_SESSION_HEADER } from "./session-header";

// Per-browser context for visitor requests: the client IP (for rate limits) and an opaque
// session id (so a visitor who comes back resumes their own hold). The id is the bk_session
// cookie, or, where cookies are blocked or partitioned (the embed in a third-party iframe,
// ADR 114), one the browser keeps itself and sends in a header or action argument.

export const CLIENT_SESSION_COOKIE = "bk_session";

/** The client's rate-limit key under TRUST_PROXY (lib/http/client-ip.ts). */
export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers(), trustProxy());
}

/** The same, from a route handler's own request. */
export function requestClientIp(request: Request): string {
  return clientIpFrom(request.headers, trustProxy());
}

const validSession = (value: string | undefined) => (value && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : undefined);

// A browser-kept id must carry the cookie's own entropy: 24 random bytes are 32 base64url characters.
const validBearerSession = (value: unknown) => (typeof value === "string" && /^[A-Za-z0-9_-]{32,64}$/.test(value) ? value : undefined);

/** A session id the browser kept itself (embed): the same bearer secret as the cookie, or undefined. */
export function explicitClientSession(value: unknown): string | undefined {
  return validBearerSession(value);
}

/** The visitor's session id if they have one; never sets a cookie (pages cannot). */
export async function existingClientSession(): Promise<string | undefined> {
  return (
    validSession((await cookies()).get(CLIENT_SESSION_COOKIE)?.value) ?? validBearerSession((await headers()).get(CLIENT_SESSION_HEADER))
  );
}

/** The same, from a route handler's own request. */
export function requestClientSession(request: NextRequest): string | undefined {
  return validSession(request.cookies.get(CLIENT_SESSION_COOKIE)?.value) ?? validBearerSession(request.headers.get(CLIENT_SESSION_HEADER));
}

/** Returns the visitor's session id, creating the cookie when missing. */
export async function clientSession(): Promise<string> {
  const jar = await cookies();
  const existing = validSession(jar.get(CLIENT_SESSION_COOKIE)?.value);
  if (existing) return existing;
  // A browser that keeps its own id (cookies blocked) is not given a cookie it cannot send back.
  const kept = validBearerSession((await headers()).get(CLIENT_SESSION_HEADER));
  if (kept) return kept;
  const value = randomBytes(24).toString("base64url");
  jar.set(CLIENT_SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    maxAge: 60 * 60 * 24,
  });
  return value;
}
