import { expect, test } from "../e2e/helpers/test";
import { VISITOR_ZONE } from "../e2e/contact-flow";
import { createAdmin, login } from "../e2e/admin-support";
import { bookingStatus, holdWithStripe, intentAtStripe, manageLinkFor, outboxKinds, payAtStripe, refundsAtStripe } from "./stripe-support";

// Issue 18 end to end in Stripe mode: a meeting days away is authorised, not charged. Cancelled
// before the refund deadline, the authorisation is released (Stripe has no refund to keep a
// fee on); captured by the admin, the fee is charged exactly once and a receipt goes out.

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

test.beforeAll(() => {
  createAdmin();
});

test("authorise, then cancel before the deadline: the authorisation is released and nothing is refunded", async ({ page, request }) => {
  const held = await holdWithStripe(request, 4, "released@example.com");
  expect((await intentAtStripe(request, held.intentId)).capture_method).toBe("manual");
  await payAtStripe(request, held.intentId, "pm_card_visa");
  await expect.poll(() => bookingStatus(request, held.bookingId), { timeout: 15_000 }).toBe("CONFIRMED");
  expect(await intentAtStripe(request, held.intentId)).toMatchObject({
    status: "requires_capture",
    amount_received: 0,
    amount_capturable: 1000,
  });

  await page.goto(await manageLinkFor(request, held.bookingId));
  await expect(page.getByText(/authorised for \$10/)).toBeVisible();
  await page.getByRole("button", { name: "Cancel booking…" }).click();
  await expect(page.getByText(/released/).first()).toBeVisible();
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expect(page.getByRole("status")).toContainText(/released/);
  await expect(page.getByRole("status")).toContainText(/nothing was charged/i);

  await expect.poll(async () => (await intentAtStripe(request, held.intentId)).status).toBe("canceled");
  expect((await intentAtStripe(request, held.intentId)).amount_received).toBe(0);
  expect(await refundsAtStripe(request, held.intentId)).toEqual([]);
});

test("authorise, then capture: the admin captures now, the fee is charged once and a receipt is sent", async ({ page, request }) => {
  const held = await holdWithStripe(request, 5, "captured@example.com");
  await payAtStripe(request, held.intentId, "pm_card_visa");
  await expect.poll(() => bookingStatus(request, held.bookingId), { timeout: 15_000 }).toBe("CONFIRMED");

  await login(page);
  await page.goto(`/admin/bookings/${held.bookingId}`);
  await expect(page.getByText(/will be charged on/i).first()).toBeVisible();
  await page.getByRole("button", { name: "Capture now" }).click();
  await page.getByRole("button", { name: "Yes, capture now" }).click();
  await expect(page.getByTestId("admin-notice")).toBeVisible();

  await expect.poll(async () => (await intentAtStripe(request, held.intentId)).status).toBe("succeeded");
  expect((await intentAtStripe(request, held.intentId)).amount_received).toBe(1000);
  // A second capture (the job, a double click) finds it captured and does nothing more.
  await page.reload();
  await expect(page.getByRole("button", { name: "Capture now" })).toHaveCount(0);
  await expect.poll(() => outboxKinds(held.bookingId)).toContain("fee_receipt");
  expect((await outboxKinds(held.bookingId)).filter((k) => k === "fee_receipt")).toHaveLength(1);
});
