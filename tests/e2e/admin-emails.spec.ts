import { randomUUID } from "node:crypto";
import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { bookAsVisitor, createAdmin, insertSlot, login, offHoursStart } from "./admin-support";

test.beforeAll(() => {
  createAdmin();
});

test("the outbox shows status, attempts and last error, and a failed email can be resent", async ({ page, request }) => {
  // A real booking's confirmation payload, so the resent email can really be rendered.
  const bookingId = await bookAsVisitor(request, await insertSlot(offHoursStart(17, 5)), {
    name: "Bounce Person",
    email: "bounce@example.com",
  });
  const id = randomUUID();
  await withE2eDb((db) =>
    db.query(
      `INSERT INTO "OutboxEmail" ("id", "dedupeKey", "kind", "toAddress", "payload", "status", "attempts", "lastError", "subject", "html", "text", "updatedAt")
       SELECT $1, $2, 'booking_confirmed', 'bounce@example.com', "payload", 'FAILED', 8, '550 mailbox unavailable', 'Failed subject line', '<p>Hello <strong>there</strong></p><script>parent.__ran=1</script>', 'Hello there', now()
       FROM "OutboxEmail" WHERE "bookingId" = $3 AND "kind" = 'booking_confirmed'`,
      [id, `e2e-failed:${id}`, bookingId],
    ),
  );
  await login(page);
  await page.goto("/admin/emails?status=FAILED");
  const row = page.locator("tbody tr", { hasText: "Failed subject line" });
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("550 mailbox unavailable");
  await expect(row.locator("td").nth(4)).toHaveText("8");

  await row.getByRole("link", { name: "Failed subject line" }).click();
  const frame = page.frameLocator('iframe[title="Email preview"]');
  await expect(frame.locator("strong")).toHaveText("there");
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  await expect(page.getByText("Hello there", { exact: true })).toBeVisible();

  await page.goto("/admin/emails?status=FAILED");
  await page.getByRole("button", { name: "Resend booking confirmed to bounce@example.com" }).click();
  await expect(page.getByText("Queued to send again.")).toBeVisible();
  const after = await withE2eDb(
    async (db) => (await db.query(`SELECT "status", "attempts" FROM "OutboxEmail" WHERE "id" = $1`, [id])).rows[0],
  );
  expect(after).toEqual({ status: "PENDING", attempts: 0 });
});
