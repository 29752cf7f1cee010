import { addSeconds } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { enforceRateLimits, hitAll } from "./rate-limit";

const t = useTestDatabase();
const now = new Date("2030-01-01T12:00:00Z");
const rules = (limit = 2) => [
  { key: "test:ip:1.2.3.4", limit, windowSeconds: 60 },
  { key: "test:email:a@example.com", limit: limit + 1, windowSeconds: 600 },
];

describe("hitAll", () => {
  it("counts every rule in one statement, each against its own limit and window", async () => {
    const first = await hitAll(rules(), now);
    expect([...first.values()].map((r) => r.count)).toEqual([1, 1]);
    await hitAll(rules(), addSeconds(now, 1));
    const third = await hitAll(rules(), addSeconds(now, 2));
    expect(third.get("test:ip:1.2.3.4")).toEqual({ allowed: false, count: 3, retryAfterSeconds: 58 });
    expect(third.get("test:email:a@example.com")).toEqual({ allowed: true, count: 3, retryAfterSeconds: 598 });
    // The short window has ended: it starts again at 1; the long one keeps counting.
    const later = await hitAll(rules(), addSeconds(now, 61));
    expect(later.get("test:ip:1.2.3.4")).toMatchObject({ allowed: true, count: 1 });
    expect(later.get("test:email:a@example.com")).toMatchObject({ allowed: false, count: 4 });
    expect(await t.db.rateLimitBucket.count()).toBe(2);
  });

  it("refuses with 429 and the longest Retry-After among the rules that are over", async () => {
    await enforceRateLimits(
      rules(0).map((r) => ({ ...r, limit: 1 })),
      "slow down",
      now,
    );
    const error = await enforceRateLimits(
      rules(0).map((r) => ({ ...r, limit: 1 })),
      "slow down",
      addSeconds(now, 5),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, message: "slow down", retryAfterSeconds: 595 });
  });

  it("never deadlocks when concurrent requests list the same keys in opposite orders", async () => {
    const forward = rules(1000);
    const backward = [...forward].reverse();
    await Promise.all(Array.from({ length: 30 }, (_, i) => hitAll(i % 2 ? forward : backward, now)));
    const buckets = await t.db.rateLimitBucket.findMany({ orderBy: { key: "asc" } });
    expect(buckets.map((b) => b.count)).toEqual([30, 30]);
  });
});
