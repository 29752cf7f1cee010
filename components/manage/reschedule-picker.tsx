"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Calendar } from "@/components/contact/calendar";
import { SlotDialog } from "@/components/contact/slot-dialog";
import { useMonthCounts } from "@/components/contact/use-month-counts";
import type { BookingActions, CalendarStart, SlotOption } from "@/components/contact/types";
import { calendarBounds, dateKeyInZone, detectTimeZone, formatWhen } from "@/lib/format";
import type { ManageAction } from "./types";

type ReschedulePickerProps = {
  token: string;
  /** Whether the window holds any other time at all (then the calendar is not shown). */
  hasOpenTimes: boolean;
  /** The counts of the month the calendar opens on, in `timeZone`; the rest load as shown. */
  calendar: CalendarStart;
  /** The month and date reads, scoped to the booking being moved. */
  reads: Pick<BookingActions, "openDates" | "openTimes">;
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
 * The /contact calendar and slot dialog, read month by month and date by date like /contact
 * (ADR 140), then one confirmation: the form posts the token and the picked slot to the page's
 * reschedule action.
 */
export function ReschedulePicker({
  token,
  hasOpenTimes,
  calendar,
  reads,
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
  const [dialogSlots, setDialogSlots] = useState<SlotOption[]>([]);
  const [chosen, setChosen] = useState<SlotOption | null>(null);
  const [state, action, pending] = useActionState(reschedule, null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const { todayKey, lastKey } = calendarBounds(zone, nowIso, windowDays);
  const { slotCounts, showMonth, refresh } = useMonthCounts(reads.openDates, zone, calendar, timeZone);
  // Only the latest date asked for opens (a slower earlier answer is dropped).
  const asked = useRef(0);

  function openDate(dateKey: string) {
    const ask = ++asked.current;
    reads.openTimes(dateKey, zone).then(
      (times) => {
        if (ask !== asked.current) return;
        if (times.length === 0) return refresh(); // taken since the counts were loaded
        setDialogSlots(times);
        setDialogDate(dateKey);
      },
      // A failed load leaves the calendar as it is; picking the date again retries.
      () => undefined,
    );
  }

  // After a time is picked, the next key press is most likely "move it there".
  useEffect(() => {
    if (chosen) confirmRef.current?.focus();
  }, [chosen]);

  // A refused move (the time was taken meanwhile) shows the counts as they are now.
  useEffect(() => {
    if (state && !state.ok) refresh();
  }, [state, refresh]);

  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        {state.message}
      </p>
    );
  }
  if (!hasOpenTimes) return <p className="text-sm text-slate-600">There are no other free times right now.</p>;

  return (
    <div className="mt-3 grid gap-4">
      <p className="text-sm text-slate-600">Pick a new date, then a time. Your current booking stays until you confirm the move.</p>
      <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <Calendar
          slotCounts={slotCounts}
          todayKey={todayKey}
          lastKey={lastKey}
          startKey={dateKeyInZone(currentStartsAt, zone)}
          onPick={openDate}
          onMonthShown={showMonth}
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
        slots={dialogSlots}
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
