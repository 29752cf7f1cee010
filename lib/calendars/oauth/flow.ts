import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { CalendarAuthError, CalendarUnavailableError } from "../provider";
import { microsoftGraphBaseUrl, oauthClient, PROVIDER_LABEL, type OAuthKind } from "./config";
import { httpCall } from "./http";
import { tokenGrant } from "./token-endpoint";
import type { OAuthTokens } from "./types";

// The authorization-code flow with PKCE (S256) and offline access, so the app keeps a
// refresh token: Google needs access_type=offline and prompt=consent (it only hands out a
// refresh token on a consent screen), Microsoft the offline_access scope.

export type Pkce = { verifier: string; challenge: string };

export function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function randomState(): string {
  return randomBytes(32).toString("base64url");
}

export function authorizationUrl(kind: OAuthKind, state: string, redirectUri: string, codeChallenge: string): string {
  const client = oauthClient(kind);
  if (!client.clientId) throw new CalendarAuthError(`${PROVIDER_LABEL[kind]} OAuth is not configured (client id and secret).`);
  const url = new URL(client.authorizeUrl);
  const params: Record<string, string> = {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: client.scopes.join(" "),
    state,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
    ...(kind === "GOOGLE" ? { access_type: "offline", prompt: "consent" } : { response_mode: "query", prompt: "select_account" }),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

const idTokenClaims = z.object({ email: z.email(), email_verified: z.boolean().optional() });
const graphMe = z.object({ mail: z.string().nullish(), userPrincipalName: z.string().nullish() });

/**
 * The account's address, for the admin page. Google's comes from the id_token, which
 * arrived straight from the token endpoint over TLS, so its signature needs no check
 * (OpenID Connect Core 3.1.3.7); Microsoft's from Graph /me.
 */
async function accountEmail(kind: OAuthKind, tokens: OAuthTokens, idToken: string | undefined, timeoutMs?: number): Promise<string> {
  if (kind === "GOOGLE") {
    const payload = idToken?.split(".")[1];
    const claims = payload ? idTokenClaims.safeParse(safeJson(Buffer.from(payload, "base64url").toString("utf8"))) : undefined;
    if (!claims?.success) throw new CalendarAuthError("Google did not say which account was connected (email scope).");
    return claims.data.email;
  }
  const what = "Microsoft Graph /me";
  const answer = await httpCall(what, `${microsoftGraphBaseUrl()}/me?$select=mail,userPrincipalName`, {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
    timeoutMs,
  });
  if (answer.status !== 200) {
    if (answer.status === 401 || answer.status === 403) throw new CalendarAuthError(`${what}: answered HTTP ${answer.status}`);
    throw new CalendarUnavailableError(`${what}: answered HTTP ${answer.status}`);
  }
  const me = graphMe.safeParse(answer.body);
  const email = me.success ? (me.data.mail ?? me.data.userPrincipalName) : null;
  if (!email) throw new CalendarUnavailableError(`${what}: no address in the answer`);
  return email;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function exchangeCode(
  kind: OAuthKind,
  code: string,
  redirectUri: string,
  codeVerifier: string,
  timeoutMs?: number,
): Promise<{ tokens: OAuthTokens; accountEmail: string }> {
  const grant: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: codeVerifier };
  if (kind === "MICROSOFT") grant.scope = oauthClient(kind).scopes.join(" ");
  const { tokens, idToken } = await tokenGrant(kind, grant, { timeoutMs });
  return { tokens, accountEmail: await accountEmail(kind, tokens, idToken, timeoutMs) };
}
