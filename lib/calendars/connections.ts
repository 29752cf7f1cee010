import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { openSecret, sealSecret } from "./crypto";
import type { ProviderKind } from "./provider";

// Calendar connections: created on /admin/calendars (CalDAV form, Google/Microsoft OAuth) or
// from CALDAV_URL/CALDAV_USERNAME/CALDAV_PASSWORD. Secrets are sealed before they are stored
// and never leave this folder: what pages get is ConnectionView.

/** The OAuth tokens of a connection (the shape of lib/calendars/oauth/types.ts's OAuthTokens). */
export type OAuthTokenSet = { accessToken: string; accessTokenExpiresAt: Date; refreshToken: string };

export type ConnectionView = {
  id: string;
  provider: ProviderKind;
  label: string;
  accountEmail: string | null;
  serverUrl: string | null;
  username: string | null;
  busyCalendarIds: string[];
  writeCalendarId: string | null;
  source: "ADMIN" | "ENV";
  status: "OK" | "BROKEN";
  brokenReason: string | null;
  brokenSince: Date | null;
  lastSyncAt: Date | null;
  lastError: string | null;
  failingSince: Date | null;
  cacheFetchedAt: Date | null;
};

const PROVIDER_LABEL: Record<ProviderKind, string> = { GOOGLE: "Google Calendar", MICROSOFT: "Microsoft 365", CALDAV: "CalDAV" };

export async function listConnections(): Promise<ConnectionView[]> {
  const db = await getDb();
  const rows = await db.calendarConnection.findMany({ orderBy: { createdAt: "asc" }, include: { busyWindow: true } });
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    label: r.label,
    accountEmail: r.accountEmail,
    serverUrl: r.serverUrl,
    username: r.username,
    busyCalendarIds: r.busyCalendarIds,
    writeCalendarId: r.writeCalendarId,
    source: r.source === "ENV" ? "ENV" : "ADMIN",
    status: r.status === "BROKEN" ? "BROKEN" : "OK",
    brokenReason: r.brokenReason,
    brokenSince: r.brokenSince,
    lastSyncAt: r.lastSyncAt,
    lastError: r.lastError,
    failingSince: r.failingSince,
    cacheFetchedAt: r.busyWindow?.fetchedAt ?? null,
  }));
}

export async function createCaldavConnection(input: {
  label: string;
  serverUrl: string;
  username: string;
  password: string;
}): Promise<{ id: string }> {
  const db = await getDb();
  const row = await db.calendarConnection.create({
    data: {
      provider: "CALDAV",
      label: input.label || `${PROVIDER_LABEL.CALDAV} (${input.username})`,
      serverUrl: input.serverUrl,
      username: input.username,
      secretSealed: sealSecret(input.password),
      busyCalendarIds: [],
    },
    select: { id: true },
  });
  log("info", "calendar.connection_created", { connectionId: row.id, provider: "CALDAV" });
  return row;
}

/**
 * Stores the tokens of a finished OAuth flow (h16b's callback route). Connecting the same
 * account again replaces its tokens and clears a broken state: that is how an admin repairs it.
 * @public (called by the OAuth callback route of the Google/Microsoft branch)
 */
export async function createOAuthConnection(input: {
  kind: "GOOGLE" | "MICROSOFT";
  accountEmail: string;
  tokens: OAuthTokenSet;
}): Promise<{ id: string }> {
  const db = await getDb();
  const sealed = {
    secretSealed: sealSecret(input.tokens.refreshToken),
    accessTokenSealed: sealSecret(input.tokens.accessToken),
    accessTokenExpiresAt: input.tokens.accessTokenExpiresAt,
    ...HEALTHY,
  };
  const existing = await db.calendarConnection.findFirst({
    where: { provider: input.kind, accountEmail: input.accountEmail },
    select: { id: true },
  });
  if (existing) {
    await db.calendarConnection.update({ where: { id: existing.id }, data: sealed });
    log("info", "calendar.connection_reconnected", { connectionId: existing.id, provider: input.kind });
    return existing;
  }
  const row = await db.calendarConnection.create({
    data: {
      provider: input.kind,
      label: `${PROVIDER_LABEL[input.kind]} (${input.accountEmail})`,
      accountEmail: input.accountEmail,
      busyCalendarIds: [],
      ...sealed,
    },
    select: { id: true },
  });
  log("info", "calendar.connection_created", { connectionId: row.id, provider: input.kind });
  return row;
}

/** The fields that say a connection works; also what a successful refresh writes. */
export const HEALTHY = {
  status: "OK",
  brokenReason: null,
  brokenSince: null,
  failingSince: null,
  notifiedBrokenAt: null,
  lastError: null,
} as const;

export async function updateConnectionCalendars(
  id: string,
  input: { busyCalendarIds: string[]; writeCalendarId: string | null },
): Promise<void> {
  const db = await getDb();
  await db.calendarConnection.update({ where: { id }, data: input });
}

export class EnvConnectionError extends Error {}

export async function deleteConnection(id: string): Promise<void> {
  const db = await getDb();
  const { count } = await db.calendarConnection.deleteMany({ where: { id, source: "ADMIN" } });
  if (count === 0) throw new EnvConnectionError("This connection is configured by the environment (CALDAV_URL); remove it there.");
  log("info", "calendar.connection_deleted", { connectionId: id });
}

/**
 * Makes the ENV connection match CALDAV_URL/USERNAME/PASSWORD: created, updated when they
 * change (a new password clears a broken state), removed when they are unset.
 */
export async function syncEnvConnection(): Promise<void> {
  const e = env();
  const db = await getDb();
  const current = await db.calendarConnection.findFirst({ where: { source: "ENV" } });
  if (!e.CALDAV_URL || !e.CALDAV_USERNAME || !e.CALDAV_PASSWORD) {
    if (current) await db.calendarConnection.delete({ where: { id: current.id } });
    return;
  }
  const samePassword = current ? safeOpen(current.secretSealed) === e.CALDAV_PASSWORD : false;
  if (current && current.serverUrl === e.CALDAV_URL && current.username === e.CALDAV_USERNAME && samePassword) return;
  const data = {
    serverUrl: e.CALDAV_URL,
    username: e.CALDAV_USERNAME,
    secretSealed: sealSecret(e.CALDAV_PASSWORD),
    label: `${PROVIDER_LABEL.CALDAV} (${e.CALDAV_USERNAME}, from environment)`,
  };
  if (current) {
    await db.calendarConnection.update({ where: { id: current.id }, data: { ...data, ...HEALTHY } });
  } else {
    await db.calendarConnection.createMany({
      data: [{ ...data, provider: "CALDAV", source: "ENV", busyCalendarIds: [] }],
      skipDuplicates: true,
    });
  }
}

function safeOpen(sealed: string): string | null {
  try {
    return openSecret(sealed);
  } catch {
    return null;
  }
}
