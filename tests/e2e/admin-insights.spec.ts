import { readFileSync } from "node:fs";
import { expect, test } from "./helpers/test";
import { expectNoAxeViolations } from "./helpers/axe";
import { withE2eDb } from "./helpers/db";
import { createAdmin, insertSlot, login, newBookingId } from "./admin-support";

// A fortnight long before the pinned clock's default range, so no other spec's bookings land in it.
const RANGE = "from=2026-03-02&to=2026-03-15";

async function insertPastBooking(startsAt: string, createdAt: string, status: "COMPLETED" | "NO_SHOW", outcome: "WON" | null) {
  const slotId = await insertSlot(new Date(startsAt), { priceCents: 0 });
  await withE2eDb((db) =>
    db.query(
      `INSERT INTO "Booking" ("id", "slotId", "status", "method", "name", "email", "timeZone", "confirmedAt", "completedAt",
                              "projectOutcome", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, 'PHONE', 'Insights Visitor', 'insights@example.com', 'Europe/London', $4, $5, $6, $4, $4)`,
      [newBookingId(), slotId, status, new Date(createdAt), status === "COMPLETED" ? new Date(startsAt) : null, outcome],
    ),
  );
}

test.beforeAll(async () => {
  createAdmin();
  await insertPastBooking("2026-03-05T03:00:00Z", "2026-03-03T15:00:00Z", "COMPLETED", "WON");
  await insertPastBooking("2026-03-12T03:00:00Z", "2026-03-10T15:00:00Z", "NO_SHOW", null);
});

test("insights show the range's figures, a chart's table alternative, the CSV, and pass axe", async ({ page, request }) => {
  await login(page);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(page.getByText(/compared with the previous 84 days/)).toBeVisible();
  await expectNoAxeViolations(page, "insights (default range)");

  // A custom range, through the form.
  await page.getByLabel("From (business date)").fill("2026-03-02");
  await page.getByLabel("To (business date, included)").fill("2026-03-15");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/insights\\?${RANGE}$`));
  const bookings = page.getByRole("region", { name: "Bookings" });
  await expect(bookings.getByRole("row", { name: /^Bookings 2 0 \+2$/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Bookings per week/ })).toBeVisible();

  // The chart's data table, opened from the keyboard.
  const summary = page.getByText("Show “Bookings per week” as a table");
  await summary.focus();
  await page.keyboard.press("Enter");
  const weekly = page.getByRole("table", { name: "Bookings per week" });
  await expect(weekly.getByRole("row", { name: "Mar 2, 2026 1" })).toBeVisible();
  await expect(weekly.getByRole("row", { name: "Mar 9, 2026 1" })).toBeVisible();
  const outcomes = page.getByRole("table", { name: "Meetings by what became of them" });
  await expect(outcomes.getByRole("row", { name: /^No-show 1 0/ })).toBeVisible();
  await expect(outcomes.getByRole("row", { name: /^Project won 1 0/ })).toBeVisible();
  await expectNoAxeViolations(page, "insights (custom range, table open)");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("insights-2026-03-02-to-2026-03-15.csv");
  const lines = readFileSync((await download.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe('"Figure","Item","This period","Previous period","Counted by"');
  expect(lines).toContain('"Bookings","Total","2","0","Booking date (when the visitor booked)"');
  expect(lines).toContain('"Meetings","Project won","1","0","Meeting date (when the meeting is scheduled)"');

  // A bad range is explained next to its field, and without a session the CSV is refused.
  await page.goto("/admin/insights?from=2026-03-20&to=2026-03-01");
  await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
  await expect(page.getByLabel("To (business date, included)")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "insights (invalid range)");
  expect((await request.get(`/api/admin/insights/export?${RANGE}`)).status()).toBe(401);
});
