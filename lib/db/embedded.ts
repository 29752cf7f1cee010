import "server-only";
import { mkdir, open, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { unlinkSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { migrateDatabase } from "./migrate";

// Embedded PostgreSQL (PGlite) for machines with no database server. Two processes that
// open the same data folder silently lose writes, so exactly one process owns it and
// serves it over the Postgres protocol on 127.0.0.1; every other process (a script next
// to `npm run dev`, a second app process) connects to that owner. See ADR 001.

export type ProcessRole = "server" | "script";

type OwnerRecord = { pid: number; port: number; role: ProcessRole; startedAt: string };

export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedDatabaseError";
  }
}

export type EmbeddedHandle = {
  url: string;
  ownedHere: boolean;
  /** Stops serving and releases the folder (owner only; a no-op for clients). */
  close: () => Promise<void>;
};

const WAIT_FOR_OWNER_MS = 90_000;
const POLL_MS = 150;

function lockPath(dataDir: string): string {
  return `${dataDir}.owner.json`;
}

function urlFor(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(file: string): Promise<OwnerRecord | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as OwnerRecord;
  } catch {
    return null;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function writeOwner(file: string, record: OwnerRecord): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(record));
  await rename(tmp, file);
}

/** Becomes the owner if the lock file can be created exclusively; null if someone else has it. */
async function tryBecomeOwner(dataDir: string, role: ProcessRole): Promise<EmbeddedHandle | null> {
  const file = lockPath(dataDir);
  let fd;
  try {
    fd = await open(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw error;
  }
  await fd.writeFile(JSON.stringify({ pid: process.pid, port: 0, role, startedAt: new Date().toISOString() }));
  await fd.close();

  const release = () => {
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as OwnerRecord;
      if (current.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);

  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const db = await PGlite.create(dataDir);
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    const url = urlFor(port);

    await migrateDatabase(url);
    await writeOwner(file, { pid: process.pid, port, role, startedAt: new Date().toISOString() });

    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        release();
        process.exit(130);
      });
    }
    return {
      url,
      ownedHere: true,
      close: async () => {
        await server.stop();
        await db.close();
        release();
        process.removeListener("exit", release);
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Returns a Postgres URL for the embedded database, starting the owner in this process
 * when nobody owns the folder. Anyone finding a script as owner waits for it to finish,
 * so nobody depends on a short-lived process; a server owner is shared.
 */
export async function ensureEmbeddedDatabase(dataDir: string, role: ProcessRole): Promise<EmbeddedHandle> {
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const file = lockPath(absolute);
  const deadline = Date.now() + WAIT_FOR_OWNER_MS;
  let told = false;

  while (Date.now() < deadline) {
    const owner = await readOwner(file);
    if (!owner) {
      const handle = await tryBecomeOwner(absolute, role);
      if (handle) return handle;
      await sleep(POLL_MS);
      continue;
    }
    if (owner.pid === process.pid) {
      throw new EmbeddedDatabaseError("This process already owns the embedded database; reuse its handle.");
    }
    if (!isAlive(owner.pid)) {
      // A crashed owner left its lock behind. Remove it only if it is still the same record.
      const again = await readOwner(file);
      if (again && again.pid === owner.pid) await unlink(file).catch(() => {});
      continue;
    }
    // A script owner exits soon and would take the database with it: wait for it instead.
    const waitForScript = owner.role === "script";
    if (!waitForScript && owner.port > 0 && (await canConnect(owner.port))) {
      return { url: urlFor(owner.port), ownedHere: false, close: async () => {} };
    }
    if (!told) {
      told = true;
      console.info(
        `[db] waiting for process ${owner.pid} (${owner.role}) that owns ${absolute} ` +
          `${waitForScript ? "to finish" : "to start serving"}...`,
      );
    }
    await sleep(POLL_MS);
  }
  throw new EmbeddedDatabaseError(
    `Timed out waiting for the process that owns ${absolute} (see ${file}). ` + "Stop it, or set DATABASE_URL to use a PostgreSQL server.",
  );
}
