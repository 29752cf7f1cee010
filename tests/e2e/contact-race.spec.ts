import { expect, pinClock, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import {
  chooseSlotAndMethod,
  continueButton,
  fillDetails,
  gotoContact,
  openDateOf,
  openSlot,
  slotCard,
  VISITOR_ZONE,
} from "./contact-flow";

test("two visitors race for one slot: one holds it, the other is told and sees fresh times", async ({ browser, request }) => {
  const slot = await openSlot(request, 8);
  const contexts = await Promise.all([1, 2].map(() => browser.newContext({ timezoneId: VISITOR_ZONE, locale: "en-US" }).then(pinClock)));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    for (const [i, page] of pages.entries()) {
      await gotoContact(page);
      await chooseSlotAndMethod(page, slot);
      await fillDetails(page, { name: `Racer ${i + 1}`, email: `racer${i + 1}@example.com` });
    }
    await Promise.all(pages.map((page) => continueButton(page).click()));

    const outcome = async (page: (typeof pages)[number]) => {
      const won = page.getByRole("heading", { name: "Pay and confirm" });
      const lost = page.getByText("Sorry, that time was just taken. Please pick another time.");
      await expect(won.or(lost)).toBeVisible();
      return (await won.isVisible()) ? "won" : "lost";
    };
    const results = await Promise.all(pages.map(outcome));
    expect([...results].sort()).toEqual(["lost", "won"]);

    // The loser is back on the calendar, and the taken time is no longer offered.
    const loser = pages[results.indexOf("lost")]!;
    await expect(loser.getByRole("heading", { name: "Pick a date" })).toBeFocused();
    await openDateOf(loser, slot);
    await expect(slotCard(loser, slot)).toHaveCount(0);

    const live = await withE2eDb(
      async (db) =>
        (await db.query(`SELECT count(*)::int AS n FROM "Booking" WHERE "slotId" = $1 AND status = 'PENDING_PAYMENT'`, [slot.id])).rows[0],
    );
    expect(live).toEqual({ n: 1 });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
