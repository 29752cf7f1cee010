"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { INITIAL_FLOW, flowReducer, flowSearch, parseFlowUrl, type FlowState, type FlowUrl } from "./booking-flow-state";
import { Calendar } from "./calendar";
import { ChosenSlot } from "./chosen-slot";
import type { RefundTerms } from "./fee";
import { FeeNotice } from "./fee-notice";
import { calendarBounds, dateKeyInZone, detectTimeZone, zoneCity } from "@/lib/format";
import { MethodPicker } from "./method-picker";
import { SlotDialog } from "./slot-dialog";
import { StepList } from "./step-list";
import { useMonthCounts } from "./use-month-counts";
import {
  EMPTY_DETAILS,
  type BookingActions,
  type CalendarStart,
  type DetailsValues,
  type FeeInfo,
  type ResumedHold,
  type SlotOption,
} from "./types";

// The later steps load on demand (warmed up once a time is picked), keeping the
// calendar's first load small.
const loadDetailsForm = () => import("./details-form");
const loadPaymentStep = () => import("./payment-step");
const stepLoading = () => <p className="text-sm text-slate-600">Loading…</p>;
const DetailsForm = dynamic(() => loadDetailsForm().then((m) => m.DetailsForm), { loading: stepLoading });
const PaymentStep = dynamic(() => loadPaymentStep().then((m) => m.PaymentStep), { loading: stepLoading });

type BookingFlowProps = {
  /** The month the calendar opens on, with its open dates (business zone); other months and times load on demand. */
  calendar: CalendarStart;
  /** The open slot the URL names (a reloaded later step), if it is still open to this visitor. */
  urlSlot: SlotOption | null;
  businessTimeZone: string;
  /** The server's clock at render, so server and browser draw the same calendar. */
  nowIso: string;
  windowDays: number;
  refundTerms: RefundTerms;
  /** The booking fee to announce above the steps (the payment step states its own). */
  fee: FeeInfo | null;
  /** The query string the page was loaded with: the step to land on. */
  initialSearch: string;
  /** The visitor's own live hold on the URL's slot, when the page was loaded on the payment step. */
  resume: ResumedHold | null;
  actions: BookingActions;
  /** Query the page itself needs kept in every URL the flow writes (the embed's parent origin). */
  keepSearch?: string;
};

type HistoryMode = "push" | "replace";
// Marks a history entry pushed for the times dialog, so closing the dialog can step back over it.
// A fresh object each time: Next.js copies its own router state into the object it is given.
type EntryState = { bookingDialog?: boolean } | null;
const entryState = (dialog: boolean): EntryState => (dialog ? { bookingDialog: true } : {});

const SLOT_LOST_CODES = new Set(["slot_taken", "slot_unavailable", "hold_expired", "not_found"]);
const noSubscription = () => () => {};

function retryHint(seconds: number | undefined): string {
  if (!seconds) return "";
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? " You can try again in about a minute." : ` You can try again in about ${minutes} minutes.`;
}

function ChangeButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="min-h-11 rounded-lg px-3 text-sm font-medium text-brand-700 underline hover:bg-brand-50"
    >
      {label}
    </button>
  );
}

/**
 * The visitor's journey on /contact: date → time (dialog) → method → details → payment.
 * The page gives the first month's open dates; other months, and the times of a date, are
 * loaded when shown (ADR 140). The two writes are the page's server actions.
 */
