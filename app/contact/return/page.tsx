import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/http/client-context";
import { paymentReturnView } from "@/lib/payments/return-view";
import { bookingPath, CONTACT_PATH } from "../paths";
import { RetryPayment } from "./retry-payment";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payment", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-3 rounded-2xl border border-amber-200 bg-amber-50 p-5 sm:p-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

const linkClass = "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700";

export default async function PaymentReturnPage({ searchParams }: Props) {
  const { booking } = await searchParams;
  const view = await paymentReturnView(typeof booking === "string" ? booking : undefined, { ip: await clientIp() });
  if (view.kind === "settled") redirect(bookingPath(view.bookingId));

  if (view.kind === "not_found") {
    return (
      <Panel title="We could not find that booking">
        <p>The link may be incomplete. If you paid, you will receive a confirmation email shortly.</p>
        <p>
          <a href={CONTACT_PATH} className={linkClass}>
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
          <a href={`/contact/return?booking=${encodeURIComponent(view.bookingId)}`} className={linkClass}>
            Check again
          </a>
          <a href={bookingPath(view.bookingId)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            View booking
          </a>
        </p>
      </Panel>
    );
  }
  return (
    <Panel title="Your payment did not go through">
      <p>{view.message} The time is still held for you, so you can try again with another card or payment method.</p>
      <RetryPayment payment={view.retry} />
      <p>
        <a href={CONTACT_PATH} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          Pick another time instead
        </a>
      </p>
    </Panel>
  );
}
