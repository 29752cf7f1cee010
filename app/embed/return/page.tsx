import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/http/client-context";
import { paymentReturnView } from "@/lib/payments/return-view";
import { EmbedFrame } from "@/components/embed/embed-frame";
import { embedBookingPath, embedFlowPath, embedReturnPath, PARENT_PARAM } from "@/components/embed/embed-paths";
import { FlowLinksProvider } from "@/components/embed/flow-links-provider";
import { ReturnPanels } from "../../contact/return/return-panels";
import { verifiedParent } from "../parent";

// Where a payment redirect (3-D Secure, bank pages) returns inside the embed's frame: the
// stripe return_url the embed's card form sets. Same view as /contact/return, embed links.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payment", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmbedPaymentReturnPage({ searchParams }: Props) {
  const query = await searchParams;
  const parent = await verifiedParent(query[PARENT_PARAM]);
  const booking = typeof query.booking === "string" ? query.booking : undefined;
  const view = await paymentReturnView(booking, { ip: await clientIp() });
  if (view.kind === "settled") redirect(embedBookingPath(view.bookingId, parent));
  return (
    <EmbedFrame parent={parent}>
      <div className="p-1">
        <FlowLinksProvider parent={parent}>
          <ReturnPanels
            view={view}
            pages={{
              flow: embedFlowPath(parent),
              booking: (id) => embedBookingPath(id, parent),
              checkAgain: (id) => embedReturnPath(id, parent),
            }}
          />
        </FlowLinksProvider>
      </div>
    </EmbedFrame>
  );
}
