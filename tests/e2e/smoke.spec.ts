import { expect, test } from "./helpers/test";
import { allOpenDates } from "./contact-flow";

// The embedded default: a fresh data folder is migrated and seeded on first start.
test("a fresh embedded start serves health and at least 20 bookable dates", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const dates = await allOpenDates(request);
  expect(dates.length).toBeGreaterThanOrEqual(20);
  expect(dates.every((d) => d.slots.length > 0)).toBe(true);
});

test("a malformed date gets a 400 JSON error", async ({ request }) => {
  const response = await request.get("/api/slots?date=2026-02-31");
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/YYYY-MM-DD/);
});
