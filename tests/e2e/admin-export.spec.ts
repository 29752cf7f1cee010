import { readFileSync } from "node:fs";
import { expect, test } from "./helpers/test";
import { bookAsVisitor, chargeNow, createAdmin, insertSlot, login, offHoursStart } from "./admin-support";

test.beforeAll(() => {
  createAdmin();
});

test("the CSV export downloads the filtered list, every cell quoted, formula cells neutralised", async ({ page, request }) => {
  const slotId = await insertSlot(offHoursStart(13, 5));
  const id = await bookAsVisitor(request, slotId, {
    name: '=HYPERLINK("http://evil.example","x")',
    email: "csv.formula@example.com",
    company: "+Quantum Exports;=1+2",
    phone: "+1 555 010 0199",
  });
  // The export's "Paid" columns are about a charged fee; 13 days out it is only authorised (ADR 120).
  await chargeNow(request, id);
  await login(page);
  await page.goto("/admin/bookings?q=csv.formula");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Export CSV \(1 booking\)$/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^bookings-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(
    '"Booking ID","Status","Starts (business time)","Duration (min)","Method","Name","Email","Company","Phone","Paid","Payment status","Amount","Refunded","Currency","Project outcome","Notes","Created (UTC)"',
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  // A `;` separator (German, French Excel) would have split the company into a formula.
  expect(lines[1]).toContain(`,"'+Quantum Exports;'=1+2",`);
  // The phone stays text without a visible apostrophe (ADR 057).
  expect(lines[1]).toContain(`,"tel:+1-555-010-0199",`);
  expect(lines[1]).toContain(`,"yes","Paid","10.00","0.00","USD",`);

  // Without a session the same URL is refused.
  const anonymous = await request.get("/api/admin/bookings/export?q=csv.formula");
  expect(anonymous.status()).toBe(401);
});
