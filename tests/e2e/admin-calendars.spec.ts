import { expect, test } from "./helpers/test";
import { createAdmin, login } from "./admin-support";
import { allOpenDates, gotoContact, openDateOf, openSlot, slotCard, VISITOR_ZONE } from "./contact-flow";
import { startRadicale, veventIcs, type Radicale } from "../helpers/radicale";

// The owner connects a CalDAV calendar (a real Radicale) in admin; a busy event in it makes the
// overlapping slot disappear from /contact and from the public API.

let radicale: Radicale;

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  radicale = await startRadicale();
  createAdmin();
});
test.afterAll(async () => {
  await radicale?.stop();
});

test("a busy event in a connected CalDAV calendar hides its slot from /contact", async ({ page, request }) => {
  const user = `e2e-owner-${Date.now()}`;
  const calendarUrl = await radicale.makeCalendar(user, "work");
  const slot = await openSlot(request, 4);
  const start = new Date(slot.startsAt);
  await radicale.putEvent(
    calendarUrl,
    "dentist",
    veventIcs("dentist", new Date(start.getTime() + 15 * 60_000), new Date(start.getTime() + 45 * 60_000)),
  );

  await gotoContact(page);
  await openDateOf(page, slot);
  await expect(slotCard(page, slot)).toBeVisible();

  await login(page);
  await page.goto("/admin/calendars");
  await page.getByLabel("Server URL").fill(radicale.url);
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("App password").fill("e2e-app-password-123");
  await page.getByRole("button", { name: "Connect CalDAV" }).click();
  await expect(page.getByText("Calendar connected.", { exact: false })).toBeVisible();
  const connection = page.getByRole("listitem", { name: new RegExp(`Connection .*${user}`) });
  await expect(connection).toContainText("OK");
  await expect(connection.getByRole("checkbox", { name: "work" })).toBeVisible();
  // The app password is never sent back to the page.
  await page.reload();
  expect(await page.content()).not.toContain("e2e-app-password-123");

  const dates = await allOpenDates(request);
  expect(dates.flatMap((d) => d.slots.map((s) => s.id))).not.toContain(slot.id);

  await gotoContact(page);
  await openDateOf(page, slot);
  await expect(slotCard(page, slot)).toHaveCount(0);
});
