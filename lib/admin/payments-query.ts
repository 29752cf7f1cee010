import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { PaymentStatus } from "@/lib/db/generated/enums";
import { refundedOutsideApp } from "@/lib/payments/external-refunds";
import { pageOf, type Page } from "./pagination";

export const paymentFiltersSchema = z.object({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(PaymentStatus).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
});
export type PaymentFilters = z.output<typeof paymentFiltersSchema>;

const include = {
  booking: { select: { id: true, name: true, email: true, status: true, holdExpiresAt: true } },
  refunds: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.PaymentInclude;
export type PaymentRow = Prisma.PaymentGetPayload<{ include: typeof include }> & {
  /** The booking is still confirmed although money was refunded outside the app. */
  refundedOutsideApp: boolean;
};

export async function listPayments(filters: PaymentFilters): Promise<Page<PaymentRow>> {
  const db = await getDb();
  const where: Prisma.PaymentWhereInput = filters.status ? { status: filters.status } : {};
  const total = await db.payment.count({ where });
  const { page, pageCount, skip, take } = pageOf(filters.page, total);
  const rows = await db.payment.findMany({ where, include, orderBy: { createdAt: "desc" }, skip, take });
  return {
    rows: rows.map((row) => ({ ...row, refundedOutsideApp: refundedOutsideApp(row.booking, row.refunds) })),
    total,
    page,
    pageCount,
  };
}
