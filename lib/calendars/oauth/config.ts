import "server-only";
import { env } from "@/lib/env";

// Where each OAuth provider lives and what we ask it for. The base URLs are overridable so
// the real client code can talk to the fakes in tests/fakes/.

export type OAuthKind = "GOOGLE" | "MICROSOFT";

/**
 * Least privilege (docs/decisions/097): Google gets the calendar list, free/busy only, and
 * events on calendars the account owns; Microsoft has no read-only-plus-one-calendar split,
 * so Calendars.ReadWrite (and User.Read for the account's address).
 */
export const GOOGLE_SCOPES = [
  "openid",
  "email",
  "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
  "https://www.googleapis.com/auth/calendar.events.freebusy",
  "https://www.googleapis.com/auth/calendar.events.owned",
];
export const MICROSOFT_SCOPES = ["offline_access", "openid", "email", "User.Read", "Calendars.ReadWrite"];

export type OAuthClient = {
  kind: OAuthKind;
  clientId: string | undefined;
  clientSecret: string | undefined;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
};

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function oauthClient(kind: OAuthKind): OAuthClient {
  const e = env();
  if (kind === "GOOGLE") {
    const base = e.GOOGLE_OAUTH_BASE_URL ? trimSlash(e.GOOGLE_OAUTH_BASE_URL) : undefined;
    return {
      kind,
      clientId: e.GOOGLE_CLIENT_ID,
      clientSecret: e.GOOGLE_CLIENT_SECRET,
      authorizeUrl: base ? `${base}/o/oauth2/v2/auth` : "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: base ? `${base}/token` : "https://oauth2.googleapis.com/token",
      scopes: GOOGLE_SCOPES,
    };
  }
  const base = `${trimSlash(e.MICROSOFT_LOGIN_BASE_URL ?? "https://login.microsoftonline.com")}/${encodeURIComponent(e.MICROSOFT_TENANT)}`;
  return {
    kind,
    clientId: e.MICROSOFT_CLIENT_ID,
    clientSecret: e.MICROSOFT_CLIENT_SECRET,
    authorizeUrl: `${base}/oauth2/v2.0/authorize`,
    tokenUrl: `${base}/oauth2/v2.0/token`,
    scopes: MICROSOFT_SCOPES,
  };
}

/** Both the client id and its secret are set: the admin may connect this provider. */
export function oauthConfigured(kind: OAuthKind): boolean {
  const client = oauthClient(kind);
  return Boolean(client.clientId && client.clientSecret);
}

export function googleCalendarBaseUrl(): string {
  return trimSlash(env().GOOGLE_CALENDAR_BASE_URL ?? "https://www.googleapis.com/calendar/v3");
}

export function microsoftGraphBaseUrl(): string {
  return trimSlash(env().MICROSOFT_GRAPH_BASE_URL ?? "https://graph.microsoft.com/v1.0");
}

export const PROVIDER_LABEL: Record<OAuthKind, string> = { GOOGLE: "Google", MICROSOFT: "Microsoft" };
