import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/http/client-context";
import { paymentReturnView } from "@/lib/payments/return-view";
import { bookingPath, CONTACT_PATH } from "../paths";
import { ReturnPanels, type ReturnPages } from "./return-panels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payment", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGES: ReturnPages = {
  flow: CONTACT_PATH,
  booking: bookingPath,
  checkAgain: (bookingId) => `/contact/return?booking=${encodeURIComponent(bookingId)}`,
};

export default async function PaymentReturnPage({ searchParams }: Props) {
  const { booking } = await searchParams;
  const view = await paymentReturnView(typeof booking === "string" ? booking : undefined, { ip: await clientIp() });
  if (view.kind === "settled") redirect(bookingPath(view.bookingId));
  return <ReturnPanels view={view} pages={PAGES} />;
}
