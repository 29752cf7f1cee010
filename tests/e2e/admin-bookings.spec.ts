import { expect, test, type Page } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { auditActions, bookAsVisitor, bookingRow, createAdmin, insertBooking, insertSlot, login, offHoursStart } from "./admin-support";

// Each booking action from the booking page, checked in the database too. Slots sit at
// off-hours UTC times on their own days so they never meet the visitor tests' slots.

test.beforeAll(() => {
  createAdmin();
});

test.beforeEach(async ({ page }) => {
  await login(page);
});

async function openBooking(page: Page, id: string) {
  await page.goto(`/admin/bookings/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: /^Booking: / })).toBeVisible();
}

test("confirm a held booking on a free slot", async ({ page }) => {
  const slotId = await insertSlot(offHoursStart(3, 3), { priceCents: 0 });
  const id = await insertBooking(slotId, "PENDING_PAYMENT", { name: "Free Holder", email: "free.holder@example.com" });
  await openBooking(page, id);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();
  expect((await bookingRow(id)).status).toBe("CONFIRMED");
  await expect(page.getByText("Confirmed", { exact: true }).first()).toBeVisible();
  expect(await auditActions(id)).toEqual(["booking.confirm"]);
  const emails = await withE2eDb(async (db) =>
    (await db.query(`SELECT "kind" FROM "OutboxEmail" WHERE "bookingId" = $1`, [id])).rows.map((r) => r.kind),
  );
  expect(emails).toContain("booking_confirmed");
});

test("mark completed, then correct it to a no-show, on a meeting that has happened", async ({ page }) => {
  const slotId = await insertSlot(offHoursStart(-2, 4));
  const id = await insertBooking(slotId, "CONFIRMED", { name: "Past Meeting", email: "past@example.com" });
  await openBooking(page, id);
  await page.getByRole("button", { name: "Mark completed" }).click();
  await expect(page.getByText("Marked as completed.")).toBeVisible();
  expect((await bookingRow(id)).status).toBe("COMPLETED");
  await page.reload();
  await page.getByRole("button", { name: "Mark no-show" }).click();
  await expect(page.getByText("Marked as a no-show.")).toBeVisible();
  expect((await bookingRow(id)).status).toBe("NO_SHOW");
  await page.reload();
  const audit = page.getByRole("region", { name: "Audit log" });
  await expect(audit).toContainText("booking.mark_completed");
  await expect(audit).toContainText("booking.mark_no_show");
  await expect(audit).toContainText("owner@example.com");
});

test("cancel by the policy days ahead: the authorisation is released, nothing refunded, and the visitor is emailed", async ({
  page,
  request,
}) => {
  const slotId = await insertSlot(offHoursStart(6, 5));
  const id = await bookAsVisitor(request, slotId, { name: "Policy Refund", email: "policy.refund@example.com" });
  await openBooking(page, id);
  const cancel = page.getByRole("region", { name: "Actions" });
  await expect(cancel.getByLabel("By the refund policy (release the authorisation)")).toBeChecked();
  await cancel.getByLabel("Reason (shown to the visitor)").fill("We need to reschedule, sorry.");
  await cancel.getByRole("button", { name: "Cancel booking…" }).click();
  await expect(
    page.getByText(
      "Cancel this booking? The visitor will be emailed and the slot freed. The card authorisation is released; nothing is charged.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Yes, cancel booking" })).toBeFocused();
  await page.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect(page.getByText("Booking cancelled; the card authorisation is released and nothing was charged.")).toBeVisible();
  const row = await withE2eDb(
    async (db) =>
      (
        await db.query(
          `SELECT b."status", p."status" AS "paymentStatus", p."refundedCents" FROM "Booking" b JOIN "Payment" p ON p."bookingId" = b."id" WHERE b."id" = $1`,
          [id],
        )
      ).rows[0],
  );
  expect(row).toMatchObject({ status: "CANCELLED", paymentStatus: "RELEASED", refundedCents: 0 });
  const notice = await withE2eDb(
    async (db) =>
      (await db.query(`SELECT "toAddress" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = 'booking_cancelled'`, [id])).rows,
  );
  expect(notice).toEqual([{ toAddress: "policy.refund@example.com" }]);
  expect(await auditActions(id)).toContain("booking.cancel");
});

test("cancel and keep the fee: the authorisation is captured, nothing refunded", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(7, 5));
  const id = await bookAsVisitor(request, slotId, { name: "No Refund", email: "no.refund@example.com" });
  await openBooking(page, id);
  await page.getByLabel("Keep the fee (charge the card now)").check();
  await page.getByRole("button", { name: "Cancel booking…" }).click();
  await page.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect(page.getByText("Booking cancelled; the fee is kept and the card charged.")).toBeVisible();
  const payment = await withE2eDb(
    async (db) => (await db.query(`SELECT "status", "refundedCents" FROM "Payment" WHERE "bookingId" = $1`, [id])).rows[0],
  );
  expect(payment).toMatchObject({ status: "SUCCEEDED", refundedCents: 0 });
});

test("the cancel confirmation can be backed out of with the keyboard", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(8, 5));
  const id = await bookAsVisitor(request, slotId, { name: "Kept Booking", email: "kept@example.com" });
  await openBooking(page, id);
  await page.getByRole("button", { name: "Cancel booking…" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Yes, cancel booking" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Go back" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Cancel booking…" })).toBeFocused();
  expect((await bookingRow(id)).status).toBe("CONFIRMED");
});

test("send a reminder now", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(9, 5));
  const id = await bookAsVisitor(request, slotId, { name: "Remind Me", email: "remind.me@example.com" });
  await openBooking(page, id);
  await page.getByRole("button", { name: "Send reminder now" }).click();
  await expect(page.getByText("Reminder queued for sending.")).toBeVisible();
  const reminders = await withE2eDb(
    async (db) => (await db.query(`SELECT "status" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = 'booking_reminder'`, [id])).rows,
  );
  expect(reminders).toHaveLength(1);
  expect((await bookingRow(id)).reminderSentAt).not.toBeNull();
  await page.reload();
  await expect(page.getByText("A reminder has already been sent.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send reminder now" })).toHaveCount(0);
});

test("record the project outcome with notes", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(10, 5));
  const id = await bookAsVisitor(request, slotId, { name: "Won Project", email: "won@example.com" });
  await openBooking(page, id);
  const section = page.getByRole("region", { name: "Project outcome" });
  await section.getByLabel("Outcome").selectOption("WON");
  await section.getByLabel("Project notes").fill("Signed a 3-month retainer.");
  await section.getByRole("button", { name: "Save outcome" }).click();
  await expect(page.getByTestId("admin-notice")).toHaveText(/Project outcome saved\./);
  expect(await bookingRow(id)).toMatchObject({ projectOutcome: "WON", projectNotes: "Signed a 3-month retainer." });
  await page.reload();
  await expect(page.getByRole("region", { name: "Project outcome" })).toContainText("Currently: Won");
});

test("the bookings list filters, searches, and says an authorised fee is not charged yet", async ({ page, request }) => {
  const paidSlot = await insertSlot(offHoursStart(11, 5));
  await bookAsVisitor(request, paidSlot, { name: "Filter Paid", email: "filter.paid@example.com", company: "Zebra Searchable Ltd" });
  await page.goto("/admin/bookings");
  await page.getByLabel("Search name, email or company").fill("zebra searchable");
  await page.getByLabel("Status").selectOption("CONFIRMED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=zebra\+searchable/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Filter Paid");
  // Eleven days out the fee is authorised, not charged (ADR 120): no "paid" tick yet.
  await expect(rows.first().locator("td").nth(5)).toContainText("Authorised $10, not yet charged");
  await expect(rows.first().locator("td").nth(5)).not.toContainText("✓");
  await page.getByLabel("Status").selectOption("CANCELLED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No bookings match these filters.")).toBeVisible();
});

test("revoke and resend the visitor's manage link: the old link stops working, the emailed one works", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(10, 5));
  const id = await bookAsVisitor(request, slotId, { name: "Leaked Link", email: "leaked.link@example.com" });
  const manageUrlOf = (kind: string) =>
    withE2eDb(
      async (db) =>
        (await db.query(`SELECT "payload"->>'manageUrl' AS "url" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = $2`, [id, kind]))
          .rows[0]?.url as string,
    );
  const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;
  const oldToken = tokenOf(await manageUrlOf("booking_confirmed"));
  expect((await request.get(`/api/manage/${oldToken}`)).status()).toBe(200);

  await openBooking(page, id);
  await page.getByRole("button", { name: "Revoke and resend the visitor's link" }).click();
  await page.getByRole("button", { name: "Yes, revoke and resend" }).click();
  await expect(page.getByText("The old link no longer works; the visitor has been emailed a new one.")).toBeVisible();

  const newToken = tokenOf(await manageUrlOf("manage_link_reissued"));
  expect(newToken).not.toBe(oldToken);
  expect((await request.get(`/api/manage/${oldToken}`)).status()).toBe(404);
  expect((await request.get(`/api/manage/${newToken}`)).status()).toBe(200);
  expect(await auditActions(id)).toContain("booking.reissue_manage_link");
});
