import { expect, test } from "./helpers/test";
import { expectNoAxeViolations } from "./helpers/axe";
import { createAdmin, login } from "./admin-support";
import {
  allOpenDates,
  chooseSlotAndMethod,
  continueButton,
  fillDetails,
  gotoContact,
  payButton,
  VISITOR_ZONE,
  type OpenSlot,
} from "./contact-flow";

// Authorise then capture, as people see it (ADR 120/130), in demo mode under the default refund
// policy (hours_before:24): a meeting 10 days out is authorised now and charged at the
// authorisation's limit, and the visitor and the admin are told so.

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

test.beforeAll(() => {
  createAdmin();
});

const DAY = 86_400_000;

/** A seeded $10 slot about 10 days out (the run's pinned clock is this worker's clock too). */
async function slotTenDaysOut(request: import("./helpers/test").APIRequestContext): Promise<OpenSlot> {
  // Every page of the listing (ADR 140): other specs' slots can push day 10 past the first one.
  const dates = await allOpenDates(request);
  const now = Date.now();
  const slot = dates
    .flatMap((d) => d.slots)
    .find((s) => s.priceCents === 1000 && s.durationMinutes === 60 && Math.abs(Date.parse(s.startsAt) - now - 10 * DAY) < DAY);
  if (!slot) throw new Error("no $10 slot about 10 days out");
  return slot;
}

test("a fee 10 days out is authorised now and charged later; the visitor and the admin see when", async ({ page, request }) => {
  const slot = await slotTenDaysOut(request);
  await gotoContact(page);
  await chooseSlotAndMethod(page, slot);
  await fillDetails(page, { name: "Ada Authorised", email: "ada.authorised@example.com" });
  await continueButton(page).click();
  await expect(page.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();

  const before = page.getByTestId("fee-timing");
  await expect(before).toHaveText(/^Your card is authorised for \$10 now and charged on \w+day, .+ unless you cancel before then\.$/);
  await expectNoAxeViolations(page, "payment");

  await payButton(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
  await expect(page.getByTestId("fee-timing")).toContainText(
    /Your card is authorised for \$10 and will be charged on \w+day, .+ unless you cancel before then\./,
  );
  await expectNoAxeViolations(page, "confirmation");
  const bookingId = page.url().split("/").pop()!;

  await login(page);
  await page.goto(`/admin/bookings/${bookingId}`);
  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment).toContainText("Authorised $10, not yet charged");
  await expect(payment.getByTestId("fee-timing")).toContainText(/will be charged on \w+day, /);
  await expect(payment.getByTestId("capture-plan")).toHaveText("authorise: captured just before the authorisation expires");
  await expect(payment.getByRole("button", { name: "Capture now" })).toBeVisible();
  await expect(payment.getByRole("button", { name: "Release…" })).toBeVisible();
  await expectNoAxeViolations(page, "admin booking");

  // Searched: on the suite's shared database this booking need not be on the first page.
  await page.goto("/admin/bookings?q=ada.authorised");
  await expect(page.locator("tbody tr", { hasText: "Ada Authorised" }).first().getByTestId("fee-timing")).toContainText(
    "will be charged on",
  );
  await page.goto("/admin/payments?status=AUTHORIZED");
  await expect(page.locator("tbody tr", { hasText: "Ada Authorised" }).first().getByTestId("fee-timing")).toContainText(
    "will be charged on",
  );
  await expectNoAxeViolations(page, "admin payments");

  // Release asks for a reason and a confirmation, then nothing is charged.
  await page.goto(`/admin/bookings/${bookingId}`);
  const region = page.getByRole("region", { name: "Payment" });
  await region.getByLabel("Reason for releasing (kept in the audit log)").fill("Goodwill");
  await region.getByRole("button", { name: "Release…" }).click();
  await region.getByRole("button", { name: "Yes, release" }).click();
  await expect(page.getByTestId("admin-notice")).toHaveText(/released; nothing was charged/);
  await page.reload();
  await expect(page.getByRole("region", { name: "Payment" }).getByTestId("fee-timing")).toHaveText("released (nothing was charged)");
  await expect(page.getByRole("region", { name: "Payment" }).getByRole("button", { name: "Capture now" })).toHaveCount(0);
});
