import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { bookAsVisitor, createAdmin, insertSlot, login, offHoursStart } from "./admin-support";

// A visitor's notes (and name) carrying markup and script must stay inert text in the
// admin and in the stored emails.
const PAYLOAD = `<img src=x onerror="window.__xss='img'"><script>window.__xss='script'</script><b>bold?</b> & "quotes"`;

test.beforeAll(() => {
  createAdmin();
});

test("HTML and JS in a visitor's notes render as text in the admin and are escaped in emails", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const slotId = await insertSlot(offHoursStart(14, 5));
  const id = await bookAsVisitor(request, slotId, { name: `Mallory <i>x</i>`, email: "mallory@example.com", notes: PAYLOAD });

  await login(page);
  await page.goto(`/admin/bookings/${id}`);
  const notes = page.getByTestId("visitor-notes");
  await expect(notes).toHaveText(PAYLOAD);
  await expect(notes.locator("img, script, b")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Booking: Mallory <i>x</i>");

  // Delivering the queued emails renders them (the reminder button sends what is due).
  await page.getByRole("button", { name: "Send reminder now" }).click();
  await expect(page.getByText("Reminder queued for sending.")).toBeVisible();
  const emails = await withE2eDb(
    async (db) =>
      (
        await db.query<{ id: string; kind: string; html: string | null; text: string | null }>(
          `SELECT "id", "kind", "html", "text" FROM "OutboxEmail" WHERE "bookingId" = $1`,
          [id],
        )
      ).rows,
  );
  const rendered = emails.filter((e) => e.html);
  expect(rendered.length).toBeGreaterThan(0);
  for (const email of rendered) {
    expect(email.html).not.toContain("<script>window.__xss");
    expect(email.html).not.toContain("<img src=x");
  }
  // The admin's new-booking email carries the notes: escaped, not markup.
  expect(rendered.some((e) => e.html!.includes("&lt;script&gt;window.__xss"))).toBe(true);

  // The rendered email is shown in a sandboxed frame.
  await page.goto(`/admin/emails/${rendered[0]!.id}`);
  await expect(page.locator('iframe[title="Email preview"]')).toHaveAttribute("sandbox", "");
  await page.goto("/admin/bookings?q=mallory");
  await expect(page.locator("tbody")).toContainText("Mallory <i>x</i>");

  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
