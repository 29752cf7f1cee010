import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { bookAsVisitor, createAdmin, insertSlot, login, offHoursStart } from "./admin-support";

test.beforeAll(() => {
  createAdmin();
});

test("a partial refund with a confirmation step, then the rest; the payments list shows both", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(12, 5), { priceCents: 4000 });
  const id = await bookAsVisitor(request, slotId, { name: "Refund Person", email: "refund.person@example.com" });
  await login(page);
  await page.goto(`/admin/bookings/${id}`);
  // Twelve days out the fee is only authorised (ADR 120): charge it first, then refund from it.
  await page.getByRole("button", { name: "Capture now" }).click();
  await page.getByRole("button", { name: "Yes, capture now" }).click();
  await expect(page.getByTestId("admin-notice")).toBeVisible();
  await page.reload();
  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment).toContainText("$40");

  await payment.getByLabel("A partial amount").check();
  await payment.getByLabel("Partial amount (USD)").fill("15.00");
  await payment.getByLabel("Reason").fill("Meeting ran short");
  await payment.getByRole("button", { name: "Review refund" }).click();
  await expect(payment.getByText("Refund $15 to the visitor? Money sent back cannot be recalled.")).toBeVisible();
  // Backing out sends nothing.
  await payment.getByRole("button", { name: "Go back" }).click();
  expect(
    (
      await withE2eDb((db) =>
        db.query(`SELECT 1 FROM "Refund" r JOIN "Payment" p ON p."id" = r."paymentId" WHERE p."bookingId" = $1`, [id]),
      )
    ).rowCount,
  ).toBe(0);

  await payment.getByRole("button", { name: "Review refund" }).click();
  await payment.getByRole("button", { name: "Yes, refund" }).click();
  await expect(page.getByTestId("admin-notice")).toHaveText(/Refunded \$15\./);
  await page.reload();
  const refreshed = page.getByRole("region", { name: "Payment" });
  await expect(refreshed).toContainText("Partially refunded");
  await expect(refreshed.getByLabel(/Everything not yet refunded \(\$25\)/)).toBeChecked();

  // Asking for more than is left is refused with a clear message.
  await refreshed.getByLabel("A partial amount").check();
  await refreshed.getByLabel("Partial amount (USD)").fill("30.00");
  await refreshed.getByLabel("Reason").fill("Too much");
  await refreshed.getByRole("button", { name: "Review refund" }).click();
  await refreshed.getByRole("button", { name: "Yes, refund" }).click();
  await expect(refreshed.getByRole("alert")).toHaveText("At most $25 can still be refunded on this payment.");

  await page.reload();
  const again = page.getByRole("region", { name: "Payment" });
  await again.getByLabel("Reason").fill("Refund the rest");
  await again.getByRole("button", { name: "Review refund" }).click();
  await expect(again.getByText("Refund $25 to the visitor? Money sent back cannot be recalled.")).toBeVisible();
  await again.getByRole("button", { name: "Yes, refund" }).click();
  await expect(page.getByTestId("admin-notice")).toHaveText(/Refunded \$25\./);

  const row = await withE2eDb(
    async (db) => (await db.query(`SELECT "status", "refundedCents" FROM "Payment" WHERE "bookingId" = $1`, [id])).rows[0],
  );
  expect(row).toEqual({ status: "REFUNDED", refundedCents: 4000 });
  const audits = await withE2eDb(
    async (db) =>
      (await db.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "bookingId" = $1 AND "action" = 'payment.refund'`, [id])).rows[0].n,
  );
  expect(audits).toBe(2);

  await page.goto("/admin/payments?status=REFUNDED");
  const line = page.locator("tbody tr", { hasText: "Refund Person" });
  await expect(line).toContainText("Refunded");
  await expect(line).toContainText("$15 succeeded");
  await expect(line).toContainText("$25 succeeded");
});
