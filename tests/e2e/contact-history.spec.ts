import { expectNoAxeViolations } from "./helpers/axe";
import { expect, pinClock, test, type Page } from "./helpers/test";
import {
  allOpenDates,
  continueButton,
  fillDetails,
  gotoContact,
  keepScreenshot,
  openDateOf,
  openSlot,
  payButton,
  slotCard,
  VISITOR_ZONE,
} from "./contact-flow";

// Issue 15, defects 8 and 9: each step of /contact has its own URL, so Back and Forward move
// between steps and a reload resumes the visitor's hold; "Change time" still offers the
// visitor their own held time. Walked at both viewports, with axe on every page visited.

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

for (const viewport of [
  { name: "desktop", width: 1280, height: 800, dateIndex: 17 },
  { name: "mobile", width: 390, height: 844, dateIndex: 18 },
]) {
  test(`Back, Forward, reload and the holder's own time (${viewport.name})`, async ({ page, request, browser }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    const slot = await openSlot(request, viewport.dateIndex);
    const email = `grace.${viewport.name}@example.com`;

    // The host panel: who, what, how long, how much, how.
    await gotoContact(page);
    const host = page.getByRole("region", { name: "Northwind Consulting" });
    await expect(host).toBeVisible();
    await expect(host).toContainText("60 min");
    await expect(host).toContainText("$10, refundable");
    await expect(host.getByRole("list", { name: "Meeting methods offered" }).getByRole("listitem")).not.toHaveCount(0);
    await expectNoAxeViolations(page, `${viewport.name} calendar`);
    await keepScreenshot(page, testInfo, `${viewport.name}-1-calendar-with-host-panel`);
    const box = await host.boundingBox();
    const calendar = await page.getByRole("region", { name: "Pick a date" }).boundingBox();
    if (viewport.name === "desktop") expect(box!.x + box!.width).toBeLessThanOrEqual(calendar!.x);
    else expect(box!.y + box!.height).toBeLessThanOrEqual(calendar!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Forward through the wizard: each step is its own URL.
    await openDateOf(page, slot);
    await expect(page).toHaveURL(/[?&]date=\d{4}-\d{2}-\d{2}/);
    await expectNoAxeViolations(page, `${viewport.name} times dialog`);
    await slotCard(page, slot).click();
    await expect(heading(page, "How would you like to meet?")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`step=method.*slot=${slot.id}`));
    await expectNoAxeViolations(page, `${viewport.name} method`);
    await page.locator("[data-method]").first().click();
    await expect(heading(page, "Your details")).toBeVisible();
    await expect(page).toHaveURL(/step=details.*method=[A-Z_]+/);
    await fillDetails(page, { name: "Grace Hopper", email });
    await expectNoAxeViolations(page, `${viewport.name} details`);
    await continueButton(page).click();
    await expect(heading(page, "Pay and confirm")).toBeVisible();
    await expect(page).toHaveURL(/step=payment/);
    // The refund terms are stated once on the payment step, not twice.
    await expect(page.getByText("refundable booking fee secures your time")).toHaveCount(1);
    await expectNoAxeViolations(page, `${viewport.name} payment`);
    await keepScreenshot(page, testInfo, `${viewport.name}-2-payment`);

    // Back walks the steps in reverse, keeping what was typed; the site is never left.
    await page.goBack();
    await expect(heading(page, "Your details")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Grace Hopper");
    await page.goBack();
    await expect(heading(page, "How would you like to meet?")).toBeVisible();
    await page.goBack();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expect(slotCard(page, slot)).toBeVisible();
    // Forward returns to the payment step with the same hold.
    await page.goForward();
    await expect(heading(page, "How would you like to meet?")).toBeVisible();
    await page.goForward();
    await expect(heading(page, "Your details")).toBeVisible();
    await page.goForward();
    await expect(heading(page, "Pay and confirm")).toBeVisible();

    // A reload resumes the live hold (found through the session cookie, not the URL).
    await page.reload();
    await expect(heading(page, "Pay and confirm")).toBeVisible();
    await expect(page.getByRole("timer")).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expectNoAxeViolations(page, `${viewport.name} payment after reload`);

    // Another visitor does not see the held time…
    const other = await browser.newContext().then(pinClock);
    const othersView = await allOpenDates(other.request, page.url());
    await other.close();
    const othersIds = othersView.flatMap((d) => d.slots.map((s) => s.id));
    expect(othersIds).not.toContain(slot.id);

    // …but the holder, changing the time, still sees it as theirs and can pick it again.
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByRole("button", { name: "Change method" }).click();
    await page.getByRole("button", { name: "Change time" }).click();
    await expect(heading(page, "Pick a date")).toBeVisible();
    await openDateOf(page, slot);
    await expect(slotCard(page, slot)).toContainText("Held for you");
    await expectNoAxeViolations(page, `${viewport.name} times dialog with own hold`);
    await keepScreenshot(page, testInfo, `${viewport.name}-3-own-hold`);
    await slotCard(page, slot).click();
    await page.locator("[data-method]").first().click();
    await expect(page.getByLabel("Full name")).toHaveValue("Grace Hopper");
    await continueButton(page).click();
    await expect(heading(page, "Pay and confirm")).toBeVisible();
    await payButton(page).click();
    await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
    await expectNoAxeViolations(page, `${viewport.name} confirmed`);

    // A stale URL (the time is now booked) falls back to the calendar with a clear message.
    await page.goto(`/contact?step=payment&slot=${slot.id}&method=ZOOM`);
    await expect(page.getByRole("alert").filter({ hasText: "That time is no longer available" })).toBeVisible();
    await expect(heading(page, "Pick a date")).toBeVisible();
    await expect(page).not.toHaveURL(/step=/);
    await expectNoAxeViolations(page, `${viewport.name} stale link`);
  });
}
