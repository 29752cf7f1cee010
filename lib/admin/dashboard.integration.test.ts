import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { adminRefundPayment } from "./booking-admin-actions";
import { getDashboard } from "./dashboard";

const t = useTestDatabase();

describe("dashboard", () => {
  it("counts bookings per status and sums fees collected and refunded", async () => {
    const { payment } = await seedBooking(t.db, { status: "CONFIRMED", paidCents: 2000 });
    await seedBooking(t.db, { status: "CONFIRMED", paidCents: 1500 });
    await seedBooking(t.db, { status: "PENDING_PAYMENT" });
    await seedBooking(t.db, { status: "CANCELLED" });
    await adminRefundPayment(
      { id: null, email: "owner@example.com" },
      { paymentId: payment!.id, amountCents: 500, reason: "x", requestKey: crypto.randomUUID() },
    );
    const d = await getDashboard("America/New_York");
    expect(d.statusCounts).toEqual({ CONFIRMED: 2, PENDING_PAYMENT: 1, CANCELLED: 1 });
    expect(d.collected).toEqual([{ currency: "usd", cents: 3500 }]);
    expect(d.refunded).toEqual([{ currency: "usd", cents: 500 }]);
    expect(d.held).toHaveLength(1);
    expect(d.upcoming).toHaveLength(2);
  });
});
