import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BookingStatus, PaymentStatus } from "@/lib/db/generated/enums";
import { CANCELLABLE_BOOKING_STATUSES, LIVE_BOOKING_STATUSES, SETTLED_BOOKING_STATUSES, isLiveBooking, sqlList } from "./booking-status";
import {
  PAID_PAYMENT_STATUSES,
  REFUNDABLE_PAYMENT_STATUSES,
  UNSETTLED_PAYMENT_STATUSES,
  isPaid,
  isRefundable,
  isUnsettledStatus,
} from "./payment-status";

const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** The WHERE of the latest CREATE of an index, across all migrations in order. */
function indexPredicate(name: string): string {
  let predicate = "";
  for (const dir of fs.readdirSync(migrations).sort()) {
    const file = path.join(migrations, dir, "migration.sql");
    if (!fs.existsSync(file)) continue;
    const match = new RegExp(`CREATE UNIQUE INDEX "${name}"[^;]*?WHERE ([^;]*);`, "s").exec(fs.readFileSync(file, "utf8"));
    if (match) predicate = match[1]!.replace(/\s+/g, " ").trim();
  }
  return predicate;
}

describe("status rules", () => {
  it("are the database enums' values", () => {
    for (const s of [...LIVE_BOOKING_STATUSES, ...SETTLED_BOOKING_STATUSES, ...CANCELLABLE_BOOKING_STATUSES])
      expect(Object.values(BookingStatus)).toContain(s);
    for (const s of [...PAID_PAYMENT_STATUSES, ...REFUNDABLE_PAYMENT_STATUSES, ...UNSETTLED_PAYMENT_STATUSES])
      expect(Object.values(PaymentStatus)).toContain(s);
  });

  it("'live' is the predicate of the migration's partial index", () => {
    expect(indexPredicate("Booking_one_live_per_slot")).toBe(`"status" IN (${sqlList(LIVE_BOOKING_STATUSES)})`);
  });

  it("answers the predicates", () => {
    expect(isLiveBooking("PENDING_PAYMENT")).toBe(true);
    expect(isLiveBooking("CANCELLED")).toBe(false);
    expect(isPaid({ status: "REFUNDED" })).toBe(true);
    expect(isPaid(null)).toBe(false);
    expect(isRefundable({ status: "REFUNDED" })).toBe(false);
    expect(isRefundable({ status: "PARTIALLY_REFUNDED" })).toBe(true);
    // A late success is still settled for these; a cancelled intent is not.
    expect(UNSETTLED_PAYMENT_STATUSES.some((s) => isPaid({ status: s }))).toBe(false);
    expect(isUnsettledStatus("FAILED")).toBe(true);
    expect(isUnsettledStatus("CANCELED")).toBe(false);
  });

  it("quotes SQL lists", () => {
    expect(sqlList(["A", "O'B"])).toBe("'A', 'O''B'");
  });
});
