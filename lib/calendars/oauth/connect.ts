import "server-only";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { CalendarAuthError, CalendarUnavailableError } from "../provider";
import { oauthConfigured, type OAuthKind } from "./config";
import { completeOAuthConnection, type ConnectingAdmin } from "./complete";
import { authorizationUrl, exchangeCode, pkcePair, randomState } from "./flow";
import { openAttempt, sameSecret, sealAttempt } from "./state-cookie";

// Connecting a Google or Microsoft calendar from admin: /start sends the admin to the
// provider with a fresh state and PKCE challenge; /callback checks the state against the
// cookie, trades the code for tokens and hands them to the calendar core. Every outcome ends
// on the admin calendars page with a notice (see ./notices.ts), never on a raw error.

export const ADMIN_CALENDARS_PATH = "/admin/calendars";

const SLUG: Record<OAuthKind, string> = { GOOGLE: "google", MICROSOFT: "microsoft" };

export function oauthKindFromSlug(slug: string): OAuthKind | null {
  return slug === "google" ? "GOOGLE" : slug === "microsoft" ? "MICROSOFT" : null;
}

/** The redirect URL to register with the provider. */
export function redirectUri(kind: OAuthKind): string {
  return new URL(`/api/admin/calendars/oauth/${SLUG[kind]}/callback`, env().APP_URL).toString();
}

export type OAuthNoticeCode = "connected" | "state" | "denied" | "refused" | "unavailable" | "not_configured" | "failed";

export function noticeUrl(kind: OAuthKind, code: OAuthNoticeCode): string {
  const url = new URL(ADMIN_CALENDARS_PATH, env().APP_URL);
  url.searchParams.set("oauth", code);
  url.searchParams.set("provider", SLUG[kind]);
  return url.toString();
}

export type StartResult = { redirectTo: string; cookie: string | null };

export function beginConnect(kind: OAuthKind, admin: ConnectingAdmin): StartResult {
  if (!oauthConfigured(kind)) return { redirectTo: noticeUrl(kind, "not_configured"), cookie: null };
  const state = randomState();
  const { verifier, challenge } = pkcePair();
  return {
    redirectTo: authorizationUrl(kind, state, redirectUri(kind), challenge),
    cookie: sealAttempt({ kind, state, verifier, adminId: admin.id }),
  };
}

export async function finishConnect(
  kind: OAuthKind,
  admin: ConnectingAdmin,
  params: URLSearchParams,
  cookie: string | undefined,
): Promise<string> {
  const attempt = openAttempt(cookie);
  const returned = params.get("state") ?? "";
  // A callback we did not start (or another admin's, or another provider's) is refused before
  // its code is used: that is the login-CSRF defence.
  if (!attempt || attempt.kind !== kind || attempt.adminId !== admin.id || !sameSecret(attempt.state, returned)) {
    log("warn", "calendar.oauth_state_mismatch", { provider: SLUG[kind] });
    return noticeUrl(kind, "state");
  }
  if (params.get("error")) {
    log("info", "calendar.oauth_denied", { provider: SLUG[kind], reason: params.get("error")?.slice(0, 40) });
    return noticeUrl(kind, "denied");
  }
  const code = params.get("code");
  if (!code) return noticeUrl(kind, "state");
  try {
    const { tokens, accountEmail } = await exchangeCode(kind, code, redirectUri(kind), attempt.verifier);
    await completeOAuthConnection({ kind, accountEmail, tokens }, admin);
    log("info", "calendar.oauth_connected", { provider: SLUG[kind], adminId: admin.id });
    return noticeUrl(kind, "connected");
  } catch (error) {
    const notice = error instanceof CalendarAuthError ? "refused" : error instanceof CalendarUnavailableError ? "unavailable" : "failed";
    log(notice === "failed" ? "error" : "warn", "calendar.oauth_failed", { provider: SLUG[kind], detail: errorDetail(error) });
    return noticeUrl(kind, notice);
  }
}
