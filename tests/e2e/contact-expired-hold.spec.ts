import { expect, pinClock, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import {
  chooseSlotAndMethod,
  continueButton,
  fillDetails,
  gotoContact,
  openDateOf,
  openSlot,
  payButton,
  slotCard,
  VISITOR_ZONE,
} from "./contact-flow";

test("an expired hold frees the slot for the next visitor without any job running", async ({ browser, request }) => {
  const slot = await openSlot(request, 9);
  const first = await browser.newContext({ timezoneId: VISITOR_ZONE, locale: "en-US" }).then(pinClock);
  const second = await browser.newContext({ timezoneId: VISITOR_ZONE, locale: "en-US" }).then(pinClock);
  try {
    const holder = await first.newPage();
    await gotoContact(holder);
    await chooseSlotAndMethod(holder, slot);
    await fillDetails(holder, { name: "Holder One", email: "holder.expired@example.com" });
    await continueButton(holder).click();
    await expect(holder.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();

    // While the hold is live, nobody else is offered the time.
    const next = await second.newPage();
    await gotoContact(next);
    await openDateOf(next, slot);
    await expect(slotCard(next, slot)).toHaveCount(0);

    // The hold lapses (the scheduler is off in e2e: nothing marks it expired).
    await withE2eDb((db) =>
      db.query(`UPDATE "Booking" SET "holdExpiresAt" = $2 WHERE email = $1`, ["holder.expired@example.com", new Date(Date.now() - 60_000)]),
    );

    await gotoContact(next);
    await chooseSlotAndMethod(next, slot);
    await fillDetails(next, { name: "Second Visitor", email: "second.expired@example.com" });
    await continueButton(next).click();
    await expect(next.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();
    await payButton(next).click();
    await expect(next.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();

    const rows = await withE2eDb(
      async (db) => (await db.query(`SELECT email, status FROM "Booking" WHERE "slotId" = $1 ORDER BY "createdAt"`, [slot.id])).rows,
    );
    expect(rows).toEqual([
      { email: "holder.expired@example.com", status: "EXPIRED" },
      { email: "second.expired@example.com", status: "CONFIRMED" },
    ]);
  } finally {
    await first.close();
    await second.close();
  }
});

test("the payment step counts the hold down and, when it runs out, offers another time", async ({ browser, request }) => {
  const context = await browser.newContext({ timezoneId: VISITOR_ZONE, locale: "en-US" }).then(pinClock);
  try {
    const page = await context.newPage();
    await page.clock.install();
    const slot = await openSlot(request, 14);
    await gotoContact(page);
    await chooseSlotAndMethod(page, slot);
    await fillDetails(page, { name: "Slow Payer", email: "slow.payer@example.com" });
    await continueButton(page).click();
    await expect(page.getByRole("timer")).toHaveText(/^(10:00|9:[0-5]\d)$/);

    await page.clock.fastForward("10:05");
    await expect(page.getByText("Your hold on this time has expired.").first()).toBeVisible();
    await expect(payButton(page)).toHaveCount(0);
    await page.getByRole("button", { name: "Pick another time" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Your hold expired. Please pick a time again." })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Pick a date" })).toBeFocused();
  } finally {
    await context.close();
  }
});
