import type { OAuthConnection, OAuthTokens } from "@/lib/calendars/oauth/types";
import type { FakeAuthority } from "./fake-authority";

// An OAuthConnection over tokens the fake issued, recording what the provider saves. For
// the core's tests too: build a provider on it, call fake.oauth.revokeRefreshTokens() and
// fake.oauth.expireAccessTokens(), and the next call throws CalendarAuthError as a real
// revoked grant would.
export function fakeConnection(oauth: FakeAuthority, options: { expired?: boolean } = {}): OAuthConnection & { saved: OAuthTokens[] } {
  const tokens = oauth.connect();
  if (options.expired) {
    oauth.expireAccessTokens();
    tokens.accessTokenExpiresAt = new Date(Date.now() - 1000);
  }
  const saved: OAuthTokens[] = [];
  return {
    id: "fake-connection",
    tokens,
    saved,
    async saveTokens(fresh) {
      saved.push(fresh);
    },
  };
}
