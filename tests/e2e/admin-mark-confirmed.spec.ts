import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { auditActions, bookingRow, createAdmin, insertBooking, insertSlot, login, offHoursStart } from "./admin-support";

// Issue 15: "Mark confirmed" on paid slots, one notice at a time, Actions that say why none
// applies, and slot lists that say why a slot is hidden. In both viewports, axe-clean.

const ZONE = "America/New_York";
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
];

async function expectNoAxeViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name} has axe violations`).toEqual([]);
}

async function openBooking(page: Page, id: string) {
  await page.goto(`/admin/bookings/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: /^Booking: / })).toBeVisible();
}

const localDate = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
const localTime = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);

test.beforeAll(() => {
  createAdmin();
});

VIEWPORTS.forEach((viewport, i) => {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test.beforeEach(async ({ page }) => {
      await login(page);
    });

    test("mark a held paid booking confirmed as paid outside the app", async ({ page, request }) => {
      const slotId = await insertSlot(offHoursStart(4 + i, 2), { priceCents: 2500 });
      const hold = await request.post("/api/bookings", {
        data: { slotId, method: "PHONE", timeZone: "Europe/London", name: "Bank Transfer", email: `transfer${i}@example.com` },
      });
      expect(hold.status(), await hold.text()).toBe(201);
      const { booking } = (await hold.json()) as { booking: { id: string } };

      await openBooking(page, booking.id);
      const actions = page.getByRole("region", { name: "Actions" });
      await expect(actions.getByRole("heading", { name: "Mark confirmed" })).toBeVisible();
      await expectNoAxeViolations(page, `booking page (${viewport.name})`);

      await actions.getByLabel("Paid outside the app (bank transfer, cash)").check();
      await actions.getByLabel("Reason (kept with the payment)").fill("Bank transfer ref 4242");
      await actions.getByRole("button", { name: "Mark confirmed…" }).click();
      await expect(actions.getByRole("group", { name: "Confirm" })).toContainText("Confirm this $25");
      await actions.getByRole("button", { name: "Yes, confirm booking" }).click();
      await expect(page.getByTestId("admin-notice")).toHaveText(/Booking confirmed; the visitor has been emailed\./);

      expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
      const payment = await withE2eDb(
        async (db) => (await db.query(`SELECT "status", "settlementReason" FROM "Payment" WHERE "bookingId" = $1`, [booking.id])).rows[0],
      );
      expect(payment).toEqual({ status: "PAID_OUTSIDE", settlementReason: "Bank transfer ref 4242" });
      expect(await auditActions(booking.id)).toEqual(["booking.confirm"]);
      const emails = await withE2eDb(async (db) =>
        (await db.query(`SELECT "kind" FROM "OutboxEmail" WHERE "bookingId" = $1`, [booking.id])).rows.map((r) => r.kind),
      );
      expect(emails).toContain("booking_confirmed");

      await page.reload();
      const paymentSection = page.getByRole("region", { name: "Payment" });
      await expect(paymentSection).toContainText("Paid outside the app");
      await expect(paymentSection).toContainText("Bank transfer ref 4242");
      await expectNoAxeViolations(page, `confirmed booking page (${viewport.name})`);
    });

    test("a new error replaces an old success notice", async ({ page }) => {
      const slotId = await insertSlot(offHoursStart(8 + i, 3), { priceCents: 0 });
      const id = await insertBooking(slotId, "CONFIRMED", { name: "Two Results", email: `two.results${i}@example.com` });
      await openBooking(page, id);
      await page.getByRole("button", { name: "Save outcome" }).click();
      await expect(page.getByTestId("admin-notice")).toHaveText(/Project outcome saved\./);
      // The action's result shows before its refreshed page has finished streaming; a cancel
      // written before that render reads the booking would reach this page as well. The new
      // audit row comes with the refreshed page.
      await expect(page.getByRole("region", { name: "Audit log" })).toContainText("booking.project_outcome");

      // Someone else cancels meanwhile; this page still offers the cancel form.
      await withE2eDb((db) => db.query(`UPDATE "Booking" SET "status" = 'CANCELLED', "cancelledAt" = now() WHERE "id" = $1`, [id]));
      const actions = page.getByRole("region", { name: "Actions" });
      // The shown notice sticks to the top: a control scrolled to stops below it, not under it.
      const cancel = actions.getByRole("button", { name: "Cancel booking…" });
      await cancel.evaluate((el) => el.scrollIntoView({ block: "start" }));
      const notice = (await page.getByTestId("admin-notice").boundingBox())!;
      const scrolledTo = (await cancel.boundingBox())!;
      expect(scrolledTo.y).toBeGreaterThanOrEqual(notice.y + notice.height);
      await cancel.click();
      await actions.getByRole("button", { name: "Yes, cancel booking" }).click();
      await expect(actions.getByRole("alert")).toContainText("already cancelled");
      await expect(page.getByTestId("admin-notice")).toHaveText("");
      await expectNoAxeViolations(page, `booking page with an error (${viewport.name})`);
    });

    test("the Actions section says why nothing applies, and offers Mark confirmed on a lapsed paid hold", async ({ page }) => {
      const cancelledSlot = await insertSlot(offHoursStart(10 + i, 4), { priceCents: 0 });
      const cancelled = await insertBooking(cancelledSlot, "CONFIRMED", { name: "Gone Already", email: `gone${i}@example.com` });
      await withE2eDb((db) => db.query(`UPDATE "Booking" SET "status" = 'CANCELLED', "cancelledAt" = now() WHERE "id" = $1`, [cancelled]));
      await openBooking(page, cancelled);
      await expect(page.getByTestId("no-actions")).toContainText("This booking was cancelled");

      const expiredSlot = await insertSlot(offHoursStart(12 + i, 4), { priceCents: 1000 });
      const expired = await insertBooking(expiredSlot, "EXPIRED", { name: "Lapsed Hold", email: `lapsed${i}@example.com` });
      await openBooking(page, expired);
      await expect(page.getByRole("region", { name: "Actions" }).getByRole("button", { name: "Mark confirmed…" })).toBeVisible();
      await expectNoAxeViolations(page, `expired booking page (${viewport.name})`);
    });

    test("slots say why visitors cannot see them, and creating a hidden slot warns", async ({ page }) => {
      // A slot inside the minimum notice (120 minutes): clear the seeded grid there first.
      const now = Date.now();
      await withE2eDb((db) =>
        db.query(
          `DELETE FROM "Slot" s WHERE s."startsAt" >= $1 AND s."startsAt" < $2 AND NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s."id")`,
          [new Date(now - 3_600_000), new Date(now + 3 * 3_600_000)],
        ),
      );
      const soon = new Date(now + 60 * 60_000 + i * 10 * 60_000);
      await insertSlot(soon, { priceCents: 0 });
      await page.goto(`/admin/slots?week=${localDate(soon)}`);
      const row = page.getByTestId("slot-row").filter({ hasText: localTime(soon).replace(/^0/, "") });
      await expect(row.first().getByTestId("slot-hidden")).toContainText("inside the minimum notice of 120 minutes");
      await expectNoAxeViolations(page, `slots page (${viewport.name})`);

      const farAway = localDate(new Date(now + (40 + i) * 86_400_000));
      const create = page.getByRole("region", { name: "Create a slot" });
      await create.getByLabel("Date").fill(farAway);
      await create.getByLabel(/Start time/).fill("06:00");
      await create.getByRole("button", { name: "Create slot" }).click();
      await expect(page.getByTestId("admin-notice")).toContainText("Slot created. Hidden from visitors until it is within 30 days");
    });
  });
});
