import type { Metadata } from "next";
import { connection } from "next/server";
import { settings } from "@/lib/settings/settings";
import { EmbedFrame } from "@/components/embed/embed-frame";
import { parentSearch, PARENT_PARAM } from "@/components/embed/embed-paths";
import { bookingTerms, HostAndFlow } from "../contact/host-and-flow";
import { flowStart } from "../contact/open-slots";
import { parseFlowUrl } from "@/components/contact/booking-flow-state";
import { embedConfirmPaymentAction, embedStartBookingAction } from "./actions";
import { EmbedClientFlow } from "./embed-client-flow";
import { verifiedParent } from "./parent";

export const metadata: Metadata = { title: "Book a consultation" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ACTIONS = { start: embedStartBookingAction, confirmPayment: embedConfirmPaymentAction };

/**
 * /embed: the /contact flow for an iframe on an allowed site. No cookie is read: the frame
 * keeps its own session id and sends it with each action (ADR 114), so the first render lists
 * no own hold, and a reloaded payment step asks the visitor to pick the time again.
 */
export default async function EmbedPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const s = await settings();
  const parent = await verifiedParent(query[PARENT_PARAM]);
  const flowQuery = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (typeof value === "string" && key !== PARENT_PARAM) flowQuery.set(key, value);
  const url = parseFlowUrl(flowQuery);
  const start = await flowStart(undefined, s.BUSINESS_TIME_ZONE, url.step === "date" ? null : url.slotId);
  const { refundTerms, fee } = bookingTerms(s, start.kinds);

  return (
    <EmbedFrame parent={parent}>
      <div data-wide-page className="grid gap-4 p-1">
        <h1 className="sr-only">Book a consultation with {s.BUSINESS_NAME}</h1>
        <HostAndFlow s={s} slots={start.kinds} fee={fee} gapClass="gap-4">
          <EmbedClientFlow
            parent={parent}
            keepSearch={parentSearch(parent)}
            calendar={start.calendar}
            urlSlot={start.urlSlot}
            businessTimeZone={s.BUSINESS_TIME_ZONE}
            nowIso={new Date().toISOString()}
            windowDays={s.BOOKING_WINDOW_DAYS}
            refundTerms={refundTerms}
            fee={fee}
            initialSearch={flowQuery.toString()}
            resume={null}
            embedActions={ACTIONS}
          />
        </HostAndFlow>
      </div>
    </EmbedFrame>
  );
}
