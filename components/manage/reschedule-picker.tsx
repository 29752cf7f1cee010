"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ManageAction } from "./types";
import { formatShortDate, formatTime, zoneAbbreviation } from "@/lib/format";

export type RescheduleOption = { date: string; slots: { id: string; startsAt: string }[] };

type ReschedulePickerProps = { token: string; options: RescheduleOption[]; timeZone: string; reschedule: ManageAction };

/** Pick a date, then a time, then move the booking there. The page passes its server action. */
export function ReschedulePicker({ token, options, timeZone, reschedule }: ReschedulePickerProps) {
  const [date, setDate] = useState(options[0]?.date ?? "");
  const [state, action, pending] = useActionState(reschedule, null);
  const day = options.find((o) => o.date === date);
  // Submitted by hand rather than through <form action>: React resets a form after its action,
  // which threw the chosen date and time away whenever the move was refused.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        {state.message}
      </p>
    );
  }
  if (options.length === 0) return <p className="text-sm text-slate-600">There are no other free times right now.</p>;
  return (
    <form onSubmit={submit} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <label className="block text-sm font-medium text-slate-800" htmlFor="reschedule-date">
        New date
      </label>
      <select
        id="reschedule-date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {options.map((o) => (
          <option key={o.date} value={o.date}>
            {formatShortDate(o.slots[0]!.startsAt, timeZone)}
          </option>
        ))}
      </select>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">
          New time ({zoneAbbreviation(day?.slots[0]?.startsAt ?? new Date(), timeZone)})
        </legend>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {day?.slots.map((slot) => (
            <label
              key={slot.id}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="slotId" value={slot.id} required />
              {formatTime(slot.startsAt, timeZone)}
            </label>
          ))}
        </div>
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Moving…" : "Move my booking"}
      </button>
      <p aria-live="polite" className="text-sm text-red-800">
        {state && !state.ok ? state.message : ""}
      </p>
    </form>
  );
}
