import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

// Fixed-window counters in Postgres, shared by every instance (serverless-safe). One
// atomic upsert per request (all its rules at once): it starts a new window when the old one
// ended, else counts up.

export type RateLimitRule = { key: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Counts one hit against every rule in one statement (one commit, however many rules).
 * Keys are sorted so two requests touching the same keys lock them in the same order.
 */
export async function hitAll(rules: RateLimitRule[], now = new Date()): Promise<Map<string, RateLimitResult>> {
  const byKey = new Map(rules.map((rule) => [rule.key, rule]));
  const keys = [...byKey.keys()].sort();
  const windows = keys.map((key) => byKey.get(key)!.windowSeconds);
  const db = await getDb();
  const rows = await db.$queryRaw<{ key: string; count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
    SELECT r."key", ${now}, 1, ${now}::timestamptz + make_interval(secs => r."seconds")
    FROM unnest(${keys}::text[], ${windows}::int[]) AS r("key", "seconds")
    ORDER BY r."key"
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now}
        THEN EXCLUDED."expiresAt" ELSE "RateLimitBucket"."expiresAt" END
    RETURNING "key", "count", "windowStart"`;
  const results = new Map<string, RateLimitResult>();
  for (const row of rows) {
    const rule = byKey.get(row.key)!;
    const count = Number(row.count);
    const resetAt = new Date(row.windowStart).getTime() + rule.windowSeconds * 1000;
    results.set(row.key, {
      allowed: count <= rule.limit,
      count,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)),
    });
  }
  return results;
}

/** Counts a hit against each rule; throws a 429 AppError with Retry-After when any is over. */
export async function enforceRateLimits(rules: RateLimitRule[], message: string, now = new Date()): Promise<void> {
  if (rules.length === 0) return;
  const results = await hitAll(rules, now);
  const over = [...results.values()].filter((r) => !r.allowed);
  if (over.length > 0) {
    throw new AppError("rate_limited", message, { retryAfterSeconds: Math.max(...over.map((r) => r.retryAfterSeconds)) });
  }
}

/**
 * Gives one hit back to each key, for a request that turned out not to be the kind the rule
 * limits (a successful sign-in, a hold on a slot that is not open).
 */
export async function refundHits(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const db = await getDb();
  await db.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ANY(${keys}::text[])`;
}

/** Drops finished windows; run by the scheduler. */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
