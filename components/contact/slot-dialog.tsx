import { useEffect, useId, useRef } from "react";
import { dayLabel } from "./calendar-dates";
import {
  dateKeyInZone,
  formatDuration,
  formatMoney,
  formatShortDate,
  formatTime,
  zoneCity,
  zoneDescription,
  zoneLabel,
} from "@/lib/format";
import { TimeZoneSelect } from "./time-zone-select";
import type { SlotOption } from "./types";

type SlotDialogProps = {
  dateKey: string | null;
  slots: SlotOption[];
  zone: string;
  detectedZone: string;
  businessTimeZone: string;
  onZoneChange: (zone: string) => void;
  onPick: (slot: SlotOption) => void;
  onClose: () => void;
};

const FOCUSABLE = 'button:not([disabled]), select, input, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside the dialog (the page behind is inert while it is open). */
function trapFocus(event: React.KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * The times on one date, as a native modal <dialog>: the browser makes the page behind it
 * inert, Escape closes it, focus returns to the date that opened it, and it sits in the
 * top layer, so opening it never moves the page's layout.
 */
export function SlotDialog({ dateKey, slots, zone, detectedZone, businessTimeZone, onZoneChange, onPick, onClose }: SlotDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const open = dateKey !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Start on the first time: the likeliest next key press is Enter on it.
      dialog.querySelector<HTMLElement>("[data-slot-id]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const showBusinessTime = zone !== businessTimeZone;
  const sample = slots[0]?.startsAt ?? new Date().toISOString();

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-zone-note`}
      onClose={onClose}
      onKeyDown={trapFocus}
      className="m-auto max-h-[90dvh] w-[min(44rem,calc(100vw-1.5rem))] overflow-y-auto overscroll-contain rounded-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50"
    >
      {open && (
        <div className="p-5 sm:p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id={`${ids}-title`} className="text-lg font-semibold">
              Times on {dayLabel(dateKey)}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-m-2 inline-flex size-11 shrink-0 items-center justify-center rounded-full text-2xl text-slate-600 hover:bg-slate-100"
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <div className="mt-3">
            <TimeZoneSelect
              id={`${ids}-zone`}
              value={zone}
              detected={detectedZone}
              businessTimeZone={businessTimeZone}
              onChange={onZoneChange}
            />
            <p id={`${ids}-zone-note`} className="mt-2 text-sm text-slate-600">
              Times are shown in {zoneDescription(sample, zone)}
              {showBusinessTime && <>; each card also gives our time in {zoneLabel(sample, businessTimeZone)}</>}.
            </p>
          </div>
          {slots.length === 0 ? (
            <p className="mt-5 rounded-lg bg-slate-100 p-4 text-sm">
              No open times are left on this date. Please close this and pick another date.
            </p>
          ) : (
            <ul className="mt-5 grid auto-rows-fr grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Open times">
              {slots.map((slot) => {
                const otherDay = dateKeyInZone(slot.startsAt, zone) !== dateKey;
                return (
                  <li key={slot.id} className="flex">
                    <button
                      type="button"
                      data-slot-id={slot.id}
                      onClick={() => onPick(slot)}
                      className="flex w-full flex-col items-start gap-1 rounded-xl border border-slate-300 bg-white p-3 text-left hover:border-brand-600 hover:bg-brand-50"
                    >
                      <span className="text-lg font-semibold tabular-nums">{formatTime(slot.startsAt, zone)}</span>
                      {otherDay && <span className="text-xs font-medium text-amber-800">{formatShortDate(slot.startsAt, zone)}</span>}
                      {slot.heldByYou && <span className="text-xs font-semibold text-brand-700">Held for you</span>}
                      {showBusinessTime && (
                        <span className="text-xs text-slate-600">
                          {formatTime(slot.startsAt, businessTimeZone)} {zoneCity(businessTimeZone)}
                        </span>
                      )}
                      <span className="mt-auto text-sm text-slate-700">
                        {formatDuration(slot.durationMinutes)} ·{" "}
                        {slot.requiresPayment ? formatMoney(slot.priceCents, slot.currency) : "Free"}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </dialog>
  );
}
