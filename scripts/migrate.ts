// Applies prisma/migrations to the database in DATABASE_URL (or the embedded one), recording
// them in _prisma_migrations exactly as `prisma migrate deploy` would.
import { runScript } from "./lib/run-script";

await runScript(async () => {
  const { env } = await import("../lib/env");
  const url = env().DATABASE_URL;
  if (!url) {
    const { getDb } = await import("../lib/db/client");
    await getDb(); // The embedded owner migrates on open.
    console.log(`Embedded database in ${env().EMBEDDED_DB_DIR} is up to date.`);
    return 0;
  }
  const { migrateDatabase } = await import("../lib/db/migrate");
  const applied = await migrateDatabase(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "No pending migrations.");
  return 0;
});
