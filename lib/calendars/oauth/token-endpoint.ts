import "server-only";
import { z } from "zod";
import { CalendarAuthError, CalendarUnavailableError } from "../provider";
import { oauthClient, PROVIDER_LABEL, type OAuthKind } from "./config";
import { httpCall } from "./http";
import type { OAuthTokens } from "./types";

// The token endpoint (RFC 6749): authorization_code and refresh_token grants. A revoked or
// expired grant is a CalendarAuthError with a reason the admin can act on; the endpoint
// being down is a CalendarUnavailableError. Neither ever carries a token or the raw answer.

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().optional(),
});
const errorAnswer = z.object({ error: z.string() });

export type TokenAnswer = { tokens: OAuthTokens; idToken: string | undefined };

export async function tokenGrant(
  kind: OAuthKind,
  grant: Record<string, string>,
  options: { previousRefreshToken?: string; timeoutMs?: number } = {},
): Promise<TokenAnswer> {
  const client = oauthClient(kind);
  const label = PROVIDER_LABEL[kind];
  if (!client.clientId || !client.clientSecret) {
    throw new CalendarAuthError(`${label} OAuth is not configured (client id and secret).`);
  }
  const what = `${label} token endpoint`;
  const answer = await httpCall(what, client.tokenUrl, {
    method: "POST",
    form: { ...grant, client_id: client.clientId, client_secret: client.clientSecret },
    timeoutMs: options.timeoutMs,
  });
  if (answer.status >= 500 || answer.status === 429) throw new CalendarUnavailableError(`${what}: answered HTTP ${answer.status}`);
  if (answer.status !== 200) {
    const error = errorAnswer.safeParse(answer.body);
    const code = error.success ? error.data.error : `HTTP ${answer.status}`;
    if (code === "invalid_grant") {
      throw new CalendarAuthError(`${label} refused the saved authorization (revoked or expired); reconnect the calendar.`);
    }
    if (code === "invalid_client" || code === "unauthorized_client") {
      throw new CalendarAuthError(`${label} refused the OAuth client; check its client id and secret.`);
    }
    throw new CalendarAuthError(`${label} refused the token request (${code.slice(0, 40)}).`);
  }
  const parsed = tokenAnswer.safeParse(answer.body);
  if (!parsed.success) throw new CalendarUnavailableError(`${what}: unexpected answer`);
  const refreshToken = parsed.data.refresh_token ?? options.previousRefreshToken;
  if (!refreshToken) {
    throw new CalendarAuthError(`${label} granted no refresh token (offline access); remove the app's access and connect again.`);
  }
  return {
    tokens: {
      accessToken: parsed.data.access_token,
      accessTokenExpiresAt: new Date(Date.now() + (parsed.data.expires_in ?? 3600) * 1000),
      refreshToken,
    },
    idToken: parsed.data.id_token,
  };
}

/** New access token (and, with Microsoft, a new refresh token) for a saved refresh token. */
export async function refreshTokens(kind: OAuthKind, refreshToken: string, timeoutMs?: number): Promise<OAuthTokens> {
  const grant: Record<string, string> = { grant_type: "refresh_token", refresh_token: refreshToken };
  if (kind === "MICROSOFT") grant.scope = oauthClient(kind).scopes.join(" ");
  const { tokens } = await tokenGrant(kind, grant, { previousRefreshToken: refreshToken, timeoutMs });
  return tokens;
}
