import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

// Fixed-window counters in Postgres, shared by every instance (serverless-safe). One
// atomic upsert per check: it starts a new window when the old one ended, else counts up.

export type RateLimitRule = { key: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function hit(rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
    VALUES (${rule.key}, ${now}, 1, ${new Date(now.getTime() + rule.windowSeconds * 1000)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now}
        THEN ${new Date(now.getTime() + rule.windowSeconds * 1000)} ELSE "RateLimitBucket"."expiresAt" END
    RETURNING "count", "windowStart"`;
  const row = rows[0]!;
  const count = Number(row.count);
  const resetAt = new Date(row.windowStart).getTime() + rule.windowSeconds * 1000;
  return {
    allowed: count <= rule.limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)),
  };
}

/** Counts a hit against each rule; throws a 429 AppError with Retry-After when any is over. */
export async function enforceRateLimits(rules: RateLimitRule[], message: string, now = new Date()): Promise<void> {
  for (const rule of rules) {
    const result = await hit(rule, now);
    if (!result.allowed) {
      throw new AppError("rate_limited", message, { retryAfterSeconds: result.retryAfterSeconds });
    }
  }
}

/** Drops finished windows; run by the scheduler. */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
