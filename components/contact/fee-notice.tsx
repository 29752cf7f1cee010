import { formatMoney } from "@/lib/format";
import type { FeeInfo } from "./types";

/** "A $10 refundable booking fee secures your time." Amount and policy come from the data. */
export function FeeNotice({ fee, className = "" }: { fee: FeeInfo; className?: string }) {
  const amount = formatMoney(fee.amountCents, fee.currency);
  const kind = fee.refundable ? "refundable" : "non-refundable";
  return (
    <div className={`rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950 ${className}`}>
      <p className="font-medium">
        {fee.varies ? `Booking fees start at ${amount} and are ${kind}.` : `A ${amount} ${kind} booking fee secures your time.`}
      </p>
      <p className="mt-1">{fee.policy}</p>
    </div>
  );
}
