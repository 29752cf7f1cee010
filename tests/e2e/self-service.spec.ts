import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { allOpenDates, dateKeyIn, keepScreenshot, openSlot, timeIn, type OpenSlot } from "./contact-flow";

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

async function expectNoAxeViolations(page: Page, step: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${step}`).toEqual([]);
}

/** Books and pays for a slot through the API, then returns the manage link from the confirmation email. */
async function bookAndFollowLink(request: APIRequestContext, slot: OpenSlot, name: string, email: string) {
  const created = await request.post("/api/bookings", {
    data: { slotId: slot.id, method: slot.methods[0], name, email, timeZone: "Europe/London" },
  });
  expect(created.status()).toBe(201);
  const { booking } = (await created.json()) as { booking: { id: string } };
  expect((await request.post(`/api/bookings/${booking.id}/confirm-payment`)).status()).toBe(200);
  await runOutbox(request);
  const confirmation = await sentEmail(booking.id, "booking_confirmed");
  const link = /href="([^"]*\/booking\/[A-Za-z0-9_-]{43})"/.exec(confirmation.html)?.[1];
  expect(link, "manage link in the confirmation email").toBeTruthy();
  return { bookingId: booking.id, path: new URL(link!).pathname };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

async function isOpen(request: APIRequestContext, slotId: string): Promise<boolean> {
  const dates = await allOpenDates(request);
  return dates.some((d) => d.slots.some((s) => s.id === slotId));
}

test("cancel through the link in the confirmation email: authorisation released, emailed, slot freed", async ({
  page,
  request,
}, testInfo) => {
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
  // 16 days out the fee is only authorised (ADR 120): cancelling releases it, nothing is refunded.
  await expect(page.getByText("If you cancel now, your card authorisation is released; nothing is charged.")).toBeVisible();
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expect(page.getByRole("status")).toContainText(
    "This booking is cancelled. Your card authorisation is released; nothing was charged.",
  );
  await expect(page.getByRole("status")).not.toContainText("refunded");
  await page.reload();
  await expect(page.getByText("Status: Cancelled")).toBeVisible();
  await expect(page.getByText("Booking fee: Your card authorisation is released; nothing was charged.")).toBeVisible();
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

test.describe("reschedule on the manage page", () => {
  test.use({ timezoneId: "Europe/London", locale: "en-US" });

  for (const viewport of [
    { name: "desktop", width: 1280, height: 800, from: 18, to: 20 },
    { name: "mobile", width: 390, height: 844, from: 19, to: 21 },
  ]) {
    test(`by keyboard through the /contact calendar and slot dialog, starting on the booking's date (${viewport.name})`, async ({
      page,
      request,
    }, testInfo) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const current = await openSlot(request, viewport.from);
      const target = await openSlot(request, viewport.to);
      const { bookingId, path } = await bookAndFollowLink(request, current, "Ada Lovelace", `ada.${viewport.name}@example.com`);

      // The page carries one month of date counts, never the window's slots (ADR 140).
      const html = await (await request.get(path)).text();
      expect(html).not.toContain(target.id);
      const reads: string[] = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (/^\/api\/manage\/[^/]+\/(dates|times)$/.test(url.pathname))
          reads.push(`${url.pathname.split("/").pop()}?${url.search.slice(1)}`);
      });

      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Your booking" })).toBeVisible();
      // The same site header as /contact.
      await expect(page.getByRole("banner").getByRole("link")).toHaveAttribute("href", "/contact");
      await expect(page.getByRole("combobox")).toHaveCount(0);
      await expect(page.getByRole("radio")).toHaveCount(0);
      await expectNoAxeViolations(page, "the manage page");

      // The calendar opens on the booking's own date, which holds the grid's one tab stop.
      const currentKey = dateKeyIn(current.startsAt, "Europe/London");
      const targetKey = dateKeyIn(target.startsAt, "Europe/London");
      const focusedDate = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.date ?? null);
      await expect(page.getByRole("grid").locator('[tabindex="0"]')).toHaveAttribute("data-date", currentKey);
      for (let i = 0; i < 60 && (await focusedDate()) !== currentKey; i++) await page.keyboard.press("Tab");
      expect(await focusedDate()).toBe(currentKey);

      let steps = daysBetween(currentKey, targetKey);
      for (; steps >= 7; steps -= 7) await page.keyboard.press("ArrowDown");
      for (; steps > 0; steps--) await page.keyboard.press("ArrowRight");
      expect(await focusedDate()).toBe(targetKey);
      // A target in the next month is open once that month's counts have arrived.
      await expect(page.locator(`[data-date="${targetKey}"]`)).toHaveAttribute("data-open", "true");
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await expectNoAxeViolations(page, "the manage page's slot dialog");
      for (let i = 0; i < 20; i++) {
        if (await dialog.locator(`[data-slot-id="${target.id}"]`).evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press("Tab");
      }
      await expect(dialog.locator(`[data-slot-id="${target.id}"]`)).toBeFocused();
      // The date's times came from the link's own route, in the zone shown.
      expect(reads).toContain(`times?${new URLSearchParams({ date: targetKey, tz: "Europe/London" })}`);
      if (targetKey.slice(0, 7) !== currentKey.slice(0, 7)) {
        expect(reads).toContain(`dates?${new URLSearchParams({ month: targetKey.slice(0, 7), tz: "Europe/London" })}`);
      }
      await page.keyboard.press("Enter");
      await expect(dialog).toBeHidden();

      const move = page.getByRole("button", { name: "Move my booking" });
      await expect(move).toBeFocused();
      await expect(page.getByText("New time:")).toContainText(timeIn(target.startsAt, "Europe/London"));
      await keepScreenshot(page, testInfo, `manage-reschedule-${viewport.name}`);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status")).toContainText("Your booking has moved");

      const api = (await (await request.get(`/api/bookings/${bookingId}`)).json()) as { booking: { startsAt: string } };
      expect(api.booking.startsAt).toBe(target.startsAt);
      expect(await isOpen(request, current.id)).toBe(true);
      expect(await isOpen(request, target.id)).toBe(false);
      await page.reload();
      await expect(page.getByText("Status: Confirmed")).toBeVisible();
      await expect(page.locator("section").first()).toContainText(timeIn(target.startsAt, "Europe/London"));
      await expectNoAxeViolations(page, "the moved booking");
    });
  }
});
