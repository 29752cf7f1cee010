import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db";

/** A client on the same database that counts the SQL statements it sends. */
export function countingClient(url: string): { db: Db; count: () => number; reset: () => void } {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  let queries = 0;
  client.$on("query", () => {
    queries++;
  });
  return { db: client as unknown as Db, count: () => queries, reset: () => (queries = 0) };
}
