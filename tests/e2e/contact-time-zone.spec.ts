import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./helpers/test";
import { dateKeyIn, dayButton, openSlot, timeIn } from "./contact-flow";

// The browser reports India under its retired name; the picker must show the current one.
const BROWSER_ZONE = "Asia/Calcutta";
test.use({ timezoneId: BROWSER_ZONE, locale: "en-US" });

async function expectNoAxeViolations(page: Page, step: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations with ${step}`).toEqual([]);
}

const activeOption = (page: Page) =>
  page.evaluate(() => {
    const id = document.activeElement?.getAttribute("aria-activedescendant");
    return id ? (document.getElementById(id)?.dataset.zone ?? null) : null;
  });

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
]) {
  test.describe(viewport.name, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("the time-zone picker by keyboard: canonical, grouped, searchable, detected zone first", async ({ page, request }) => {
      test.slow(); // axe over ~400 options, on a shared two-core machine
      const slot = await openSlot(request, 4);
      await page.goto("/contact");
      await expect(page.getByText("Dates and times follow your time zone")).toContainText("Kolkata");
      const day = dayButton(page, dateKeyIn(slot.startsAt, "Asia/Kolkata"));
      for (let i = 0; i < 3 && !(await day.isVisible()); i++) await page.getByRole("button", { name: "Next month" }).click();
      await day.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();

      const picker = dialog.getByRole("combobox", { name: "Show times in" });
      for (let i = 0; i < 30 && !(await picker.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
      await expect(picker).toBeFocused();
      await expect(picker).toHaveAttribute("aria-expanded", "false");
      await expect(picker).toHaveValue(/^Kolkata · India Standard Time · UTC\+5:30$/);

      // Down opens the list on the current zone, which comes first, as the visitor's own.
      await page.keyboard.press("ArrowDown");
      await expect(picker).toHaveAttribute("aria-expanded", "true");
      const list = dialog.getByRole("listbox", { name: "Time zones" });
      await expect(list).toBeVisible();
      expect(await activeOption(page)).toBe("Asia/Kolkata");
      const options = list.getByRole("option");
      await expect(options.first()).toHaveAttribute("data-zone", "Asia/Kolkata");
      await expect(options.first()).toContainText("your time zone");
      await expect(options.first()).toHaveAttribute("aria-selected", "true");
      await expect(options.nth(1)).toHaveAttribute("data-zone", "America/New_York");

      const zones = await options.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.zone!));
      expect(zones.length).toBeGreaterThan(300);
      expect(zones.length).toBeLessThan(420);
      for (const retired of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "Asia/Rangoon", "America/Godthab", "Africa/Asmera"]) {
        expect(zones).not.toContain(retired);
      }
      for (const ambiguous of ["America/Indiana/Knox", "America/Indiana/Marengo", "America/North_Dakota/Center"]) {
        expect(zones).not.toContain(ambiguous);
      }
      expect(zones).toContain("Europe/Kyiv");
      expect(await list.getByRole("group").count()).toBeGreaterThan(8);
      await expect(list.getByRole("group").first()).toHaveAccessibleName("Suggested");
      await expect(list.getByRole("group", { name: "Europe" }).getByRole("option", { name: /^Berlin/ })).toContainText(
        "Central European Time · UTC+1",
      );

      // The open list fits the screen, and is accessible.
      const box = (await list.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      await expectNoAxeViolations(page, "the zone list open");

      // Escape closes the list, not the dialog.
      await page.keyboard.press("Escape");
      await expect(picker).toHaveAttribute("aria-expanded", "false");
      await expect(dialog).toBeVisible();

      // Typing filters; Down moves to the match; Enter picks it.
      await page.keyboard.type("berl");
      await expect(picker).toHaveAttribute("aria-expanded", "true");
      await expect(options).toHaveCount(1);
      await page.keyboard.press("ArrowDown");
      expect(await activeOption(page)).toBe("Europe/Berlin");
      await page.keyboard.press("Enter");
      await expect(picker).toHaveAttribute("aria-expanded", "false");
      await expect(picker).toHaveValue("Berlin · Central European Time · UTC+1");
      await expect(dialog).toContainText("Times are shown in Central European Time (CET)");
      await expect(dialog.locator(`[data-slot-id="${slot.id}"]`)).toContainText(timeIn(slot.startsAt, "Europe/Berlin"));

      // Search by offset, and a search with no match says so.
      await page.keyboard.type("utc-5");
      await expect(list.getByRole("option", { name: /^New York/ })).toBeVisible();
      await page.keyboard.press("Control+A");
      await page.keyboard.type("atlantis");
      await expect(options).toHaveCount(0);
      await expect(list).toContainText("No time zone matches");
      await page.keyboard.press("Escape");
      await expect(picker).toHaveValue("Berlin · Central European Time · UTC+1");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });
  });
}

test("the calendar: no empty weeks, disabled month buttons out of the tab order, focus kept at the window's end", async ({ page }) => {
  await page.goto("/contact");
  await expect(page.getByText("Dates and times follow your time zone")).toContainText("Kolkata");
  const grid = page.getByRole("grid");
  const check = async () => {
    const rows = await grid.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("[data-date]").length));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const days of rows) expect(days).toBeGreaterThan(0);
  };
  await check();

  const previous = page.getByRole("button", { name: "Previous month" });
  const next = page.getByRole("button", { name: "Next month" });
  await expect(previous).toBeDisabled();
  // Tab from the top reaches the next-month button and then the grid, never the disabled one.
  await page.locator("body").focus();
  const seen: (string | null)[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? null);
    seen.push(label);
    if (label === "Next month") break;
  }
  expect(seen).not.toContain("Previous month");
  expect(seen).toContain("Next month");

  // At the window's last month the next button turns disabled; focus moves to the previous one.
  for (let i = 0; i < 3 && (await next.isEnabled()); i++) await page.keyboard.press("Enter");
  await expect(next).toBeDisabled();
  await expect(previous).toBeFocused();
  await check();
});

test("every page has a favicon: no 404 while loading", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/contact");
  await expect(page.getByText("Dates and times follow your time zone")).toContainText("Kolkata");
  await page.goto("/admin/login");
  await page.waitForLoadState("networkidle");
  expect(missing).toEqual([]);
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  expect((await request.get(href!)).status()).toBe(200);
});
