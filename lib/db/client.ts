import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { ensureEmbeddedDatabase, type EmbeddedHandle, type ProcessRole } from "./embedded";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type State = { db: Promise<Db>; embedded?: EmbeddedHandle };
const globalForDb = globalThis as unknown as {
  __bookingDb?: State;
  __bookingDbOverride?: Db;
  __bookingDbRole?: ProcessRole;
};

/** Scripts declare themselves so they never keep the embedded database to themselves. */
export function setProcessRole(role: ProcessRole): void {
  globalForDb.__bookingDbRole = role;
}

/**
 * PGlite is one Postgres session behind a socket server: queries from several connections are
 * run one message at a time in that session, so two connections' extended-protocol messages can
 * interleave ("bind message supplies 5 parameters, but prepared statement "" requires 2"). One
 * connection per process keeps each query whole; PGlite runs one query at a time anyway (ADR 009).
 */
export const EMBEDDED_POOL_SIZE = 1;

export function createPrismaClient(connectionString: string, poolSize = 10): Db {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolSize }),
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a burst of
    // requests into spurious failures; transactions here are short, so waiting is right.
    transactionOptions: { maxWait: 15_000, timeout: 20_000 },
  });
}

async function connect(state: State): Promise<Db> {
  const e = env();
  if (e.DATABASE_URL) return createPrismaClient(e.DATABASE_URL);
  state.embedded = await ensureEmbeddedDatabase(e.EMBEDDED_DB_DIR, globalForDb.__bookingDbRole ?? "server");
  return createPrismaClient(state.embedded.url, EMBEDDED_POOL_SIZE);
}

/**
 * The one Prisma client of this process, created lazily (never at import time, so
 * `next build` does not open a database). Kept on globalThis so hot reloads reuse it.
 */
export function getDb(): Promise<Db> {
  if (globalForDb.__bookingDbOverride) return Promise.resolve(globalForDb.__bookingDbOverride);
  if (!globalForDb.__bookingDb) {
    const state: State = { db: Promise.resolve(undefined as never) };
    state.db = connect(state).catch((error) => {
      globalForDb.__bookingDb = undefined;
      throw error;
    });
    globalForDb.__bookingDb = state;
  }
  return globalForDb.__bookingDb.db;
}

/** Tests point the whole app at their own database. */
export function useDatabaseForTests(db: Db | undefined): void {
  globalForDb.__bookingDbOverride = db;
}

/** Closes the client and, if this process owns it, the embedded database. */
export async function disconnectDb(): Promise<void> {
  const state = globalForDb.__bookingDb;
  globalForDb.__bookingDb = undefined;
  if (!state) return;
  const db = await state.db.catch(() => undefined);
  await db?.$disconnect();
  await state.embedded?.close();
}
