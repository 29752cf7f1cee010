import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import {
  allOpenDates,
  BUSINESS_ZONE,
  continueButton,
  fillDetails,
  gotoContact,
  openDateOf,
  openSlot,
  payButton,
  slotCard,
  timeIn,
  VISITOR_ZONE,
} from "./contact-flow";

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

test("a visitor books and pays in demo mode, end to end", async ({ page, request }) => {
  const slot = await openSlot(request, 6);
  await gotoContact(page);
  await expect(page.getByText("A $10 refundable booking fee secures your time.").first()).toBeVisible();

  // The dialog shows the visitor's time, ours beside it, the length and the fee.
  const dialog = await openDateOf(page, slot);
  await expect(dialog.getByRole("heading", { name: /^Times on / })).toBeVisible();
  await expect(dialog).toContainText("London");
  const card = slotCard(page, slot);
  await expect(card).toContainText(timeIn(slot.startsAt, VISITOR_ZONE));
  await expect(card).toContainText(`${timeIn(slot.startsAt, BUSINESS_ZONE)} New York`);
  await expect(card).toContainText("60 min · $10");

  await card.click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const methods = page.locator("[data-method]");
  expect(await methods.count()).toBeGreaterThan(0);
  await methods.first().click();

  const notes = "Please review <b>our</b> plan & <script>alert('x')</script>\nSecond line.";
  await fillDetails(page, { name: "Grace Hopper", email: "grace.happy@example.com", company: "Navy", phone: "+1 555 0100", notes });
  await continueButton(page).click();

  await expect(page.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();
  await expect(page.getByText("no card is charged")).toBeVisible();
  await expect(page.getByRole("timer")).toHaveText(/^(10:00|9:[0-5]\d)$/);
  // Notes come back as the same plain text, never as markup.
  await expect(page.getByTestId("notes-echo")).toHaveText(notes);
  await expect(page.getByTestId("notes-echo").locator("b, script")).toHaveCount(0);

  await payButton(page).click();
  await expect(page).toHaveURL(/\/contact\/booking\/bk_[a-z2-7]{26}$/);
  await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
  await expect(page.getByText(timeIn(slot.startsAt, VISITOR_ZONE), { exact: false }).first()).toBeVisible();
  await expect(page.getByText("(New York, our time)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "What happens next" })).toBeVisible();
  // Six days out, the fee is authorised now and charged at the refund deadline (ADR 120).
  await expect(page.getByText(/Your card is authorised for \$10 and will be charged on .+ unless you cancel before then\./)).toBeVisible();

  const bookingId = page.url().split("/").pop()!;
  const api = await (await request.get(`/api/bookings/${bookingId}`)).json();
  expect(api.booking).toMatchObject({ status: "CONFIRMED", paymentStatus: "AUTHORIZED", visitorTimeZone: VISITOR_ZONE });
  const row = await withE2eDb(async (db) => (await db.query(`SELECT status, notes FROM "Booking" WHERE id = $1`, [bookingId])).rows[0]);
  expect(row).toEqual({ status: "CONFIRMED", notes: notes.trim() });

  // The booked time is gone from the calendar.
  await gotoContact(page);
  expect(JSON.stringify(await allOpenDates(request))).not.toContain(slot.id);
});

test("a booking page for an unknown id is a 404", async ({ page }) => {
  const response = await page.goto("/contact/booking/bk_aaaaaaaaaaaaaaaaaaaaaaaaaa");
  expect(response?.status()).toBe(404);
});

test("the demo room says plainly that it is a demo", async ({ page }) => {
  await page.goto("/demo-room/zoom");
  await expect(page.getByRole("heading", { level: 1, name: "Zoom demo room" })).toBeVisible();
  await expect(page.getByText("ZOOM_MEETING_URL")).toBeVisible();
  expect((await page.goto("/demo-room/skype"))?.status()).toBe(404);
});

test("the method step lists only the methods the slot allows", async ({ page, request }) => {
  const slot = await openSlot(request, 12);
  await gotoContact(page);
  await openDateOf(page, slot);
  await slotCard(page, slot).click();
  const shown = await page.locator("[data-method]").evaluateAll((els) => els.map((e) => e.getAttribute("data-method")));
  expect(shown.length).toBeGreaterThan(0);
  for (const method of shown) expect(slot.methods).toContain(method);
  await page.getByRole("button", { name: "Change time" }).click();
  await expect(page.getByRole("heading", { name: "Pick a date" })).toBeFocused();
});

test("a free slot confirms at once, with no payment step", async ({ page }) => {
  // A free slot on a Saturday morning, where the seeded weekday grid has none.
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + ((6 - start.getUTCDay() + 7) % 7 || 7) + 7);
  start.setUTCHours(11, 0, 0, 0);
  const slotId = await withE2eDb(async (db) => {
    const { rows } = await db.query(
      `INSERT INTO "Slot" (id, "startsAt", "durationMinutes", "priceCents", currency, "requiresPayment", methods, "isAvailable", "updatedAt")
       VALUES (gen_random_uuid(), $1, 30, 0, 'usd', false, '{PHONE}', true, now()) RETURNING id`,
      [start],
    );
    return rows[0].id as string;
  });
  const slot = { id: slotId, startsAt: start.toISOString(), durationMinutes: 30, priceCents: 0, methods: ["PHONE"] };

  await gotoContact(page);
  const dialog = await openDateOf(page, slot);
  await expect(slotCard(page, slot)).toContainText("30 min · Free");
  await slotCard(page, slot).click();
  await expect(dialog).toBeHidden();
  await page.locator("[data-method]").first().click();
  await fillDetails(page, { name: "Free Visitor", email: "free.visitor@example.com", phone: "+1 555 0101" });
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/contact\/booking\/bk_[a-z2-7]{26}$/);
  await expect(page.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
  await expect(page.getByText("Booking fee")).toHaveCount(0);
});
