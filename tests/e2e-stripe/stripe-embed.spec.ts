import { withE2eDb, e2ePort } from "../e2e/helpers/db";
import { startEmbedHost } from "../e2e/helpers/embed-host";
import { expect, test } from "../e2e/helpers/test";
import { dateKeyIn, openSlot, VISITOR_ZONE } from "../e2e/contact-flow";
import { FAKE_STRIPE_URL } from "./playwright.stripe.config";

// Issue 19 in Stripe mode: the embed's payment step runs Stripe's path inside the frame on
// another site, and a payment redirect (3-D Secure) comes back into the frame through the
// embed's own return page, which confirms and tells the host. The browser cannot reach
// js.stripe.com here, so the payment itself is made at the fake, as the other Stripe specs do.

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

const APP = `http://127.0.0.1:${e2ePort()}`;
const HOST_PORT = e2ePort() + 2;
const HOST = `http://127.0.0.2:${HOST_PORT}`;
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Studio</title></head>
<body><main><h1>Studio</h1><div id="widget" data-booking-embed></div></main>
<script>window.__events=[];document.addEventListener("booking:confirmed",e=>window.__events.push(e.detail));</script>
<script src="${APP}/embed.js" async></script></body></html>`;

let host: Awaited<ReturnType<typeof startEmbedHost>>;
test.beforeAll(async () => {
  host = await startEmbedHost(HOST_PORT, { "/": PAGE });
});
test.afterAll(() => host.close());

test("Stripe mode in the frame: the card step is Stripe's, and a redirect returns into the frame and confirms", async ({ page }) => {
  const slot = await openSlot(page.request, 6);
  await page.goto(`${HOST}/`);
  const frame = page.frameLocator(`iframe[title="Book a consultation"]`);
  await expect(frame.getByText("Dates and times follow your time zone")).toContainText("London");
  const day = frame.locator(`[data-date="${dateKeyIn(slot.startsAt, VISITOR_ZONE)}"]`);
  for (let i = 0; i < 3 && !(await day.isVisible()); i++) await frame.getByRole("button", { name: "Next month" }).click();
  await day.click();
  await frame.getByRole("dialog").locator(`[data-slot-id="${slot.id}"]`).click();
  await frame.locator("[data-method]").first().click();
  await frame.getByLabel("Full name").fill("Grace Framed");
  await frame.getByLabel("Email").fill("grace.framed@example.com");
  await frame.getByRole("button", { name: "Continue to payment" }).click();

  // Stripe's path, inside the frame: with js.stripe.com out of reach it says so and keeps the hold.
  const alert = frame.getByRole("alert").filter({ hasText: "The secure card form could not be loaded." });
  await expect(alert).toBeVisible();
  const { bookingId, intentId } = await withE2eDb(async (db) => {
    const row = (
      await db.query(
        `SELECT b."id" AS "bookingId", p."providerPaymentId" AS "intentId" FROM "Booking" b JOIN "Payment" p ON p."bookingId" = b."id" WHERE b."slotId" = $1 AND b."status" = 'PENDING_PAYMENT'`,
        [slot.id],
      )
    ).rows[0] as { bookingId: string; intentId: string } | undefined;
    if (!row) throw new Error("no Stripe hold for the slot");
    return row;
  });
  expect(intentId).toMatch(/^pi_/);

  // The bank's page approved the payment and sends the frame to the embed's return_url.
  const paid = await page.request.post(`${FAKE_STRIPE_URL}/_fake/confirm/${intentId}`, { data: { paymentMethod: "pm_card_visa" } });
  expect(paid.status()).toBe(200);
  const frameDoc = page.frames().find((f) => f.url().startsWith(`${APP}/embed`))!;
  await frameDoc.goto(`${APP}/embed/return?booking=${bookingId}&parent=${encodeURIComponent(HOST)}&redirect_status=succeeded`);
  await expect(frame.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
  expect(page.url()).toBe(`${HOST}/`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __events: { reference: string }[] }).__events.length)).toBe(1);
});
