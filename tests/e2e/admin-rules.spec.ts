import { expect, test, type Page } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { createAdmin, insertBooking, login } from "./admin-support";
import { VISITOR_ZONE, dateKeyIn, dayButton, gotoContact, openDateOf, openSlot, slotCard, type OpenSlot } from "./contact-flow";

// Issue 17's promise in the browser: the owner sets a buffer and a daily cap in
// /admin/settings, and /contact changes on the next load (no restart). Saved values are
// removed afterwards so the other specs sharing this server see the defaults.

test.use({ timezoneId: VISITOR_ZONE, locale: "en-GB" });

test.beforeAll(() => {
  createAdmin();
});
test.afterAll(async () => {
  await withE2eDb((db) => db.query(`DELETE FROM "BusinessSetting"`));
});

async function saveSetting(page: Page, label: string, value: string) {
  await page.goto("/admin/settings");
  await page.getByRole("spinbutton", { name: label }).fill(value);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved: \d+ settings? changed\./)).toBeVisible();
}

test("a buffer hides the time after a booking and a daily cap closes the day, on /contact at once", async ({ page, request }) => {
  test.setTimeout(120_000);
  // A seeded business-hours date of our own: its first three hourly times.
  const last = await openSlot(request, 7);
  const day = dateKeyIn(last.startsAt, "America/New_York");
  const all = (await (await request.get(`/api/slots?date=${day}`)).json()) as { slots: OpenSlot[] };
  const [booked, next, later] = all.slots;
  expect(later, "the date needs three open times").toBeTruthy();
  await insertBooking(booked!.id, "CONFIRMED", { name: "Rules Visitor", email: "rules@example.com" });

  await gotoContact(page);
  await openDateOf(page, next!);
  await expect(slotCard(page, next!)).toBeVisible();

  // A 60-minute buffer: the hour straight after the booking is hidden, the one after stays.
  await login(page);
  await saveSetting(page, "Buffer after each meeting (minutes)", "60");
  await gotoContact(page);
  await openDateOf(page, later!);
  await expect(slotCard(page, later!)).toBeVisible();
  await expect(slotCard(page, next!)).toHaveCount(0);

  // The server refuses it too, not only the page: holding the hidden time fails with the rule.
  const refused = await request.post("/api/bookings", {
    data: { slotId: next!.id, method: next!.methods[0], name: "Late Comer", email: "late@example.com", timeZone: VISITOR_ZONE },
  });
  expect([409, 422]).toContain(refused.status());
  expect(JSON.stringify(await refused.json())).toMatch(/minutes free/);

  // A daily cap of 1: the date with a booking has no open times at all.
  await saveSetting(page, "Buffer after each meeting (minutes)", "0");
  await saveSetting(page, "Bookings per day at most (0 = no cap)", "1");
  await gotoContact(page);
  const button = dayButton(page, dateKeyIn(next!.startsAt, VISITOR_ZONE));
  for (let i = 0; i < 3 && !(await button.isVisible()); i++) await page.getByRole("button", { name: "Next month" }).click();
  await expect(button).toHaveAttribute("aria-label", /no open times/);
  await expect(button).toHaveAttribute("aria-disabled", "true");
});
