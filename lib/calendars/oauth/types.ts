export type OAuthTokens = { accessToken: string; accessTokenExpiresAt: Date; refreshToken: string };
export type OAuthConnection = {
  id: string;
  tokens: OAuthTokens; // decrypted
  /** Persist refreshed tokens (h16a implements: seals and writes CalendarConnection). */
  saveTokens(tokens: OAuthTokens): Promise<void>;
};
