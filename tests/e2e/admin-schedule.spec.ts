import { expect, test } from "./helpers/test";
import { expectNoAxeViolations } from "./helpers/axe";
import { withE2eDb } from "./helpers/db";
import { createAdmin, login } from "./admin-support";
import { VISITOR_ZONE, dayButton, gotoContact } from "./contact-flow";

// The admin sets hours for a weekday and a day off; /contact shows both at once. On the pinned
// clock (Wed 2027-01-13 10:00 New York) the 30-day window holds four Sundays. The test puts the
// schedule back at the end, so the seeded weekday grid other specs rely on is unchanged.

const SUNDAY = "2027-01-17";
const DAY_OFF = "2027-02-04"; // a Thursday

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

/** Slots the schedule made on Sundays (business time). */
const sundayScheduleSlots = () =>
  withE2eDb(
    async (db) =>
      (
        await db.query(
          `SELECT count(*)::int AS "n" FROM "Slot" WHERE "source" = 'SCHEDULE' AND extract(isodow FROM "startsAt" AT TIME ZONE 'America/New_York') = 7`,
        )
      ).rows[0].n as number,
  );

test.beforeAll(() => {
  createAdmin();
});

test("weekday hours and a day off saved in admin change the open times on /contact", async ({ page }) => {
  await login(page);
  await page.goto("/admin/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Weekly schedule" })).toBeVisible();
  await expectNoAxeViolations(page, "schedule");
  const notice = page.getByTestId("admin-notice");
  const weekly = page.getByRole("region", { name: "Weekly hours" });

  // A bad range changes nothing and says which day is wrong.
  await weekly.getByLabel("Sunday").fill("15:00-13:00");
  await weekly.getByRole("button", { name: "Save and update slots" }).click();
  await expect(weekly.getByText("15:00-13:00: the end must be after the start")).toBeVisible();
  await expect(weekly.getByLabel("Sunday")).toHaveAttribute("aria-invalid", "true");

  await weekly.getByLabel("Sunday").fill("13:00-15:00");
  await weekly.getByRole("button", { name: "Preview changes" }).click();
  // The suite shares one database, so the counts depend on what other specs left: a slot of
  // theirs may cover a Sunday hour, or the sync may restore a weekday slot one of them deleted.
  // The save does what the preview said, and the Sunday hours are counted from the schedule's slots.
  await expect(notice).toHaveText(/Preview, nothing saved yet: This will create \d+ slots, close 0/);
  const previewed = Number(/create (\d+) slots/.exec((await notice.textContent()) ?? "")![1]);
  await weekly.getByRole("button", { name: "Save and update slots" }).click();
  await expect(notice).toHaveText(new RegExp(`Schedule saved\\. Created ${previewed} slots, closed 0`));
  const sundays = await sundayScheduleSlots();
  expect(sundays).toBeGreaterThan(0);
  expect(sundays).toBeLessThanOrEqual(8); // four Sundays in the window, two hours each

  const overrides = page.getByRole("region", { name: "Date overrides" });
  await overrides.getByLabel("Date").fill(DAY_OFF);
  await overrides.getByLabel("Note (optional)").fill("Team offsite");
  await overrides.getByRole("button", { name: "Save override" }).click();
  await expect(notice).toHaveText(/Day off saved for 2027-02-04\. Created 0 slots, closed \d+/);
  await expect(overrides.getByRole("cell", { name: "Day off" })).toBeVisible();
  await expectNoAxeViolations(page, "schedule with an override");

  // /contact (London): the Sunday opens with two times, the day off has none.
  await gotoContact(page);
  await expect(dayButton(page, SUNDAY)).toHaveAttribute("aria-label", /\d+ open times?/);
  await dayButton(page, SUNDAY).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("6:00");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Next month" }).click();
  await expect(dayButton(page, DAY_OFF)).toHaveAttribute("aria-label", /no open times/);

  // Put the schedule back: the override goes, the Sunday hours go, and their slots with them.
  await page.goto("/admin/schedule");
  await page.getByRole("button", { name: `Remove override for ${DAY_OFF}` }).click();
  await expect(notice).toHaveText(/Override for 2027-02-04 removed\. Created \d+ slots/);
  await weekly.getByLabel("Sunday").fill("");
  await weekly.getByRole("button", { name: "Save and update slots" }).click();
  await expect(notice).toHaveText(
    new RegExp(`Schedule saved\\. Created \\d+ slots, closed ${sundays} \\(${sundays} never booked, so removed\\)`),
  );
  expect(await sundayScheduleSlots()).toBe(0);
});
