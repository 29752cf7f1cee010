import { afterAll, beforeAll, beforeEach } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { migrateDatabase } from "@/lib/db/migrate";
import { createScratchDatabase } from "./scratch-database";
import { createPrismaClient, EMBEDDED_POOL_SIZE, useDatabaseForTests, type Db } from "@/lib/db/client";

// Gives each integration test file its own freshly migrated database: an in-memory
// PGlite served over the Postgres protocol (the same adapter-pg path as production), or
// a new database on the server named by TEST_DATABASE_URL.

export type TestDatabase = { db: Db; url: string; kind: "pglite" | "postgres"; close: () => Promise<void> };

export function testDbKind(): "pglite" | "postgres" {
  return process.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite";
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === "postgres") {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error("TEST_DATABASE_URL is not set");
    const scratch = await createScratchDatabase(base, "test");
    const db = createPrismaClient(scratch.url, 60);
    return {
      db,
      url: scratch.url,
      kind: "postgres",
      close: async () => {
        await db.$disconnect();
        await scratch.drop();
      },
    };
  }
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 64 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  await migrateDatabase(url);
  const db = createPrismaClient(url, EMBEDDED_POOL_SIZE);
  return {
    db,
    url,
    kind: "pglite",
    close: async () => {
      await db.$disconnect();
      await server.stop();
      await pglite.close();
    },
  };
}

const APP_TABLES = [
  "AuditLog",
  "OutboxEmail",
  "Refund",
  "Payment",
  "Booking",
  "Slot",
  "WebhookEvent",
  "RateLimitBucket",
  "AppSetting",
  "ScheduleOverrideRange",
  "ScheduleOverride",
  "ScheduleRange",
  "Schedule",
  "BusinessSetting",
  "CalendarWrite",
  "CalendarEvent",
  "CalendarBusyInterval",
  "CalendarBusyWindow",
  "CalendarConnection",
  "session",
  "account",
  "verification",
  "user",
];

export async function truncateAll(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`TRUNCATE ${APP_TABLES.map((t) => `"${t}"`).join(", ")} CASCADE`);
}

/**
 * Registers hooks for an integration test file: one database for the file, emptied
 * before each test, and installed as the app's database.
 */
export function useTestDatabase(): { readonly db: Db; readonly current: TestDatabase } {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
    useDatabaseForTests(current.db);
  });
  beforeEach(async () => {
    if (current) await truncateAll(current.db);
  });
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await current?.close();
  });
  return {
    get db() {
      if (!current) throw new Error("test database not ready (use inside tests)");
      return current.db;
    },
    get current() {
      if (!current) throw new Error("test database not ready");
      return current;
    },
  };
}
