import { METHOD_INFO, type MeetingMethodName } from "@/lib/meeting-methods";
import { formatMoney } from "@/lib/format";
import { initials } from "./host-summary";
import { MethodIcon } from "./method-icon";
import type { FeeInfo } from "./types";

type HostPanelProps = {
  name: string;
  description: string;
  logoPath: string | null;
  duration: string | null;
  fee: FeeInfo | null;
  methods: MeetingMethodName[];
};

function feeLabel(fee: FeeInfo | null): string {
  if (!fee) return "Free";
  const amount = formatMoney(fee.amountCents, fee.currency);
  const kind = fee.refundable ? "refundable" : "non-refundable";
  return fee.varies ? `From ${amount}, ${kind}` : `${amount}, ${kind}`;
}

/** Who the visitor books with and what they get, as booking pages show beside the calendar. */
export function HostPanel({ name, description, logoPath, duration, fee, methods }: HostPanelProps) {
  return (
    <section
      aria-labelledby="host-panel-name"
      className="grid content-start gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div className="flex items-center gap-3">
        {logoPath ? (
          // A local file from public/ (validated in lib/env.ts): no remote images, no optimiser needed.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={logoPath} alt="" width={56} height={56} className="size-14 shrink-0 rounded-full object-cover" />
        ) : (
          <span
            aria-hidden="true"
            className="flex size-14 shrink-0 items-center justify-center rounded-full bg-brand-700 text-lg font-semibold text-white"
          >
            {initials(name)}
          </span>
        )}
        <div>
          <p id="host-panel-name" className="font-semibold text-slate-900">
            {name}
          </p>
          <p className="text-sm text-slate-600">Consultation</p>
        </div>
      </div>
      <p className="text-sm text-slate-700">{description}</p>
      <dl className="grid gap-2 text-sm">
        {duration && (
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 text-slate-600">Duration</dt>
            <dd className="font-medium text-slate-900">{duration}</dd>
          </div>
        )}
        <div className="flex gap-2">
          <dt className="w-20 shrink-0 text-slate-600">Fee</dt>
          <dd className="font-medium text-slate-900">{feeLabel(fee)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="w-20 shrink-0 text-slate-600">Meet by</dt>
          <dd>
            <ul className="grid gap-1" aria-label="Meeting methods offered">
              {methods.map((m) => (
                <li key={m} className="flex items-center gap-2 font-medium text-slate-900">
                  <span className="text-brand-700">
                    <MethodIcon method={m} />
                  </span>
                  {METHOD_INFO[m].label}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </section>
  );
}
