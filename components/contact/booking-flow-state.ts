import type { FieldErrors } from "@/lib/errors/app-error";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import type { StartedBooking } from "@/lib/payments/start-booking";
import type { SlotOption } from "./types";

// The visitor flow's steps as one union: each step carries exactly the data it needs, so
// "payment without a slot" or "details without a method" cannot be represented.

export type FormProblem = { message: string; fieldErrors?: FieldErrors };
export type Started = { booking: StartedBooking; clockOffsetMs: number };

export type FlowView =
  | { step: "date"; notice: string | null }
  | { step: "method"; slot: SlotOption }
  | { step: "details"; slot: SlotOption; method: MeetingMethodName; problem: FormProblem | null }
  | { step: "payment"; slot: SlotOption; method: MeetingMethodName; started: Started };

/** `method` is the visitor's last choice, kept while they change the time. */
export type FlowState = { method: MeetingMethodName | null; view: FlowView };

export type FlowEvent =
  | { type: "pick_slot"; slot: SlotOption }
  | { type: "pick_method"; method: MeetingMethodName }
  | { type: "change_method" }
  | { type: "submit_details" }
  | { type: "details_rejected"; problem: FormProblem }
  | { type: "started"; started: Started }
  | { type: "edit_details" }
  | { type: "back_to_calendar"; notice: string | null };

export const INITIAL_FLOW: FlowState = { method: null, view: { step: "date", notice: null } };

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  const { view } = state;
  switch (event.type) {
    case "pick_slot": {
      // A remembered method the new time does not offer is forgotten.
      const method = state.method && event.slot.methods.includes(state.method) ? state.method : null;
      return { method, view: { step: "method", slot: event.slot } };
    }
    case "pick_method":
      if (view.step !== "method") return state;
      return { method: event.method, view: { step: "details", slot: view.slot, method: event.method, problem: null } };
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
      return { ...state, view: { step: "payment", slot: view.slot, method: view.method, started: event.started } };
    case "edit_details":
      if (view.step !== "payment") return state;
      return { ...state, view: { step: "details", slot: view.slot, method: view.method, problem: null } };
    case "back_to_calendar":
      return { ...state, view: { step: "date", notice: event.notice } };
  }
}
