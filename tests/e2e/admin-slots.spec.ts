import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { createAdmin, login } from "./admin-support";

const ZONE = "America/New_York";

/** A business-local date `days` ahead that falls on a Saturday (the seeded grid is weekdays). */
function saturdayAhead(minDays: number): string {
  const d = new Date(Date.now() + minDays * 86_400_000);
  while (new Intl.DateTimeFormat("en-US", { timeZone: ZONE, weekday: "short" }).format(d) !== "Sat") d.setTime(d.getTime() + 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

test.beforeAll(() => {
  createAdmin();
});

test.beforeEach(async ({ page }) => {
  await login(page);
  await page.goto("/admin/slots");
});

test("create a slot in business time, refuse an overlapping one, then edit, close and delete it", async ({ page }) => {
  const date = saturdayAhead(3);
  const create = page.getByRole("region", { name: "Create a slot" });
  await create.getByLabel("Date").fill(date);
  await create.getByLabel(/Start time/).fill("10:00");
  await create.getByLabel("Duration (minutes)").fill("45");
  await create.getByLabel("Google Meet").uncheck();
  await create.getByLabel("Amount (USD)").fill("25.00");
  await create.getByRole("button", { name: "Create slot" }).click();
  await expect(page.getByTestId("admin-notice")).toHaveText(/Slot created\./);

  const slot = await withE2eDb(
    async (db) =>
      (
        await db.query(
          `SELECT "id", "priceCents", "durationMinutes", "methods"::text[] AS "methods", to_char("startsAt" AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') AS "local" FROM "Slot" WHERE to_char("startsAt" AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') = $2`,
          [ZONE, `${date} 10:00`],
        )
      ).rows[0],
  );
  expect(slot).toMatchObject({ priceCents: 2500, durationMinutes: 45, local: `${date} 10:00` });
  expect(slot.methods).not.toContain("GOOGLE_MEET");

  // 10:30 overlaps 10:00-10:45: the database refuses it and the admin sees why.
  await create.getByLabel("Date").fill(date);
  await create.getByLabel(/Start time/).fill("10:30");
  await create.getByRole("button", { name: "Create slot" }).click();
  await expect(create.getByRole("alert")).toHaveText(/overlaps an existing slot/);
  await expect(create.getByLabel(/Start time/)).toHaveAttribute("aria-invalid", "true");

  // Edit it (no booking on it), close it, then delete it.
  await page.goto(`/admin/slots/${slot.id}`);
  await page.getByLabel(/Start time/).fill("11:00");
  await page.getByRole("button", { name: "Save slot" }).click();
  await expect(page.getByText("Slot saved.")).toBeVisible();
  const moved = await withE2eDb(
    async (db) =>
      (await db.query(`SELECT to_char("startsAt" AT TIME ZONE $1, 'HH24:MI') AS "t" FROM "Slot" WHERE "id" = $2`, [ZONE, slot.id])).rows[0],
  );
  expect(moved.t).toBe("11:00");

  await page.goto(`/admin/slots?week=${date}`);
  const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );
  await page.getByRole("button", { name: `Close slot ${day}, 11:00 AM` }).click();
  await expect(page.getByText("Slot closed for booking.")).toBeVisible();
  expect((await withE2eDb((db) => db.query(`SELECT "isAvailable" FROM "Slot" WHERE "id" = $1`, [slot.id]))).rows[0].isAvailable).toBe(
    false,
  );

  await page.goto(`/admin/slots/${slot.id}`);
  await page.getByRole("button", { name: "Delete slot…" }).click();
  await page.getByRole("button", { name: "Yes, delete slot" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Slot deleted." })).toBeVisible();
  expect((await withE2eDb((db) => db.query(`SELECT 1 FROM "Slot" WHERE "id" = $1`, [slot.id]))).rowCount).toBe(0);
  const actions = await withE2eDb(async (db) =>
    (await db.query(`SELECT "action" FROM "AuditLog" WHERE "entityId" = $1 ORDER BY "createdAt"`, [slot.id])).rows.map((r) => r.action),
  );
  expect(actions).toEqual(["slot.create", "slot.update", "slot.close", "slot.delete"]);
});

test("bulk generation uses the seed code: evening slots on weekdays, idempotent on a rerun", async ({ page }) => {
  const bulk = page.getByRole("region", { name: "Generate slots in bulk" });
  await bulk.getByLabel("Days ahead").fill("5");
  await bulk.getByLabel("Start hour").fill("18");
  await bulk.getByLabel("End hour").fill("20");
  await bulk.getByLabel("Duration (minutes)").fill("60");
  await bulk.getByLabel("Amount (USD, 0 for free)").fill("0");
  await bulk.getByRole("button", { name: "Generate slots" }).click();
  const message = page.getByTestId("admin-notice").locator("p");
  await expect(message).toHaveText(/^Created \d+ slots; 0 already existed/);
  const created = Number((await message.textContent())!.match(/Created (\d+)/)![1]);
  expect(created).toBeGreaterThanOrEqual(4);
  const evening = await withE2eDb(
    async (db) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "Slot" WHERE extract(hour FROM "startsAt" AT TIME ZONE $1) IN (18, 19) AND "priceCents" = 0 AND NOT "requiresPayment"`,
          [ZONE],
        )
      ).rows[0].n,
  );
  expect(evening).toBe(created);

  await bulk.getByRole("button", { name: "Generate slots" }).click();
  await expect(message).toHaveText(`Created 0 slots; ${created} already existed or overlapped and were skipped.`);
});

test("bulk generation explains a bad plan in the form's own words", async ({ page }) => {
  const bulk = page.getByRole("region", { name: "Generate slots in bulk" });
  await bulk.getByLabel("Start hour").fill("15");
  await bulk.getByLabel("End hour").fill("9");
  await bulk.getByRole("button", { name: "Generate slots" }).click();
  await expect(bulk.getByText("End hour must be after Start hour.")).toBeVisible();
});

test("the week view navigates and shows each slot's status", async ({ page }) => {
  await expect(page.getByRole("heading", { level: 2, name: /^Week of / })).toBeVisible();
  await page.getByRole("link", { name: "Next week →" }).click();
  await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("slot-row").first()).toBeVisible();
  await expect(page.getByTestId("slot-row").first()).toContainText(/Open|Closed|Confirmed|Held/);
});
