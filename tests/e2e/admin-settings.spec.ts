import { expect, test } from "./helpers/test";
import { expectNoAxeViolations } from "./helpers/axe";
import { withE2eDb } from "./helpers/db";
import { createAdmin, login } from "./admin-support";
import { gotoContact } from "./contact-flow";

// The owner changes the business's details and a booking rule in /admin/settings; /contact
// shows them on the next request (no restart). Saved values are removed afterwards, so the
// other specs sharing this server see the environment's defaults again.

test.use({ timezoneId: "Europe/London", locale: "en-GB" });

test.beforeAll(() => {
  createAdmin();
});
test.afterAll(async () => {
  await withE2eDb((db) => db.query(`DELETE FROM "BusinessSetting"`));
});

test("saved settings show on /contact at once; a bad value is refused per field", async ({ page }) => {
  test.setTimeout(120_000);
  await gotoContact(page);
  await expect(page.getByText("Northwind Consulting").first()).toBeVisible();
  await expect(page.getByText(/, refundable$/)).toBeVisible();

  await login(page);
  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expectNoAxeViolations(page, "settings");

  // Invalid input the browser lets through (a remote logo): the field says why, nothing is saved.
  const logo = page.getByRole("textbox", { name: "Logo path" });
  await logo.fill("https://evil.example/logo.png");
  await page.getByRole("textbox", { name: "Business name" }).fill("Acme Advisory");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(logo).toHaveAttribute("aria-invalid", "true");
  await expect(logo).toHaveAccessibleDescription(/a path under public\//);
  await expect(page.getByText("Some settings need attention. Nothing was saved.")).toBeVisible();
  await expectNoAxeViolations(page, "settings with errors");
  await logo.fill("");

  await page.getByRole("textbox", { name: "Description" }).fill("Strategy sessions for small product teams.");
  await page.getByRole("radio", { name: "Never refund" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved: 3 settings changed\./)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Business name" })).toHaveValue("Acme Advisory");
  await expect(page.getByText(/Source: saved here by owner@example.com/).first()).toBeVisible();

  await gotoContact(page);
  await expect(page.getByText("Acme Advisory").first()).toBeVisible();
  await expect(page.getByText("Strategy sessions for small product teams.")).toBeVisible();
  await expect(page.getByText(/, non-refundable$/)).toBeVisible();

  // Reset to the default: the environment's value applies again.
  await page.goto("/admin/settings");
  await page.getByRole("checkbox", { name: "Reset “Business name” to the environment default" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved: 1 setting changed\./)).toBeVisible();
  await gotoContact(page);
  await expect(page.getByText("Northwind Consulting").first()).toBeVisible();
});
