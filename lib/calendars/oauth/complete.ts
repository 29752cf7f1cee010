import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { createOAuthConnection } from "../connections";
import type { OAuthKind } from "./config";
import type { OAuthTokens } from "./types";

// Where the OAuth callback hands a new connection to the calendar core: the tokens are sealed
// and stored by createOAuthConnection (reconnecting the same account replaces its tokens and
// clears a broken state), and the admin who connected it is in the audit log.

export type NewOAuthConnection = { kind: OAuthKind; accountEmail: string; tokens: OAuthTokens };
export type ConnectingAdmin = { id: string; email: string };

export async function completeOAuthConnection(connection: NewOAuthConnection, admin: ConnectingAdmin): Promise<void> {
  const { id } = await createOAuthConnection(connection);
  await recordAudit(await getDb(), admin, {
    action: "calendar.connect",
    entityType: "calendar",
    entityId: id,
    after: { provider: connection.kind, accountEmail: connection.accountEmail },
  });
}
