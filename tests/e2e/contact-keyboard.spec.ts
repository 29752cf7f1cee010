import { expect, test, type Page } from "./helpers/test";
import { BOOKING_WINDOW_DAYS, dateKeyIn, gotoContact, openSlot, VISITOR_ZONE } from "./contact-flow";

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      date: el?.dataset.date,
      slot: el?.dataset.slotId,
      method: el?.dataset.method,
      name: el?.getAttribute("name"),
      text: el?.textContent?.trim(),
    };
  });

/** Presses Tab until `done` says the right element has focus. */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    if (done(await focused(page))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`focus never reached the target; last: ${JSON.stringify(await focused(page))}`);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

test("a visitor books with the keyboard alone", async ({ page, request }) => {
  const slot = await openSlot(request, 10);
  const target = dateKeyIn(slot.startsAt, VISITOR_ZONE);
  await gotoContact(page);

  // Tab into the calendar (one tab stop), then walk to the date with the arrow keys.
  await tabUntil(page, (f) => Boolean(f.date));
  const start = (await focused(page)).date!;
  let steps = daysBetween(start, target);
  while (steps >= 7) {
    await page.keyboard.press("ArrowDown");
    steps -= 7;
  }
  for (; steps > 0; steps--) await page.keyboard.press("ArrowRight");
  expect((await focused(page)).date).toBe(target);
  await expect(page.locator(`[data-date="${target}"]`)).toHaveAttribute("aria-label", /open time/);

  // Enter opens the dialog on its first time; Tab stays inside; Escape closes it.
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  expect((await focused(page)).slot).toBeTruthy();
  const stops = await dialog.locator("button, select").count();
  for (let i = 0; i < stops + 2; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Shift+Tab");
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await focused(page)).date).toBe(target);

  // Reopen and take the slot.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabUntil(page, (f) => f.slot === slot.id);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "How would you like to meet?" })).toBeFocused();

  await tabUntil(page, (f) => Boolean(f.method));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();

  await tabUntil(page, (f) => f.name === "name");
  await page.keyboard.type("Katherine Johnson");
  await page.keyboard.press("Tab");
  await page.keyboard.type("katherine.keyboard@example.com");
  await page.keyboard.press("Enter"); // submits the form from a text field
  await expect(page.getByRole("heading", { name: "Pay and confirm" })).toBeFocused();

  await tabUntil(page, (f) => f.text === "Pay $10 & Book Consultation");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
});

test("the calendar moves between months with the keyboard and the buttons", async ({ page }) => {
  await gotoContact(page);
  const month = page.locator("p[aria-live='polite']").filter({ hasText: /\d{4}/ }).first();
  // The month's name only: its count of open dates moves while other specs book on the shared
  // database (and once the browser's zone is known), which is not what this test is about.
  const firstName = (await month.textContent())!.split(",")[0]!;
  const first = new RegExp(`^${firstName},`);
  // The 30-day window (the e2e server's default) ends in this month or the next, depending on
  // the date the clock is pinned to (on the 1st of a 31-day month it stays in one month).
  const today = dateKeyIn(new Date().toISOString(), VISITOR_ZONE);
  const lastDay = dateKeyIn(new Date(Date.now() + BOOKING_WINDOW_DAYS * 86_400_000).toISOString(), VISITOR_ZONE);
  const spansTwoMonths = today.slice(0, 7) !== lastDay.slice(0, 7);
  const next = page.getByRole("button", { name: "Next month" });
  const previous = page.getByRole("button", { name: "Previous month" });
  await expect(previous).toBeDisabled();

  await tabUntil(page, (f) => Boolean(f.date));
  await page.keyboard.press("PageDown");
  if (spansTwoMonths) {
    await expect(month).not.toHaveText(first);
    expect((await focused(page)).date).toBeTruthy();
    await page.keyboard.press("PageUp");
    await expect(month).toHaveText(first);
    await next.click();
    await expect(month).not.toHaveText(first);
    await expect(next).toBeDisabled();
    await previous.click();
    await expect(month).toHaveText(first);
  } else {
    // PageDown stops at the window's last day; the month never changes and Next does nothing.
    expect((await focused(page)).date).toBe(lastDay);
    await expect(next).toBeDisabled();
    await expect(month).toHaveText(first);
  }
  // Days with no open times do nothing when chosen.
  const closed = page.locator("[data-date][aria-disabled='true']").first();
  await closed.click({ force: true });
  await expect(page.getByRole("dialog")).toBeHidden();
});
