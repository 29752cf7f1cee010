import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ClientBase } from "pg";

// Applies prisma/migrations/* the way `prisma migrate deploy` does, recording each one in
// _prisma_migrations with Prisma's own columns and checksum, so both tools agree on history.
// Needed because the Prisma 7 schema engine binary cannot be downloaded here (ADR 002).

const MIGRATIONS_LOCK_KEY = 72_707_369;

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export function migrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Applies pending migrations in order. Safe to call from several processes at once. */
export async function applyMigrations(client: ClientBase, dir?: string): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  const applied: string[] = [];
  await client.query(CREATE_HISTORY_TABLE);
  for (const migration of migrations) {
    await client.query("BEGIN");
    try {
      // Serialises concurrent runners; the history check below is then authoritative.
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATIONS_LOCK_KEY]);
      const { rows } = await client.query<{ checksum: string; finished_at: Date | null }>(
        `SELECT checksum, finished_at FROM "_prisma_migrations"
         WHERE migration_name = $1 AND rolled_back_at IS NULL`,
        [migration.name],
      );
      const done = rows.find((r) => r.finished_at !== null);
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum mismatch). ` +
              "Create a new migration instead of changing an applied one.",
          );
        }
        await client.query("COMMIT");
        continue;
      }
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await client.query("COMMIT");
      applied.push(migration.name);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  }
  return applied;
}

/** Connects to `url`, applies pending migrations and disconnects. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await applyMigrations(client);
  } finally {
    await client.end();
  }
}