export function BookingFlow(props: BookingFlowProps) {
  const { businessTimeZone, nowIso, windowDays, refundTerms, fee, actions } = props;
  // Every slot seen so far, so Back and Forward can return to a later step's time.
  const known = useRef(new Map<string, SlotOption>(props.urlSlot ? [[props.urlSlot.id, props.urlSlot]] : []));
  const loadTimes = useCallback(
    async (date: string, inZone: string) => {
      const times = await actions.openTimes(date, inZone);
      for (const t of times) known.current.set(t.id, t);
      return times;
    },
    [actions],
  );
  // The server renders in the business zone; the browser then switches to its own.
  const detectedZone = useSyncExternalStore(
    noSubscription,
    () => detectTimeZone(businessTimeZone),
    () => businessTimeZone,
  );
  const [chosenZone, setChosenZone] = useState<string | null>(null);
  const zone = chosenZone ?? detectedZone;

  // The steps are one reducer over a union (booking-flow-state.ts); the dialog, the zone and
  // the typed details are independent of the step and stay plain state.
  // The first state comes from the URL (and a resumed hold), the same on the server and in the browser.
  const [flow, dispatchFlow] = useReducer(flowReducer, undefined, (): FlowState => {
    const url = parseFlowUrl(new URLSearchParams(props.initialSearch));
    const { resume } = props;
    const base: FlowState = resume
      ? {
          ...INITIAL_FLOW,
          held: {
            slotId: resume.started.booking.slotId,
            method: resume.method,
            started: { booking: resume.started, clockOffsetMs: Date.parse(nowIso) - Date.now(), feeTiming: resume.feeTiming },
          },
        }
      : INITIAL_FLOW;
    // Whether the URL's date still has times is settled in the browser's zone, after hydration.
    return flowReducer(base, { type: "restore", url, slot: props.urlSlot?.id === url.slotId ? props.urlSlot : null, dateHasSlots: true });
  });
  const { view } = flow;
  const step = view.step;
  const [dialogDate, setDialogDate] = useState<string | null>(null);
  // The dialog keeps the times it opened with, whatever the zone.
  const [dialogSlots, setDialogSlots] = useState<SlotOption[]>([]);
  const [details, setDetails] = useState<DetailsValues>(() => props.resume?.details ?? EMPTY_DETAILS);
  const [pending, startTransition] = useTransition();

  // The current step's heading takes focus when the step changes (and is read out).
  const flowRef = useRef<HTMLDivElement>(null);
  const focusHeading = useRef(false);
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    flowRef.current?.querySelector<HTMLElement>("[data-current-heading]")?.focus();
  }, [step]);

  // Every step change moves focus to the new step's heading, and is a history entry.
  const historyMode = useRef<HistoryMode>("replace");
  const dispatch: typeof dispatchFlow = (event) => {
    focusHeading.current = true;
    historyMode.current = "push";
    dispatchFlow(event);
  };

  const { todayKey, lastKey } = calendarBounds(zone, nowIso, windowDays);
  const { slotCounts, showMonth, refresh } = useMonthCounts(actions.openDates, zone, props.calendar, businessTimeZone);
  // Only the latest date asked for opens (a slower earlier answer is dropped).
  const asked = useRef(0);

  function openDate(dateKey: string) {
    const ask = ++asked.current;
    loadTimes(dateKey, zone).then(
      (times) => {
        if (ask !== asked.current) return;
        if (times.length === 0) return refresh(); // taken since the counts were loaded
        historyMode.current = "push";
        setDialogSlots(times);
        setDialogDate(dateKey);
      },
      () => undefined,
    );
  }

  function closeDate() {
    // The dialog also reports closing when the page closed it (a time was picked, Back).
    if (dialogDate === null) return;
    setDialogDate(null);
    // The dialog had its own entry: leave it the way Back would, so Forward can reopen it.
    if ((window.history.state as EntryState)?.bookingDialog) window.history.back();
  }

  // The URL always says where the visitor is: ?step=&date=&slot=&method= (booking-flow-state.ts).
  const urlDate = view.step === "date" ? dialogDate : dateKeyInZone(view.slot.startsAt, zone);
  const search = [props.keepSearch, flowSearch(view, urlDate)].filter(Boolean).join("&");
  useEffect(() => {
    const mode = historyMode.current;
    historyMode.current = "replace";
    if (window.location.search.replace(/^\?/, "") === search) return;
    const url = `${window.location.pathname}${search ? `?${search}` : ""}`;
    const dialogEntry = view.step === "date" && dialogDate !== null;
    if (mode === "push") window.history.pushState(entryState(dialogEntry), "", url);
    else window.history.replaceState(entryState(dialogEntry), "", url);
    // Only the URL's own change writes history; the rest is read through it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  // Back, Forward (and the first load): the state follows the URL, falling back where it must.
  const followUrl = useCallback(
    async (url: FlowUrl, moveFocus: boolean) => {
      const ask = ++asked.current;
      const onDate = url.step === "date" && url.date ? await loadTimes(url.date, zone).catch(() => []) : [];
      if (ask !== asked.current) return;
      focusHeading.current = moveFocus;
      const slot = url.slotId ? (known.current.get(url.slotId) ?? null) : null;
      dispatchFlow({ type: "restore", url, slot, dateHasSlots: onDate.length > 0 });
      if (url.step === "date" && url.date && onDate.length > 0) {
        setDialogSlots(onDate);
        setDialogDate(url.date);
      } else {
        setDialogDate(null);
      }
    },
    [loadTimes, zone],
  );
  useEffect(() => {
    const onPopState = () => void followUrl(parseFlowUrl(new URLSearchParams(window.location.search)), true);
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [followUrl]);
  // A reload on the times dialog reopens it once the browser's zone is known.
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || zone !== detectedZone) return;
    landed.current = true;
    const url = parseFlowUrl(new URLSearchParams(window.location.search));
    // Once, on landing: the URL is the outside state being synchronised from.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (url.step === "date" && url.date) void followUrl(url, false);
  }, [zone, detectedZone, followUrl]);

  function pickSlot(picked: SlotOption) {
    // Warm-up only: a failed load is retried when the step renders.
    loadDetailsForm().catch(() => undefined);
    loadPaymentStep().catch(() => undefined);
    setDialogDate(null);
    dispatch({ type: "pick_slot", slot: picked });
  }

  function backToCalendar(message: string | null) {
    dispatch({ type: "back_to_calendar", notice: message });
    refresh();
  }

  function submitDetails(input: unknown) {
    dispatchFlow({ type: "submit_details" });
    startTransition(async () => {
      const result = await actions.start(input);
      if (!result) return; // a free slot was confirmed and the page moved on
      if (result.ok) {
        const clockOffsetMs = Date.parse(result.serverNow) - Date.now();
        dispatch({ type: "started", started: { booking: result.started, clockOffsetMs, feeTiming: result.feeTiming } });
      } else if (SLOT_LOST_CODES.has(result.code)) {
        backToCalendar(result.message);
      } else {
        dispatchFlow({
          type: "details_rejected",
          problem: { message: result.message + retryHint(result.retryAfterSeconds), fieldErrors: result.fieldErrors },
        });
      }
    });
  }

  const heading = (text: string, current = true) => (
    <h2 data-current-heading={current ? "" : undefined} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
      {text}
    </h2>
  );

  return (
    <div ref={flowRef} className="grid gap-5">
      {/* The payment step states the fee and refund terms itself: once, not twice. */}
      {step !== "payment" &&
        (fee ? (
          <FeeNotice fee={fee} />
        ) : (
          <p className="rounded-lg bg-emerald-50 p-4 text-sm text-emerald-900">Consultations are free to book.</p>
        ))}
      <StepList step={step} />

      <section hidden={step !== "date"} aria-label="Pick a date" className="grid gap-4">
        {heading("Pick a date", step === "date")}
        {view.step === "date" && view.notice && (
          <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm font-medium text-amber-950">
            {view.notice}
          </p>
        )}
        <p className="text-sm text-slate-600">
          Dates and times follow your time zone, <span className="font-medium text-slate-800">{zoneCity(zone)}</span>. You can change it
          when you pick a date.
        </p>
        <Calendar slotCounts={slotCounts} todayKey={todayKey} lastKey={lastKey} onPick={openDate} onMonthShown={showMonth} />
      </section>

      {view.step === "method" && (
        <section aria-label="How to meet" className="grid gap-4">
          {heading("How would you like to meet?")}
          <ChosenSlot slot={view.slot} zone={zone} businessTimeZone={businessTimeZone}>
            <ChangeButton label="Change time" onClick={() => backToCalendar(null)} />
          </ChosenSlot>
          <MethodPicker methods={view.slot.methods} selected={flow.method} onSelect={(m) => dispatch({ type: "pick_method", method: m })} />
        </section>
      )}

      {view.step === "details" && (
        <section aria-label="Your details" className="grid gap-4">
          {heading("Your details")}
          <ChosenSlot slot={view.slot} zone={zone} businessTimeZone={businessTimeZone} method={view.method}>
            <ChangeButton label="Change method" onClick={() => dispatch({ type: "change_method" })} />
          </ChosenSlot>
          <DetailsForm
            values={details}
            target={{ slotId: view.slot.id, method: view.method, timeZone: zone }}
            onChange={setDetails}
            onValid={submitDetails}
            pending={pending}
            submitLabel={view.slot.requiresPayment ? "Continue to payment" : "Confirm booking"}
            serverErrors={view.problem?.fieldErrors}
            serverMessage={view.problem?.message}
            phoneHint={
              view.method === "PHONE" ? "Optional: in case we need to reach you before the call (include the country code)." : undefined
            }
          />
        </section>
      )}

      {view.step === "payment" && (
        <section aria-label="Payment" className="grid gap-4">
          {heading(view.started.booking.payment.mode === "none" ? "Confirm your booking" : "Pay and confirm")}
          <PaymentStep
            started={view.started.booking}
            clockOffsetMs={view.started.clockOffsetMs}
            feeTiming={view.started.feeTiming ?? null}
            slot={view.slot}
            method={view.method}
            details={details}
            zone={zone}
            businessTimeZone={businessTimeZone}
            refundTerms={refundTerms}
            confirmPayment={actions.confirmPayment}
            onSlotLost={backToCalendar}
            onEditDetails={() => dispatch({ type: "edit_details" })}
          />
        </section>
      )}

      <SlotDialog
        dateKey={dialogDate}
        slots={dialogSlots}
        zone={zone}
        detectedZone={detectedZone}
        businessTimeZone={businessTimeZone}
        onZoneChange={setChosenZone}
        onPick={pickSlot}
        onClose={closeDate}
      />
    </div>
  );
}
