"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Calendar } from "@/components/contact/calendar";
import { SlotDialog } from "@/components/contact/slot-dialog";
import { useCalendarWindow } from "@/components/contact/use-calendar-window";
import type { SlotOption } from "@/components/contact/types";
import { dateKeyInZone, detectTimeZone, formatWhen } from "@/lib/format";
import type { ManageAction } from "./types";

type ReschedulePickerProps = {
  token: string;
  slots: SlotOption[];
  /** The booking's current start: the calendar opens on its date. */
  currentStartsAt: string;
  /** The zone the visitor booked in, which the rest of the page uses. */
  timeZone: string;
  businessTimeZone: string;
  /** The server's clock at render, so server and browser draw the same calendar. */
  nowIso: string;
  windowDays: number;
  reschedule: ManageAction;
};

const noSubscription = () => () => {};

/**
 * The /contact calendar and slot dialog, then one confirmation: the form posts the token and
 * the picked slot to the page's reschedule action (the same contract as before).
 */
export function ReschedulePicker({
  token,
  slots,
  currentStartsAt,
  timeZone,
  businessTimeZone,
  nowIso,
  windowDays,
  reschedule,
}: ReschedulePickerProps) {
  const detectedZone = useSyncExternalStore(
    noSubscription,
    () => detectTimeZone(timeZone),
    () => timeZone,
  );
  const [zone, setZone] = useState(timeZone);
  const [dialogDate, setDialogDate] = useState<string | null>(null);
  // The dialog keeps the times it opened with, whatever zone is picked inside it.
  const [dialogSlotIds, setDialogSlotIds] = useState<string[]>([]);
  const [chosen, setChosen] = useState<SlotOption | null>(null);
  const [state, action, pending] = useActionState(reschedule, null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const { todayKey, lastKey, slotsByDate, slotCounts } = useCalendarWindow(slots, zone, nowIso, windowDays);

  // After a time is picked, the next key press is most likely "move it there".
  useEffect(() => {
    if (chosen) confirmRef.current?.focus();
  }, [chosen]);

  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        {state.message}
      </p>
    );
  }
  if (slots.length === 0) return <p className="text-sm text-slate-600">There are no other free times right now.</p>;

  return (
    <div className="mt-3 grid gap-4">
      <p className="text-sm text-slate-600">Pick a new date, then a time. Your current booking stays until you confirm the move.</p>
      <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <Calendar
          slotCounts={slotCounts}
          todayKey={todayKey}
          lastKey={lastKey}
          startKey={dateKeyInZone(currentStartsAt, zone)}
          onPick={(dateKey) => {
            setDialogSlotIds((slotsByDate[dateKey] ?? []).map((s) => s.id));
            setDialogDate(dateKey);
          }}
        />
      </div>
      {chosen && (
        <form action={action} className="grid gap-3 rounded-xl border border-brand-600/40 bg-brand-50 p-4">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="slotId" value={chosen.id} />
          <p id="reschedule-chosen" className="text-sm text-slate-800">
            New time: <span className="font-semibold">{formatWhen(chosen.startsAt, zone)}</span>
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              ref={confirmRef}
              type="submit"
              disabled={pending}
              aria-describedby="reschedule-chosen"
              className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {pending ? "Moving…" : "Move my booking"}
            </button>
            <button
              type="button"
              onClick={() => setChosen(null)}
              className="min-h-11 rounded-md px-3 text-sm font-medium text-brand-700 underline hover:bg-brand-100"
            >
              Pick another time
            </button>
          </div>
        </form>
      )}
      {state && !state.ok && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      )}
      <SlotDialog
        dateKey={dialogDate}
        slots={slots.filter((s) => dialogSlotIds.includes(s.id))}
        zone={zone}
        detectedZone={detectedZone}
        businessTimeZone={businessTimeZone}
        onZoneChange={setZone}
        onPick={(slot) => {
          setDialogDate(null);
          setChosen(slot);
        }}
        onClose={() => setDialogDate(null)}
      />
    </div>
  );
}
