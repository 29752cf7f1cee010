import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { bookAsVisitor, chargeNow, createAdmin, insertBooking, insertSlot, login, offHoursStart } from "./admin-support";

// Issue 15: what an admin cancellation and a refund look like to the visitor and in admin.

const CRON = { Authorization: "Bearer e2e-cron-secret" };

test.beforeAll(() => {
  createAdmin();
});

async function runOutbox(request: APIRequestContext): Promise<void> {
  expect((await request.get("/api/cron/maintenance", { headers: CRON })).status()).toBe(200);
}

async function outboxRow(bookingId: string, kind: string): Promise<{ id: string; html: string }> {
  return withE2eDb(async (db) => {
    const { rows } = await db.query<{ id: string; html: string }>(
      `SELECT "id", "html" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = $2 AND "html" IS NOT NULL`,
      [bookingId, kind],
    );
    expect(rows, `${kind} rendered`).toHaveLength(1);
    return rows[0]!;
  });
}

async function manageLink(request: APIRequestContext, bookingId: string): Promise<string> {
  await runOutbox(request);
  const { html } = await outboxRow(bookingId, "booking_confirmed");
  const link = /href="[^"]*(\/booking\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
  expect(link, "manage link in the confirmation email").toBeTruthy();
  return link!;
}

async function bookingsListRow(page: Page, name: string) {
  await page.goto(`/admin/bookings?q=${encodeURIComponent(name)}`);
  const row = page.locator("tbody tr", { hasText: name });
  await expect(row).toHaveCount(1);
  return row;
}

test("an admin cancellation: the reason reaches the email and the manage page, the cancellation invite downloads, admin says Refunded", async ({
  page,
  request,
}) => {
  const reason = "Our consultant is unwell that day, sorry.";
  const id = await bookAsVisitor(request, await insertSlot(offHoursStart(13, 6)), { name: "Reason Reader", email: "reason@example.com" });
  // Two weeks out the fee is only authorised (ADR 120); these checks are about a charged fee.
  await chargeNow(request, id);
  const link = await manageLink(request, id);

  await login(page);
  await page.goto(`/admin/bookings/${id}`);
  const actions = page.getByRole("region", { name: "Actions" });
  await actions.getByLabel("Full refund ($10)").check();
  await actions.getByLabel("Reason (shown to the visitor)").fill(reason);
  await actions.getByRole("button", { name: "Cancel booking…" }).click();
  await page.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect(page.getByText("Booking cancelled and $10 refunded.")).toBeVisible();

  // Admin: a fully refunded, cancelled booking is not "Paid".
  const row = await bookingsListRow(page, "Reason Reader");
  // The label, then when the fee was charged (ADR 130).
  await expect(row.locator("td").nth(5)).toContainText(/^Refunded \$10charged on /);
  await expect(row).not.toContainText("✓");

  // The email: the reason, and no way to join the cancelled meeting.
  await runOutbox(request);
  const cancelled = await outboxRow(id, "booking_cancelled");
  expect(cancelled.html).toContain(reason);
  expect(cancelled.html).not.toContain("Join on");

  // The admin email page offers the attachment the email carried.
  await page.goto(`/admin/emails/${cancelled.id}`);
  const [adminDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download cancel.ics" }).click(),
  ]);
  expect(adminDownload.suggestedFilename()).toBe("cancel.ics");

  // The manage page: the reason, and the cancellation invite instead of a 404.
  await page.goto(link);
  await expect(page.getByText("Status: Cancelled")).toBeVisible();
  await expect(page.getByText(`Reason: ${reason}`)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the cancellation (.ics)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("consultation-cancelled.ics");
  const ics = await (await request.get(`/api/manage/${link.split("/").pop()}/ics`)).text();
  expect(ics).toContain("METHOD:CANCEL");
  expect(ics).toContain("SEQUENCE:1");
  expect(ics).toContain(`UID:${id}@`);
});

test("a partial refund still lets the visitor move to a same-fee time; admin shows the partial refund", async ({ page, request }) => {
  const id = await bookAsVisitor(request, await insertSlot(offHoursStart(14, 6)), { name: "Partly Refunded", email: "partly@example.com" });
  // Two weeks out the fee is only authorised (ADR 120); these checks are about a charged fee.
  await chargeNow(request, id);
  const token = (await manageLink(request, id)).split("/").pop()!;
  await login(page);
  await page.goto(`/admin/bookings/${id}`);
  const payment = page.getByRole("region", { name: "Payment" });
  await payment.getByLabel("A partial amount").check();
  await payment.getByLabel("Partial amount (USD)").fill("3");
  await payment.getByLabel("Reason").fill("Started late");
  await payment.getByRole("button", { name: "Review refund" }).click();
  await expect(payment.getByText("Refund $3 to the visitor? Money sent back cannot be recalled.")).toBeVisible();
  await payment.getByRole("button", { name: "Yes, refund" }).click();
  await expect(page.getByTestId("admin-notice")).toHaveText(/Refunded \$3\./);

  const row = await bookingsListRow(page, "Partly Refunded");
  await expect(row.locator("td").nth(5)).toContainText(/^Partially refunded: \$3 of \$10charged on /);

  const target = await insertSlot(offHoursStart(15, 6));
  const moved = await request.post(`/api/manage/${token}/reschedule`, { data: { slotId: target } });
  expect(moved.status(), await moved.text()).toBe(200);
  await page.goto(`/booking/${token}`);
  await expect(page.getByText("Status: Confirmed")).toBeVisible();
  await expect(page.getByText("$10 paid · $3 refunded")).toBeVisible();
});

test("the payments list says a lapsed hold lapsed, not that it awaits payment", async ({ page }) => {
  const slotId = await insertSlot(offHoursStart(16, 6));
  const id = await insertBooking(slotId, "EXPIRED", { name: "Lapsed Holder", email: "lapsed@example.com" });
  await withE2eDb((db) =>
    db.query(
      `INSERT INTO "Payment" ("id", "bookingId", "provider", "providerPaymentId", "amountCents", "currency", "status", "updatedAt")
       VALUES ($1, $2, 'DEMO', $3, 1000, 'usd', 'REQUIRES_PAYMENT', now())`,
      [randomUUID(), id, `demo_${randomUUID()}`],
    ),
  );
  await login(page);
  await page.goto("/admin/payments?status=REQUIRES_PAYMENT");
  const row = page.locator("tbody tr", { hasText: "Lapsed Holder" });
  await expect(row).toContainText("Hold lapsed, not paid");
  await expect(row).not.toContainText("Awaiting payment");
});
