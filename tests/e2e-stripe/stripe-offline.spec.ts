import { expect, test } from "../e2e/helpers/test";
import { chooseSlotAndMethod, continueButton, fillDetails, gotoContact, openSlot, VISITOR_ZONE } from "../e2e/contact-flow";
import { bookingStatus, holdWithStripe, payAtStripe } from "./stripe-support";

// Stripe mode, offline: the server side talks to the fake Stripe API (which forwards signed
// events to the webhook); the browser cannot reach js.stripe.com, as on this machine.

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

test("the payment step explains an unreachable Stripe.js and offers a retry, never a blank area", async ({ page }) => {
  await gotoContact(page);
  await chooseSlotAndMethod(page, await openSlot(page.request, 0));
  await fillDetails(page, { name: "Ada Lovelace", email: "ada-offline@example.com" });
  await continueButton(page).click();
  const alert = page.getByRole("alert").filter({ hasText: "The secure card form could not be loaded." });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Your time is still held for you");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The secure card form could not be loaded." })).toBeVisible();
});

test("a payment whose tab was closed is confirmed by the forwarded webhook", async ({ request }) => {
  const held = await holdWithStripe(request, 1, "closed-tab@example.com");
  await payAtStripe(request, held.intentId, "pm_card_visa");
  await expect.poll(() => bookingStatus(request, held.bookingId), { timeout: 15_000 }).toBe("CONFIRMED");
});

test("the return page offers a retry after a declined payment, then shows the booking once paid", async ({ page, request }) => {
  const held = await holdWithStripe(request, 2, "returning@example.com");
  await payAtStripe(request, held.intentId, "pm_card_chargeDeclined");
  await page.goto(`/contact/return?booking=${held.bookingId}`);
  await expect(page.getByRole("heading", { name: "Your payment did not go through" })).toBeVisible();
  await expect(page.getByText("The payment was declined. Please try another card.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The secure card form could not be loaded." })).toBeVisible();

  await payAtStripe(request, held.intentId, "pm_card_visa");
  await page.goto(`/contact/return?booking=${held.bookingId}`);
  await expect(page).toHaveURL(new RegExp(`/contact/booking/${held.bookingId}$`));
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
});

test("the return page knows no unknown booking", async ({ page }) => {
  await page.goto("/contact/return?booking=bk_aaaaaaaaaaaaaaaaaaaaaaaaaa");
  await expect(page.getByRole("heading", { name: "We could not find that booking" })).toBeVisible();
});
