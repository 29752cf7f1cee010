import type { ReactNode } from "react";
import { hostProfile } from "@/lib/booking/host-profile";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import type { Settings } from "@/lib/settings/settings";
import { summarizeFee, type RefundTerms } from "@/components/contact/fee";
import { HostPanel } from "@/components/contact/host-panel";
import { durationLabel, methodsOnOffer } from "@/components/contact/host-summary";
import type { FeeInfo } from "@/components/contact/types";
import type { SlotKind } from "@/lib/booking/availability-calendar";

// What /contact and the embed's /embed show around the booking flow, from one settings
// snapshot: the refund terms, the fee line, and the host panel beside the flow's card. `slots`
// are the distinct kinds of open slot (fee, length, methods), not the slots themselves.

export function bookingTerms(s: Settings, slots: SlotKind[]): { refundTerms: RefundTerms; fee: FeeInfo | null } {
  const policy = parseRefundPolicy(s.REFUND_POLICY);
  const refundTerms = { refundable: policy.kind !== "never", policy: describeRefundPolicy(policy) };
  return { refundTerms, fee: summarizeFee(slots, refundTerms) };
}

export function HostAndFlow(props: { s: Settings; slots: SlotKind[]; fee: FeeInfo | null; gapClass: string; children: ReactNode }) {
  const { s, slots } = props;
  const host = hostProfile(s);
  return (
    <div className={`grid items-start ${props.gapClass} lg:grid-cols-[17rem_minmax(0,1fr)]`}>
      <HostPanel
        name={host.name}
        description={host.description}
        logoPath={host.logoPath}
        duration={durationLabel(slots)}
        fee={props.fee}
        methods={methodsOnOffer(slots, host.methods)}
      />
      <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {slots.length === 0 && (
          <p className="mb-4 rounded-lg bg-slate-100 p-3 text-sm">
            There are no open times in the next {s.BOOKING_WINDOW_DAYS} days. Please check back soon.
          </p>
        )}
        {props.children}
      </div>
    </div>
  );
}
