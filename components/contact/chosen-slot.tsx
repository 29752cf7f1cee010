import { METHOD_INFO, type MeetingMethodName } from "@/lib/meeting-methods";
import { formatDuration, formatMoney, formatTime, formatWhen, zoneAbbreviation, zoneCity } from "@/lib/format";
import { MethodIcon } from "./method-icon";
import type { SlotOption } from "./types";

type ChosenSlotProps = {
  slot: SlotOption;
  zone: string;
  businessTimeZone: string;
  method?: MeetingMethodName | null;
  children?: React.ReactNode;
};

/** The time (in both zones when they differ), length, fee and method chosen so far. */
export function ChosenSlot({ slot, zone, businessTimeZone, method, children }: ChosenSlotProps) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm">
      <dl className="grid gap-1">
        <div>
          <dt className="sr-only">When</dt>
          <dd className="font-semibold">{formatWhen(slot.startsAt, zone)}</dd>
          {zone !== businessTimeZone && (
            <dd className="text-slate-600">
              {formatTime(slot.startsAt, businessTimeZone)} {zoneAbbreviation(slot.startsAt, businessTimeZone)} in{" "}
              {zoneCity(businessTimeZone)} (our time)
            </dd>
          )}
        </div>
        <div className="flex gap-1 text-slate-700">
          <dt className="sr-only">Length and fee</dt>
          <dd>
            {formatDuration(slot.durationMinutes)} ·{" "}
            {slot.requiresPayment ? `${formatMoney(slot.priceCents, slot.currency)} booking fee` : "Free"}
          </dd>
        </div>
        {method && (
          <div className="flex items-center gap-1.5 text-slate-700">
            <dt className="sr-only">Method</dt>
            <dd className="inline-flex items-center gap-1.5">
              <MethodIcon method={method} className="size-4" /> {METHOD_INFO[method].label}
            </dd>
          </div>
        )}
      </dl>
      {children && <div className="flex flex-wrap gap-2">{children}</div>}
    </div>
  );
}
