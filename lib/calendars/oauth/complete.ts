import "server-only";
import type { OAuthKind } from "./config";
import type { OAuthTokens } from "./types";

// MERGE SEAM (h16b → h16a): the callback hands the new connection to the calendar core here.
// At merge the lead replaces the body with a call to createOAuthConnection from
// lib/calendars/connections.ts (h16a), which seals the tokens and stores the connection.
// Until then connecting fails loudly instead of pretending to have saved anything.

export type NewOAuthConnection = { kind: OAuthKind; accountEmail: string; tokens: OAuthTokens };
export type ConnectingAdmin = { id: string; email: string };

export async function completeOAuthConnection(connection: NewOAuthConnection, admin: ConnectingAdmin): Promise<void> {
  void connection;
  void admin;
  throw new Error("lib/calendars/oauth/complete.ts is not wired to createOAuthConnection yet");
}
