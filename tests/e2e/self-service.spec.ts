import { expect, test, type APIRequestContext } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { keepScreenshot, openSlot } from "./contact-flow";

// The visitor's manage link, followed from the email the app actually rendered.

const CRON = { Authorization: "Bearer e2e-cron-secret" };

async function runOutbox(request: APIRequestContext): Promise<void> {
  expect((await request.get("/api/cron/maintenance", { headers: CRON })).status()).toBe(200);
}

async function sentEmail(bookingId: string, kind: string): Promise<{ html: string; status: string }> {
  return withE2eDb(async (client) => {
    const { rows } = await client.query<{ html: string; status: string }>(
      `SELECT "html", "status"::text AS "status" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = $2`,
      [bookingId, kind],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  });
}

async function isOpen(request: APIRequestContext, slotId: string): Promise<boolean> {
  const { dates } = (await (await request.get("/api/slots/available")).json()) as { dates: { slots: { id: string }[] }[] };
  return dates.some((d) => d.slots.some((s) => s.id === slotId));
}

test("cancel through the link in the confirmation email: refunded, emailed, slot freed", async ({ page, request }, testInfo) => {
  const slot = await openSlot(request, 16);
  const created = await request.post("/api/bookings", {
    data: { slotId: slot.id, method: slot.methods[0], name: "Mary Somerville", email: "mary@example.com", timeZone: "Europe/London" },
  });
  expect(created.status()).toBe(201);
  const { booking } = (await created.json()) as { booking: { id: string } };
  expect((await request.post(`/api/bookings/${booking.id}/confirm-payment`)).status()).toBe(200);
  expect(await isOpen(request, slot.id)).toBe(false);

  await runOutbox(request);
  const confirmation = await sentEmail(booking.id, "booking_confirmed");
  expect(confirmation.status).toBe("SENT");
  const link = /href="([^"]*\/booking\/[A-Za-z0-9_-]{43})"/.exec(confirmation.html)?.[1];
  expect(link, "manage link in the confirmation email").toBeTruthy();

  await page.goto(new URL(link!).pathname);
  await expect(page.getByRole("heading", { name: "Your booking" })).toBeVisible();
  await expect(page.getByText("Status: Confirmed")).toBeVisible();
  await keepScreenshot(page, testInfo, "manage-booking");
  await page.getByRole("button", { name: "Cancel booking…" }).click();
  await expect(page.getByText("$10 will be refunded to your card")).toBeVisible();
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expect(page.getByRole("status")).toContainText("This booking is cancelled. $10 has been refunded to your card.");
  await page.reload();
  await expect(page.getByText("Status: Cancelled")).toBeVisible();
  await expect(page.getByText("$10 paid · $10 refunded")).toBeVisible();
  await keepScreenshot(page, testInfo, "manage-cancelled");

  await runOutbox(request);
  const cancelled = await sentEmail(booking.id, "booking_cancelled");
  expect(cancelled.status).toBe("SENT");
  expect(cancelled.html).toContain("$10");
  expect(await isOpen(request, slot.id)).toBe(true);
});

test("a tampered manage link is a plain not-found page", async ({ page, request }) => {
  const response = await page.goto(`/booking/${"x".repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await request.get(`/api/manage/${"x".repeat(43)}`)).status()).toBe(404);
});
