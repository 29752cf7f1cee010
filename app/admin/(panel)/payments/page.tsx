import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listPayments, paymentFiltersSchema } from "@/lib/admin/payments-query";
import { PAYMENT_STATUS_LABELS } from "@/lib/admin/labels";
import { settings } from "@/lib/settings/settings";
import { isExternalRefund } from "@/lib/payments/external-refunds";
import {
  Badge,
  DataTable,
  Empty,
  FeeTimingNote,
  Money,
  PageHeader,
  Pagination,
  PaymentStateBadge,
  StatusFilter,
  When,
  linkClass,
  pageHref,
  tdClass,
} from "../../_components/ui";

export const metadata = { title: "Payments" };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const filters = paymentFiltersSchema.parse(await searchParams);
  const result = await listPayments(filters);
  return (
    <>
      <PageHeader title="Payments" />
      <StatusFilter label="Payments" value={filters.status} labels={PAYMENT_STATUS_LABELS} />
      <p className="mb-2 text-sm text-slate-700">Refunds (full or partial) are made from the booking page, in its Payment section.</p>
      {result.rows.length === 0 ? (
        <Empty>No payments.</Empty>
      ) : (
        <DataTable caption="Payments" columns={["Started", "Visitor", "Amount", "Status", "Refunded", "Refunds", "Provider"]}>
          {result.rows.map((p) => (
            <tr key={p.id}>
              <td className={tdClass}>
                <When at={p.createdAt} timeZone={timeZone} pattern="MMM d, yyyy, h:mm a" />
              </td>
              <td className={tdClass}>
                <Link className={linkClass} href={`/admin/bookings/${p.booking.id}#payment`}>
                  {p.booking.name}
                </Link>
                <div className="text-slate-700">{p.booking.email}</div>
              </td>
              <td className={tdClass}>
                <Money cents={p.amountCents} currency={p.currency} />
              </td>
              <td className={tdClass}>
                <PaymentStateBadge payment={p} booking={p.booking} />
                <FeeTimingNote payment={p} timeZone={timeZone} />
                {p.refundedOutsideApp ? (
                  <div className="mt-1">
                    <Badge tone="amber">Refunded outside the app; booking still confirmed</Badge>
                  </div>
                ) : null}
              </td>
              <td className={tdClass}>
                <Money cents={p.refundedCents} currency={p.currency} />
              </td>
              <td className={tdClass}>
                {p.refunds.length === 0 ? (
                  "—"
                ) : (
                  <ul>
                    {p.refunds.map((r) => (
                      <li key={r.id}>
                        <Money cents={r.amountCents} currency={p.currency} /> {r.status.toLowerCase()}
                        {isExternalRefund(r) ? " (outside the app)" : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className={tdClass}>{p.provider === "DEMO" ? "Demo" : "Stripe"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        href={(page) => pageHref("/admin/payments", { status: filters.status }, page)}
      />
    </>
  );
}
