import { addDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { formatInZone } from "@/lib/time-zones";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { bookingsCsv } from "./bookings-csv";
import { bookingsForExport, listBookings, parseBookingFilters } from "./bookings-query";

const t = useTestDatabase();
const TZ = "America/New_York";

describe("bookings list", () => {
  it("filters by status, payment, date range and searches name, email and company", async () => {
    const inTwoDays = addDays(new Date(), 2);
    await seedBooking(t.db, {
      status: "CONFIRMED",
      paidCents: 1000,
      name: "Ada Lovelace",
      email: "ada@example.com",
      company: "Engines",
      startsAt: inTwoDays,
    });
    await seedBooking(t.db, {
      status: "CANCELLED",
      name: "Grace Hopper",
      email: "grace@navy.example",
      company: "Navy",
      startsAt: addDays(new Date(), 9),
    });
    await seedBooking(t.db, {
      status: "PENDING_PAYMENT",
      name: "Alan Turing",
      email: "alan@example.com",
      company: "Bletchley",
      startsAt: addDays(new Date(), 12),
    });
    const list = async (params: Record<string, string>) => (await listBookings(parseBookingFilters(params), TZ)).rows.map((r) => r.name);

    expect(await list({})).toHaveLength(3);
    expect(await list({ status: "CANCELLED" })).toEqual(["Grace Hopper"]);
    expect(await list({ payment: "SUCCEEDED" })).toEqual(["Ada Lovelace"]);
    expect((await list({ payment: "NONE" })).sort()).toEqual(["Alan Turing", "Grace Hopper"]);
    expect(await list({ q: "NAVY" })).toEqual(["Grace Hopper"]);
    expect(await list({ q: "alan@" })).toEqual(["Alan Turing"]);
    expect(await list({ q: "bletch" })).toEqual(["Alan Turing"]);
    const day = formatInZone(inTwoDays, TZ, "yyyy-MM-dd");
    expect(await list({ from: day, to: day })).toEqual(["Ada Lovelace"]);
    // Nonsense in the URL is ignored, not an error.
    expect(await list({ status: "BOGUS", from: "2026-02-30", page: "-3" })).toHaveLength(3);
  });

  it("paginates on the server", async () => {
    for (let i = 0; i < 27; i++) await seedBooking(t.db, { status: "CONFIRMED", name: `Person ${i}`, email: `p${i}@example.com` });
    const first = await listBookings(parseBookingFilters({}), TZ);
    const second = await listBookings(parseBookingFilters({ page: "2" }), TZ);
    expect([first.total, first.pageCount, first.rows.length, second.rows.length]).toEqual([27, 2, 25, 2]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(27);
  });

  it("exports the filtered list as formula-safe CSV", async () => {
    await seedBooking(t.db, {
      status: "CONFIRMED",
      paidCents: 1000,
      name: '=HYPERLINK("http://evil","x")',
      company: "+SUM(1)",
      notes: '@cmd, "quoted"',
    });
    await seedBooking(t.db, { status: "CANCELLED", name: "Someone Else", email: "else@example.com" });
    const rows = await bookingsForExport(parseBookingFilters({ status: "CONFIRMED" }), TZ);
    const csv = bookingsCsv(rows, TZ);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(lines[1]).toContain(`"'+SUM(1)"`);
    expect(lines[1]).toContain(`"'@cmd, ""quoted"""`);
    expect(lines[1]).toContain(`,"yes","Paid","10.00","0.00","USD",`);
    expect(csv).not.toContain("Someone Else");
  });
});
