import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { NO_PAYMENT, filtersQuery, listBookings, parseBookingFilters } from "@/lib/admin/bookings-query";
import { BOOKING_STATUS_LABELS, PAYMENT_STATUS_LABELS } from "@/lib/admin/labels";
import { BookingStatus, PaymentStatus } from "@/lib/db/generated/enums";
import { bookingRuleBreaches } from "@/lib/booking/rule-breaches";
import { settings } from "@/lib/settings/settings";
import { BookingTable } from "../../_components/booking-table";
import { FilterSelect, PageHeader, Pagination, filterButtonClass, linkClass } from "../../_components/ui";

export const metadata = { title: "Bookings" };

const control = "mt-1 block rounded border border-slate-500 bg-white px-2 py-1.5 text-sm";
const label = "block text-sm font-medium text-slate-900";

export default async function BookingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const s = await settings();
  const timeZone = s.BUSINESS_TIME_ZONE;
  const filters = parseBookingFilters(await searchParams);
  const result = await listBookings(filters, timeZone);
  const breaches = await bookingRuleBreaches(
    result.rows.map((r) => r.id),
    s,
    new Date(),
  );
  const exportHref = `/api/admin/bookings/export?${filtersQuery(filters)}`;
  return (
    <>
      <PageHeader title="Bookings">
        <a href={exportHref} className={linkClass} download>
          Export CSV ({result.total} {result.total === 1 ? "booking" : "bookings"})
        </a>
      </PageHeader>

      <form
        method="get"
        role="search"
        aria-label="Filter bookings"
        className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-4"
      >
        <div>
          <label htmlFor="q" className={label}>
            Search name, email or company
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className={`${control} w-64`} />
        </div>
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          anyLabel="Any status"
          options={Object.values(BookingStatus).map((v) => ({ value: v, label: BOOKING_STATUS_LABELS[v] }))}
        />
        <FilterSelect
          name="payment"
          label="Payment"
          value={filters.payment}
          anyLabel="Any payment"
          options={[
            ...Object.values(PaymentStatus).map((v) => ({ value: v, label: PAYMENT_STATUS_LABELS[v] })),
            { value: NO_PAYMENT, label: "No payment (free)" },
          ]}
        />
        <div>
          <label htmlFor="from" className={label}>
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className={control} />
        </div>
        <div>
          <label htmlFor="to" className={label}>
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className={control} />
        </div>
        <button type="submit" className={filterButtonClass}>
          Apply filters
        </button>
        <Link href="/admin/bookings" className={`${linkClass} py-2 text-sm`}>
          Clear
        </Link>
      </form>

      <p className="mb-2 text-sm text-slate-700" role="status">
        {result.total} {result.total === 1 ? "booking" : "bookings"} found. Dates are slot start dates in {timeZone}.
      </p>
      <BookingTable
        rows={result.rows}
        timeZone={timeZone}
        caption="Bookings"
        empty="No bookings match these filters."
        breaches={breaches}
      />
      <Pagination page={result.page} pageCount={result.pageCount} href={(page) => `/admin/bookings?${filtersQuery(filters, { page })}`} />
    </>
  );
}
