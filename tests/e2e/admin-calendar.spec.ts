import { expect, test } from "./helpers/test";
import { bookAsVisitor, createAdmin, insertSlot, login, offHoursStart } from "./admin-support";

test.beforeAll(() => {
  createAdmin();
});

test("a secret iCal feed of confirmed bookings, shown once and rotatable", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(15, 5));
  await bookAsVisitor(request, slotId, { name: "Feed Person", email: "feed.person@example.com", company: "Feedco" });
  await login(page);
  await page.goto("/admin/calendar");
  const create = page.getByRole("button", { name: /^(Create feed URL|Rotate feed URL…)$/ });
  await create.click();
  if (await page.getByRole("button", { name: "Yes, rotate" }).isVisible()) await page.getByRole("button", { name: "Yes, rotate" }).click();
  await expect(page.getByText("Copy it now: it is shown only once.", { exact: false })).toBeVisible();
  const url = (await page.locator("code").first().textContent())!;
  expect(url).toMatch(/\/api\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
  const feedPath = new URL(url).pathname;

  const feed = await request.get(feedPath);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const ics = await feed.text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain("SUMMARY:Consultation: Feed Person (Feedco)");

  await page.reload();
  await page.getByRole("button", { name: "Rotate feed URL…" }).click();
  await page.getByRole("button", { name: "Yes, rotate" }).click();
  await expect(page.getByText("Any older URL has stopped working.", { exact: false })).toBeVisible();
  expect((await request.get(feedPath)).status()).toBe(404);
  const newPath = new URL((await page.locator("code").first().textContent())!).pathname;
  expect((await request.get(newPath)).status()).toBe(200);
});
