import { expectNoAxeViolations } from "./helpers/axe";
import { expect, test, type Page } from "./helpers/test";
import {
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

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

/** Sum of layout shifts not caused by input, since the page loaded. */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 900 },
  { name: "mobile", width: 375, height: 812 },
]) {
  test(`every step passes axe and is kept as a screenshot (${viewport.name})`, async ({ page, request }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    const slot = await openSlot(request, viewport.name === "desktop" ? 11 : 13);

    await gotoContact(page);
    await expectNoAxeViolations(page, "calendar");
    await keepScreenshot(page, testInfo, `${viewport.name}-1-calendar`);
    const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noHorizontalScroll()).toBe(true);

    await openDateOf(page, slot);
    await expect(page.locator("[data-slot-id]").first()).toBeFocused();
    await expectNoAxeViolations(page, "slot dialog");
    await keepScreenshot(page, testInfo, `${viewport.name}-2-slot-dialog`);
    expect(await layoutShift(page)).toBeLessThan(0.01);

    // Every card in the dialog has the same size.
    const sizes = await page
      .locator("[data-slot-id]")
      .evaluateAll((els) =>
        els.map((e) => `${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`),
      );
    expect(new Set(sizes).size).toBe(1);

    await slotCard(page, slot).click();
    await expect(page.getByRole("heading", { name: "How would you like to meet?" })).toBeFocused();
    await expectNoAxeViolations(page, "method");
    await keepScreenshot(page, testInfo, `${viewport.name}-3-method`);
    await page.locator("[data-method]").first().click();

    await continueButton(page).click();
    await expect(page.getByText("Please enter your full name.")).toBeVisible();
    await expectNoAxeViolations(page, "details with errors");
    await keepScreenshot(page, testInfo, `${viewport.name}-4-details-errors`);

    await fillDetails(page, { name: "Alan Turing", email: `alan.${viewport.name}@example.com`, notes: "Short note." });
    await expectNoAxeViolations(page, "details");
    await keepScreenshot(page, testInfo, `${viewport.name}-5-details`);
    await continueButton(page).click();

    await expect(page.getByRole("heading", { name: "Pay and confirm" })).toBeFocused();
    await expectNoAxeViolations(page, "payment");
    await keepScreenshot(page, testInfo, `${viewport.name}-6-payment`);
    expect(await noHorizontalScroll()).toBe(true);

    await payButton(page).click();
    await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
    await expectNoAxeViolations(page, "confirmed");
    await keepScreenshot(page, testInfo, `${viewport.name}-7-confirmed`);
    expect(await noHorizontalScroll()).toBe(true);
  });
}

test("the demo room passes axe", async ({ page }, testInfo) => {
  await page.goto("/demo-room/teams");
  await expectNoAxeViolations(page, "demo room");
  await keepScreenshot(page, testInfo, "demo-room");
});
