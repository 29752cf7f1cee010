import Link from "next/link";
import type { BookingListRow } from "@/lib/admin/bookings-query";
import { METHOD_INFO } from "@/lib/meeting-methods";
import { BookingStatusBadge, DataTable, Empty, FeeTimingNote, Money, PaymentStateBadge, When, linkClass, tdClass } from "./ui";

/** Bookings as a table: used by the dashboard and the bookings list. */
export function BookingTable({
  rows,
  timeZone,
  caption,
  empty,
  breaches,
}: {
  rows: BookingListRow[];
  timeZone: string;
  caption: string;
  empty: string;
  /** Booking id → the current rules it would break (lib/booking/rule-breaches). */
  breaches?: ReadonlyMap<string, string[]>;
}) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <DataTable caption={caption} columns={["When", "Visitor", "Company", "Method", "Status", "Payment", "Amount"]}>
      {rows.map((b) => (
        <tr key={b.id}>
          <td className={tdClass}>
            <When at={b.slot.startsAt} timeZone={timeZone} pattern="EEE, MMM d, yyyy, h:mm a" />
          </td>
          <td className={tdClass}>
            <Link href={`/admin/bookings/${b.id}`} className={linkClass}>
              {b.name}
            </Link>
            <div className="text-slate-700">{b.email}</div>
          </td>
          <td className={tdClass}>{b.company ?? "—"}</td>
          <td className={tdClass}>{METHOD_INFO[b.method].label}</td>
          <td className={tdClass}>
            <BookingStatusBadge status={b.status} />
            {breaches?.get(b.id)?.map((m) => (
              <div key={m} data-testid="rule-breach" className="mt-1 text-xs text-amber-900">
                {m}
              </div>
            ))}
          </td>
          <td className={tdClass}>
            <PaymentStateBadge payment={b.payment} booking={b} />
            <FeeTimingNote payment={b.payment} timeZone={timeZone} />
          </td>
          <td className={tdClass}>
            <Money cents={b.payment?.amountCents ?? b.slot.priceCents} currency={b.payment?.currency ?? b.slot.currency} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
