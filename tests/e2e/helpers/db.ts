import { readFileSync } from "node:fs";
import pg from "pg";

// Browser tests reach the app's embedded database as a client of its owner (the
// `next start` process), exactly as operator scripts do. Keep queries autocommit: the
// embedded server shares one session, so an open transaction here would block the app.

export function e2ePort(): number {
  return Number(process.env.E2E_PORT ?? 3100);
}

export function e2eDataDir(): string {
  return `.data/e2e-${e2ePort()}/pglite`;
}

export async function withE2eDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const owner = JSON.parse(readFileSync(`${e2eDataDir()}.owner.json`, "utf8")) as { port: number };
  const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${owner.port}/postgres?sslmode=disable` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
