import "server-only";
import { getDb } from "@/lib/db";
import type { CalendarConnection } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { caldavProvider } from "./caldav/provider";
import { googleProvider } from "./google/provider";
import { microsoftProvider } from "./microsoft/provider";
import { openSecret, sealSecret, SealedSecretError } from "./crypto";
import type { OAuthTokenSet } from "./connections";
import { CalendarAuthError, type CalendarProvider, type ProviderKind } from "./provider";

// Which client serves a connection. The factory takes a registry so that tests (and the lead,
// when merging the Google and Microsoft providers) can plug in what they need.

/** The stored connection a factory builds its provider from (secrets still sealed). */
export type StoredConnection = Pick<
  CalendarConnection,
  "id" | "provider" | "serverUrl" | "username" | "secretSealed" | "accessTokenSealed" | "accessTokenExpiresAt"
>;
/** What a provider takes from the business's settings (read by the caller, once per run). */
export type ProviderContext = { floatingZone: string };
export type ProviderFactory = (connection: StoredConnection, context: ProviderContext) => CalendarProvider;
export type ProviderRegistry = Partial<Record<ProviderKind, ProviderFactory>>;

/** What an OAuth provider receives (the shape of lib/calendars/oauth/types.ts's OAuthConnection). */
export type OAuthConnectionInput = { id: string; tokens: OAuthTokenSet; saveTokens(tokens: OAuthTokenSet): Promise<void> };

function open(sealed: string): string {
  try {
    return openSecret(sealed);
  } catch (error) {
    if (error instanceof SealedSecretError)
      throw new CalendarAuthError("The stored credentials cannot be read (was AUTH_SECRET changed?). Reconnect.");
    throw error;
  }
}

const caldav: ProviderFactory = (c, context) => {
  if (!c.serverUrl || !c.username) throw new CalendarAuthError("This CalDAV connection has no server URL or username.");
  return caldavProvider(
    { serverUrl: c.serverUrl, username: c.username, password: open(c.secretSealed) },
    { timeoutMs: env().CALENDAR_PROVIDER_TIMEOUT_MS, floatingZone: context.floatingZone },
  );
};

/**
 * Adapts an OAuth provider (googleProvider, microsoftProvider) to a stored connection.
 */
export function oauthFactory(make: (connection: OAuthConnectionInput) => CalendarProvider): ProviderFactory {
  return (c) =>
    make({
      id: c.id,
      tokens: {
        refreshToken: open(c.secretSealed),
        accessToken: c.accessTokenSealed ? open(c.accessTokenSealed) : "",
        accessTokenExpiresAt: c.accessTokenExpiresAt ?? new Date(0),
      },
      async saveTokens(tokens) {
        const db = await getDb();
        await db.calendarConnection.update({
          where: { id: c.id },
          data: {
            secretSealed: sealSecret(tokens.refreshToken),
            accessTokenSealed: sealSecret(tokens.accessToken),
            accessTokenExpiresAt: tokens.accessTokenExpiresAt,
          },
        });
      },
    });
}

const timeouts = () => ({ timeoutMs: env().CALENDAR_PROVIDER_TIMEOUT_MS });

export const PROVIDERS: ProviderRegistry = {
  CALDAV: caldav,
  GOOGLE: oauthFactory((c) => googleProvider(c, timeouts())),
  MICROSOFT: oauthFactory((c) => microsoftProvider(c, timeouts())),
};

let override: ProviderRegistry | null = null;
/** Tests: replace the registry (null restores it). */
export function useProviderRegistry(registry: ProviderRegistry | null): void {
  override = registry;
}

export function providerFor(
  connection: StoredConnection,
  context: ProviderContext,
  registry: ProviderRegistry = override ?? PROVIDERS,
): CalendarProvider {
  const factory = registry[connection.provider];
  if (!factory) throw new CalendarAuthError(`The ${connection.provider} calendar provider is not available in this build.`);
  return factory(connection, context);
}
