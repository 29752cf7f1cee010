import "server-only";
import { CalendarAuthError, CalendarUnavailableError } from "../provider";
import { PROVIDER_LABEL, type OAuthKind } from "./config";
import { httpCall, type HttpAnswer, type HttpInit } from "./http";
import { refreshTokens } from "./token-endpoint";
import type { OAuthConnection, OAuthTokens } from "./types";

// Calls an API as one connection: the access token is refreshed when it has expired or
// expires within a minute, and once more if the API refuses it anyway (revoked early); the
// refreshed tokens are saved before they are used, so a rotated refresh token is never lost.

const REFRESH_MARGIN_MS = 60_000;

export type OAuthSession = {
  call(what: string, url: string, init?: HttpInit): Promise<HttpAnswer>;
};

export function oauthSession(kind: OAuthKind, connection: OAuthConnection, timeoutMs?: number): OAuthSession {
  let tokens: OAuthTokens = connection.tokens;
  let refreshing: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    const fresh = await refreshTokens(kind, tokens.refreshToken, timeoutMs);
    try {
      await connection.saveTokens(fresh);
    } catch (cause) {
      throw new CalendarUnavailableError(`${PROVIDER_LABEL[kind]}: could not save the refreshed tokens`, { cause });
    }
    tokens = fresh;
  }

  async function accessToken(force: boolean): Promise<string> {
    if (force || tokens.accessTokenExpiresAt.getTime() - Date.now() <= REFRESH_MARGIN_MS) {
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      await refreshing;
    }
    return tokens.accessToken;
  }

  const send = async (what: string, url: string, init: HttpInit, force: boolean) =>
    httpCall(what, url, {
      timeoutMs,
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${await accessToken(force)}` },
    });

  return {
    async call(what, url, init = {}) {
      const answer = await send(what, url, init, false);
      if (answer.status !== 401) return answer;
      const retried = await send(what, url, init, true);
      if (retried.status === 401) throw new CalendarAuthError(`${what}: ${PROVIDER_LABEL[kind]} refused a fresh access token`);
      return retried;
    },
  };
}
