import type { ReturnView } from "@/lib/payments/return-view";
import { RetryPayment } from "./retry-payment";

// What a visitor back from a payment redirect sees when it is not settled, on /contact/return
// and inside the embed (/embed/return): the same panels, each page's own links.

export type ReturnPages = { flow: string; booking: (bookingId: string) => string; checkAgain: (bookingId: string) => string };

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-3 rounded-2xl border border-amber-200 bg-amber-50 p-5 sm:p-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

const linkClass = "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700";

export function ReturnPanels({ view, pages }: { view: Exclude<ReturnView, { kind: "settled" }>; pages: ReturnPages }) {
  if (view.kind === "not_found") {
    return (
      <Panel title="We could not find that booking">
        <p>The link may be incomplete. If you paid, you will receive a confirmation email shortly.</p>
        <p>
          <a href={pages.flow} className={linkClass}>
            Back to booking
          </a>
        </p>
      </Panel>
    );
  }
  if (view.kind === "unavailable") {
    return (
      <Panel title="We could not check your payment just now">
        <p>
          Our payment provider did not answer. If your payment went through, your booking will be confirmed and emailed to you; you do not
          need to pay again.
        </p>
        <p className="flex flex-wrap gap-3">
          <a href={pages.checkAgain(view.bookingId)} className={linkClass}>
            Check again
          </a>
          <a href={pages.booking(view.bookingId)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            View booking
          </a>
        </p>
      </Panel>
    );
  }
  return (
    <Panel title="Your payment did not go through">
      <p>{view.message} The time is still held for you, so you can try again with another card or payment method.</p>
      <RetryPayment payment={view.retry} bookingHref={pages.booking(view.bookingId)} />
      <p>
        <a href={pages.flow} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          Pick another time instead
        </a>
      </p>
    </Panel>
  );
}
