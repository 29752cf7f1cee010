import Link from "next/link";
import type { BookingStatus, EmailStatus } from "@/lib/db/generated/enums";
import { BOOKING_STATUS_LABELS, EMAIL_STATUS_LABELS } from "@/lib/admin/labels";
import { formatMoney } from "@/lib/format";
import { feeTimingFacts, type FeeTimingPayment } from "@/lib/status/fee-timing";
import { paymentState, paymentStateLabel, type PaymentState } from "@/lib/status/payment-label";
import { formatInZone } from "@/lib/time-zones";

// Presentational pieces shared by the admin pages (server components, no data access).

export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      {children}
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className="mb-8 rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <h2 id={headingId} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const BADGE = {
  green: "bg-emerald-100 text-emerald-900",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-900",
  slate: "bg-slate-200 text-slate-900",
  blue: "bg-sky-100 text-sky-900",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof BADGE; children: React.ReactNode }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${BADGE[tone]}`}>{children}</span>;
}

const BOOKING_TONE: Record<BookingStatus, keyof typeof BADGE> = {
  PENDING_PAYMENT: "amber",
  CONFIRMED: "green",
  COMPLETED: "blue",
  NO_SHOW: "red",
  CANCELLED: "slate",
  EXPIRED: "slate",
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  return <Badge tone={BOOKING_TONE[status]}>{BOOKING_STATUS_LABELS[status]}</Badge>;
}

const EMAIL_TONE: Record<EmailStatus, keyof typeof BADGE> = { PENDING: "amber", SENDING: "amber", SENT: "green", FAILED: "red" };

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <Badge tone={EMAIL_TONE[status]}>{EMAIL_STATUS_LABELS[status]}</Badge>;
}

const STATE_TONE: Record<PaymentState, keyof typeof BADGE> = {
  none: "slate",
  paid: "green",
  paid_outside: "green",
  waived: "blue",
  partially_refunded: "blue",
  refunded: "slate",
  awaiting: "amber",
  processing: "amber",
  failed: "red",
  hold_lapsed: "slate",
  canceled: "slate",
  authorized: "amber",
  released: "slate",
  capture_failed: "red",
};

/** What the payment means for its booking (refunded, hold lapsed…), not just its raw status. */
export function PaymentStateBadge({
  payment,
  booking,
}: {
  payment: Parameters<typeof paymentState>[0];
  booking: Parameters<typeof paymentState>[1];
}) {
  const state = paymentState(payment, booking);
  return (
    <Badge tone={STATE_TONE[state]}>
      {state === "paid" ? <span aria-hidden="true">✓ </span> : null}
      {paymentStateLabel(payment, booking)}
    </Badge>
  );
}

/** "authorised until …", "will be charged on …", "charged on …", "released…" under a payment (ADR 130). */
export function FeeTimingNote({ payment, timeZone }: { payment: FeeTimingPayment | null | undefined; timeZone: string }) {
  const facts = feeTimingFacts(payment, timeZone);
  if (facts.length === 0) return null;
  return (
    <ul data-testid="fee-timing" className="mt-1 text-xs text-slate-700">
      {facts.map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
  );
}

export function Money({ cents, currency }: { cents: number; currency: string }) {
  return <span className="tabular-nums">{formatMoney(cents, currency)}</span>;
}

export function When({ at, timeZone, pattern }: { at: Date; timeZone: string; pattern?: string }) {
  return <time dateTime={at.toISOString()}>{formatInZone(at, timeZone, pattern)}</time>;
}

export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link className="font-medium text-brand-700 underline" href={href(page - 1)} rel="prev">
          Previous page
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="font-medium text-brand-700 underline" href={href(page + 1)} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-700">{children}</p>;
}

export const tableClass = "w-full border-collapse text-left text-sm";
export const thClass = "border-b border-slate-300 px-2 py-2 font-semibold text-slate-900";
export const tdClass = "border-b border-slate-200 px-2 py-2 align-top text-slate-900";

/** A table with a caption (for screen readers unless shown) and column headers; rows as children. */
export function DataTable({
  caption,
  columns,
  children,
  showCaption = false,
}: {
  caption: string;
  columns: React.ReactNode[];
  children: React.ReactNode;
  showCaption?: boolean;
}) {
  return (
    // Focusable, so a keyboard user can scroll a table wider than a phone's screen.
    <div className="overflow-x-auto" tabIndex={0}>
      <table className={tableClass}>
        <caption className={showCaption ? "mb-1 text-left text-sm text-slate-700" : "sr-only"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={thClass}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A labelled select for GET filter forms, with an "any" first option. */
export function FilterSelect({
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 block rounded border border-slate-500 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const filterButtonClass = "rounded bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800";

/** The one-select status filter of the payments and emails lists. */
export function StatusFilter({ label, value, labels }: { label: string; value: string | undefined; labels: Record<string, string> }) {
  return (
    <form method="get" aria-label={`Filter ${label.toLowerCase()}`} className="mb-4 flex items-end gap-3">
      <FilterSelect
        name="status"
        label="Status"
        value={value}
        anyLabel="Any status"
        options={Object.entries(labels).map(([v, l]) => ({ value: v, label: l }))}
      />
      <button type="submit" className={filterButtonClass}>
        Filter
      </button>
    </form>
  );
}

/** A list page's URL with its filters and a page number. */
export function pageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set("page", String(page));
  return `${path}?${params}`;
}
export const linkClass = "font-medium text-brand-700 underline hover:text-brand-800";

/** Only http(s) meeting links become links; tel: shows as a number, anything else as text. */
export function SafeLink({ url }: { url: string | null }) {
  if (!url) return <span>—</span>;
  if (/^https?:\/\//i.test(url)) {
    return (
      <a className={linkClass} href={url} rel="noopener noreferrer" target="_blank">
        {url}
      </a>
    );
  }
  if (/^tel:\+?\d{3,20}$/.test(url)) {
    return (
      <a className={linkClass} href={url}>
        {url.slice(4)}
      </a>
    );
  }
  return <span>{url}</span>;
}
