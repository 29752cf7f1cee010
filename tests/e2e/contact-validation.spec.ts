import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { chooseSlotAndMethod, continueButton, gotoContact, openSlot, VISITOR_ZONE } from "./contact-flow";

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

test("the details form shows field errors beside the fields and books nothing until they are fixed", async ({ page, request }) => {
  const slot = await openSlot(request, 7);
  await gotoContact(page);
  await chooseSlotAndMethod(page, slot);

  const name = page.getByLabel("Full name");
  const email = page.getByLabel("Email");
  const phone = page.getByLabel("Phone");

  // Empty required fields: messages appear in live regions tied to the fields.
  await continueButton(page).click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const nameError = page.locator(`[id="${(await name.getAttribute("aria-describedby"))!.split(" ").pop()}"]`);
  await expect(nameError).toHaveText("Please enter your full name.");
  await expect(nameError).toHaveAttribute("aria-live", "polite");
  await expect(page.getByText("Please enter a valid email address.")).toBeVisible();

  // Bad values get their own messages; fixing a field clears its error at once.
  await name.fill("Ada Lovelace");
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await expect(nameError).toHaveText("");
  await email.fill("ada@");
  await phone.fill("call me maybe");
  await continueButton(page).click();
  await expect(page.getByText("Please enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Please enter a valid phone number.")).toBeVisible();
  await expect(email).toBeFocused();

  // Length limits come from the shared schema.
  await expect(name).toHaveAttribute("maxlength", "120");
  await expect(email).toHaveAttribute("maxlength", "254");
  await expect(phone).toHaveAttribute("maxlength", "40");
  const notes = page.getByLabel("What would you like to discuss?");
  await expect(notes).toHaveAttribute("maxlength", "2000");
  await notes.fill("x".repeat(2100));
  await expect(notes).toHaveValue("x".repeat(2000));
  await expect(page.getByText("2000 / 2000")).toBeVisible();

  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  const rows = await withE2eDb(
    async (db) => (await db.query(`SELECT count(*)::int AS n FROM "Booking" WHERE "slotId" = $1`, [slot.id])).rows[0],
  );
  expect(rows).toEqual({ n: 0 });

  // Fixed: the hold is placed.
  await email.fill("ada.validation@example.com");
  await phone.fill("+44 20 7946 0000");
  await continueButton(page).click();
  await expect(page.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();
});

test("the server refuses what the browser would (same schema): 422 with field errors", async ({ request }) => {
  const slot = await openSlot(request, 7);
  const response = await request.post("/api/bookings", {
    data: { slotId: slot.id, method: "PHONE", name: "A", email: "nope", phone: "call me maybe" },
  });
  expect(response.status()).toBe(422);
  const body = await response.json();
  expect(body.error.fieldErrors).toMatchObject({
    name: ["Please enter your full name."],
    email: ["Please enter a valid email address."],
    phone: ["Please enter a valid phone number."],
  });
});
