import { createHash, randomBytes } from "node:crypto";
import { bearer, type FakeRequest, type FakeResponse } from "../meetings/json-server";

// The OAuth side of the Google and Microsoft fakes: an authorize endpoint that consents at
// once (redirects back with a code), and a token endpoint for the authorization_code (PKCE
// S256 checked) and refresh_token grants. Access tokens are short-lived on request, so the
// client's refresh path is exercised; revokeRefreshTokens() makes every refresh answer
// invalid_grant, as after the user removes the app's access.

export type FakeAuthorityOptions = {
  clientId?: string;
  clientSecret?: string;
  email: string;
  /** Google returns an id_token; Microsoft rotates the refresh token on each refresh. */
  idToken: boolean;
  rotateRefreshTokens: boolean;
};

export type FakeAuthority = ReturnType<typeof fakeAuthority>;

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString("base64url")}`;

export function fakeAuthority(options: FakeAuthorityOptions) {
  const state = {
    clientId: options.clientId ?? "fake-client-id",
    clientSecret: options.clientSecret ?? "fake-client-secret",
    email: options.email,
    /** Lifetime of the access tokens handed out from now on. */
    accessTokenSeconds: 3600,
    codes: new Map<string, { challenge: string; method: string; redirectUri: string; scope: string }>(),
    refreshTokens: new Map<string, { revoked: boolean }>(),
    accessTokens: new Map<string, number>(),
    /** Every token request, as its form (secrets included: only tests read this). */
    grants: [] as Record<string, string>[],
    /** What the token endpoint answers instead of working (a status, "hang" or "drop"). */
    tokenFailure: null as FakeResponse | null,
  };

  function issue(refreshToken?: string) {
    const accessToken = token("access");
    state.accessTokens.set(accessToken, Date.now() + state.accessTokenSeconds * 1000);
    const fresh = refreshToken ?? token("refresh");
    state.refreshTokens.set(fresh, { revoked: false });
    return { accessToken, refreshToken: fresh, expiresIn: state.accessTokenSeconds };
  }

  function tokenAnswer(issued: ReturnType<typeof issue>, withRefresh: boolean, scope: string): FakeResponse {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const claims = Buffer.from(JSON.stringify({ email: state.email, email_verified: true })).toString("base64url");
    return {
      status: 200,
      json: {
        token_type: "Bearer",
        access_token: issued.accessToken,
        expires_in: issued.expiresIn,
        scope,
        ...(withRefresh ? { refresh_token: issued.refreshToken } : {}),
        ...(options.idToken ? { id_token: `${header}.${claims}.` } : {}),
      },
    };
  }

  const invalidGrant: FakeResponse = {
    status: 400,
    json: { error: "invalid_grant", error_description: "Token has been expired or revoked." },
  };

  return {
    state,

    /** Tokens as if the admin had connected already: hand them to the provider under test. */
    connect() {
      const issued = issue();
      return {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        accessTokenExpiresAt: new Date(Date.now() + issued.expiresIn * 1000),
      };
    },

    reset() {
      state.accessTokenSeconds = 3600;
      state.tokenFailure = null;
      state.grants.length = 0;
    },

    revokeRefreshTokens() {
      for (const entry of state.refreshTokens.values()) entry.revoked = true;
    },

    /** Ends every access token now (as if an hour had passed). */
    expireAccessTokens() {
      for (const key of state.accessTokens.keys()) state.accessTokens.set(key, 0);
    },

    authorized(request: FakeRequest): boolean {
      const expiresAt = state.accessTokens.get(bearer(request) ?? "");
      return expiresAt !== undefined && expiresAt > Date.now();
    },

    authorize(request: FakeRequest): FakeResponse {
      const q = request.url.searchParams;
      const redirectUri = q.get("redirect_uri") ?? "";
      if (q.get("client_id") !== state.clientId || !redirectUri || q.get("response_type") !== "code") {
        return { status: 400, json: { error: "invalid_request" } };
      }
      const code = token("code");
      state.codes.set(code, {
        challenge: q.get("code_challenge") ?? "",
        method: q.get("code_challenge_method") ?? "",
        redirectUri,
        scope: q.get("scope") ?? "",
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      return { status: 302, headers: { location: back.toString() } };
    },

    token(request: FakeRequest): FakeResponse {
      if (state.tokenFailure) return state.tokenFailure;
      const form = Object.fromEntries(new URLSearchParams(request.body));
      state.grants.push(form);
      if (form.client_id !== state.clientId || form.client_secret !== state.clientSecret) {
        return { status: 401, json: { error: "invalid_client" } };
      }
      if (form.grant_type === "authorization_code") {
        const grant = state.codes.get(form.code ?? "");
        state.codes.delete(form.code ?? "");
        const verified =
          grant &&
          grant.method === "S256" &&
          grant.redirectUri === form.redirect_uri &&
          createHash("sha256")
            .update(form.code_verifier ?? "")
            .digest("base64url") === grant.challenge;
        return verified ? tokenAnswer(issue(), true, grant.scope) : invalidGrant;
      }
      if (form.grant_type === "refresh_token") {
        const entry = state.refreshTokens.get(form.refresh_token ?? "");
        if (!entry || entry.revoked) return invalidGrant;
        if (options.rotateRefreshTokens) entry.revoked = true;
        const issued = options.rotateRefreshTokens ? issue() : issue(form.refresh_token);
        return tokenAnswer(issued, options.rotateRefreshTokens, form.scope ?? "");
      }
      return { status: 400, json: { error: "unsupported_grant_type" } };
    },
  };
}
