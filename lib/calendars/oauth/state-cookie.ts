import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret, env } from "@/lib/env";
import type { OAuthKind } from "./config";

// The short-lived cookie that carries one connect attempt from /start to /callback: the
// random state (compared with the one the provider sends back, against login CSRF) and the
// PKCE verifier, bound to the provider and the admin who started it. Stateless and signed
// with AUTH_SECRET, so any instance can finish a flow another one began. httpOnly, and
// SameSite=Lax so it rides along on the provider's top-level redirect back to us.

export const OAUTH_COOKIE = "bk_calendar_oauth";
export const OAUTH_COOKIE_PATH = "/api/admin/calendars/oauth";
const LIFETIME_SECONDS = 600;

export type OAuthAttempt = { kind: OAuthKind; state: string; verifier: string; adminId: string };
type Payload = OAuthAttempt & { expires: number };

const mac = (body: string) => createHmac("sha256", authSecret()).update(`calendar-oauth:v1:${body}`).digest("base64url");

export function sealAttempt(attempt: OAuthAttempt, now = new Date()): string {
  const payload: Payload = { ...attempt, expires: Math.floor(now.getTime() / 1000) + LIFETIME_SECONDS };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(body)}`;
}

/** The attempt when the cookie is ours, unexpired and unchanged; else null. */
export function openAttempt(value: string | undefined, now = new Date()): OAuthAttempt | null {
  const match = value && /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const [, body, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(body));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
  } catch {
    return null;
  }
  if (typeof payload.expires !== "number" || payload.expires * 1000 <= now.getTime()) return null;
  return { kind: payload.kind, state: payload.state, verifier: payload.verifier, adminId: payload.adminId };
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function attemptCookieOptions(maxAgeSeconds = LIFETIME_SECONDS) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().APP_URL.startsWith("https://"),
    path: OAUTH_COOKIE_PATH,
    maxAge: maxAgeSeconds,
  };
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
