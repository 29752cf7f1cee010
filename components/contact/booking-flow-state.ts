import type { FieldErrors } from "@/lib/errors/app-error";
import { MEETING_METHODS, type MeetingMethodName } from "@/lib/meeting-methods";
import type { FeeTiming } from "@/lib/payments/fee-timing";
import type { StartedBooking } from "@/lib/payments/start-booking";
import type { SlotOption } from "./types";

// The visitor flow's steps as one union: each step carries exactly the data it needs, so
// "payment without a slot" or "details without a method" cannot be represented.

export type FormProblem = { message: string; fieldErrors?: FieldErrors };
/** feeTiming: when the card is charged, as the server planned it (absent: say nothing about timing). */
export type Started = { booking: StartedBooking; clockOffsetMs: number; feeTiming?: FeeTiming | null };

export type FlowView =
  | { step: "date"; notice: string | null }
  | { step: "method"; slot: SlotOption }
  | { step: "details"; slot: SlotOption; method: MeetingMethodName; problem: FormProblem | null }
  | { step: "payment"; slot: SlotOption; method: MeetingMethodName; started: Started };

export type FlowStep = FlowView["step"];

/** A hold this browser placed, kept so Back then Forward returns to its payment step. */
export type HeldStart = { slotId: string; method: MeetingMethodName; started: Started };

/** `method` is the visitor's last choice, kept while they change the time. */
export type FlowState = { method: MeetingMethodName | null; held: HeldStart | null; view: FlowView };

export type FlowEvent =
  | { type: "pick_slot"; slot: SlotOption }
  | { type: "pick_method"; method: MeetingMethodName }
  | { type: "change_method" }
  | { type: "submit_details" }
  | { type: "details_rejected"; problem: FormProblem }
  | { type: "started"; started: Started }
  | { type: "edit_details" }
  | { type: "back_to_calendar"; notice: string | null }
  /** The URL changed (Back, Forward, reload): go where it says, or as near as the data allows. */
  | { type: "restore"; url: FlowUrl; slot: SlotOption | null; dateHasSlots: boolean };

export const INITIAL_FLOW: FlowState = { method: null, held: null, view: { step: "date", notice: null } };

// Each step has its own URL (?step=&date=&slot=&method=), so Back and Forward move between
// steps and a reload lands where the visitor was. The URL names a slot, never a booking: a
// hold is found again on the server through the visitor's session cookie (ADR 082).

export type FlowUrl = { step: FlowStep; date: string | null; slotId: string | null; method: MeetingMethodName | null };

export const SLOT_GONE_NOTICE = "That time is no longer available. Please pick another time.";
export const DATE_EMPTY_NOTICE = "There are no open times left on that date. Please pick another date.";
export const HOLD_ENDED_PROBLEM = "Your hold on this time has ended. Check your details and continue to hold it again.";

const STEPS: readonly FlowStep[] = ["date", "method", "details", "payment"];
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
const SLOT_ID = /^[0-9a-fA-F-]{36}$/;

/** Reads the flow's place from a query string; anything malformed reads as absent. */
export function parseFlowUrl(params: URLSearchParams): FlowUrl {
  const pick = <T extends string>(value: string | null, ok: (v: string) => boolean) => (value !== null && ok(value) ? (value as T) : null);
  return {
    step: pick<FlowStep>(params.get("step"), (v) => STEPS.includes(v as FlowStep)) ?? "date",
    date: pick(params.get("date"), (v) => DATE_KEY.test(v)),
    slotId: pick(params.get("slot"), (v) => SLOT_ID.test(v)),
    method: pick<MeetingMethodName>(params.get("method"), (v) => (MEETING_METHODS as readonly string[]).includes(v)),
  };
}

/**
 * The query string for a state. `date` is the open date on the first step (the times dialog),
 * and the slot's own date, in the visitor's zone, on the later ones.
 */
export function flowSearch(view: FlowView, date: string | null): string {
  const params = new URLSearchParams();
  if (view.step !== "date") params.set("step", view.step);
  if (date) params.set("date", date);
  if (view.step !== "date") params.set("slot", view.slot.id);
  if (view.step === "details" || view.step === "payment") params.set("method", view.method);
  return params.toString();
}

function restore(state: FlowState, event: Extract<FlowEvent, { type: "restore" }>): FlowState {
  const { url, slot } = event;
  const toDate = (notice: string | null): FlowState => ({ ...state, view: { step: "date", notice } });
  if (url.step === "date") return toDate(url.date && !event.dateHasSlots ? DATE_EMPTY_NOTICE : null);
  // A later step needs its slot to be still open (to this visitor).
  if (!url.slotId) return toDate(null);
  if (!slot || slot.id !== url.slotId) return toDate(SLOT_GONE_NOTICE);
  const method = url.method && slot.methods.includes(url.method) ? url.method : null;
  if (url.step === "method" || !method) {
    const remembered = method ?? (state.method && slot.methods.includes(state.method) ? state.method : null);
    return { ...state, method: remembered, view: { step: "method", slot } };
  }
  const details: FlowView = { step: "details", slot, method, problem: null };
  if (url.step === "details") return { ...state, method, view: details };
  const held = state.held;
  if (held && held.slotId === slot.id && held.method === method) {
    return { ...state, method, view: { step: "payment", slot, method, started: held.started } };
  }
  // No live hold known for this time (it lapsed, or was never ours): one click holds it again.
  return { ...state, method, view: { ...details, problem: { message: HOLD_ENDED_PROBLEM } } };
}

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  const { view } = state;
  switch (event.type) {
    case "pick_slot": {
      // A remembered method the new time does not offer is forgotten.
      const method = state.method && event.slot.methods.includes(state.method) ? state.method : null;
      return { ...state, method, view: { step: "method", slot: event.slot } };
    }
    case "pick_method":
      if (view.step !== "method") return state;
      return { ...state, method: event.method, view: { step: "details", slot: view.slot, method: event.method, problem: null } };
    case "change_method":
      if (view.step !== "details" && view.step !== "payment") return state;
      return { ...state, view: { step: "method", slot: view.slot } };
    case "submit_details":
      if (view.step !== "details") return state;
      return { ...state, view: { ...view, problem: null } };
    case "details_rejected":
      if (view.step !== "details") return state;
      return { ...state, view: { ...view, problem: event.problem } };
    case "started":
      if (view.step !== "details") return state;
      return {
        ...state,
        held: { slotId: view.slot.id, method: view.method, started: event.started },
        view: { step: "payment", slot: view.slot, method: view.method, started: event.started },
      };
    case "edit_details":
      if (view.step !== "payment") return state;
      return { ...state, view: { step: "details", slot: view.slot, method: view.method, problem: null } };
    case "back_to_calendar":
      // A notice means the time was lost (taken, or the hold lapsed): forget that hold.
      return { ...state, held: event.notice ? null : state.held, view: { step: "date", notice: event.notice } };
    case "restore":
      return restore(state, event);
  }
}
