import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { bookAsVisitor, createAdmin, insertSlot, login, offHoursStart } from "./admin-support";

test.beforeAll(() => {
  createAdmin();
});

async function expectNoAxeViolations(page: Page, name: string) {
  // A sent email is shown in an iframe with sandbox="" (no scripts, ADR 035): axe cannot run
  // inside it and would wait on it until the test times out. The page around it is scanned.
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude("iframe[sandbox]")
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name} has axe violations`).toEqual([]);
}

test("every admin page passes an axe scan", async ({ page, request }) => {
  test.setTimeout(240_000);
  await page.goto("/admin/login");
  await expectNoAxeViolations(page, "login");
  // The login error state too.
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page, "login error");

  const slotId = await insertSlot(offHoursStart(16, 5));
  const bookingId = await bookAsVisitor(request, slotId, {
    name: "Axe Person",
    email: "axe.person@example.com",
    notes: "Accessible notes",
  });
  const emailId = await withE2eDb(
    async (db) =>
      (await db.query(`SELECT "id" FROM "OutboxEmail" WHERE "bookingId" = $1 LIMIT 1`, [bookingId])).rows[0]?.id as string | undefined,
  );

  await login(page);
  const pages = [
    "/admin",
    "/admin/bookings",
    `/admin/bookings/${bookingId}`,
    "/admin/slots",
    `/admin/slots/${slotId}`,
    "/admin/payments",
    "/admin/emails",
    ...(emailId ? [`/admin/emails/${emailId}`] : []),
    "/admin/calendar",
    "/admin/calendars",
    "/admin/schedule",
    "/admin/settings",
    "/admin/insights",
    "/admin/audit",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, path);
  }

  // A form with errors and a confirmation step open.
  await page.goto("/admin/slots");
  const bulk = page.getByRole("region", { name: "Generate slots in bulk" });
  await bulk.getByLabel("Start hour").fill("15");
  await bulk.getByLabel("End hour").fill("9");
  await bulk.getByRole("button", { name: "Generate slots" }).click();
  await expect(bulk.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page, "slots with errors");
  await page.goto(`/admin/bookings/${bookingId}`);
  await page.getByRole("button", { name: "Cancel booking…" }).click();
  await expect(page.getByRole("button", { name: "Yes, cancel booking" })).toBeFocused();
  await expectNoAxeViolations(page, "cancel confirmation");
});

test("the admin pages can be used with the keyboard: skip link and navigation", async ({ page }) => {
  await login(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Slots" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Slots" })).toBeVisible();
});
