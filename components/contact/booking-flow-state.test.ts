import { describe, expect, it } from "vitest";
import { INITIAL_FLOW, flowReducer, type FlowEvent, type FlowState, type Started } from "./booking-flow-state";
import type { SlotOption } from "./types";

const slot = (id: string, methods: SlotOption["methods"]): SlotOption =>
  ({
    id,
    startsAt: "2026-03-10T14:00:00.000Z",
    durationMinutes: 60,
    priceCents: 1000,
    currency: "usd",
    requiresPayment: true,
    methods,
  }) as SlotOption;
const zoomOrPhone = slot("a", ["ZOOM", "PHONE"]);
const phoneOnly = slot("b", ["PHONE"]);
const started = { booking: { bookingId: "bk_1" }, clockOffsetMs: 0 } as unknown as Started;
const run = (...events: FlowEvent[]): FlowState => events.reduce(flowReducer, INITIAL_FLOW);

describe("flowReducer", () => {
  it("walks date → method → details → payment, each step carrying its data", () => {
    const state = run({ type: "pick_slot", slot: zoomOrPhone }, { type: "pick_method", method: "ZOOM" }, { type: "started", started });
    expect(state.view).toEqual({ step: "payment", slot: zoomOrPhone, method: "ZOOM", started });
  });

  it("remembers the method across a change of time, unless the new time does not offer it", () => {
    const chosen = run(
      { type: "pick_slot", slot: zoomOrPhone },
      { type: "pick_method", method: "PHONE" },
      { type: "back_to_calendar", notice: null },
    );
    expect(flowReducer(chosen, { type: "pick_slot", slot: phoneOnly }).method).toBe("PHONE");
    const zoom = run(
      { type: "pick_slot", slot: zoomOrPhone },
      { type: "pick_method", method: "ZOOM" },
      { type: "back_to_calendar", notice: null },
    );
    expect(flowReducer(zoom, { type: "pick_slot", slot: phoneOnly }).method).toBeNull();
  });

  it("shows a rejection on the details step and clears it on the next submit", () => {
    const rejected = run(
      { type: "pick_slot", slot: zoomOrPhone },
      { type: "pick_method", method: "ZOOM" },
      { type: "details_rejected", problem: { message: "Bad email" } },
    );
    expect(rejected.view).toMatchObject({ step: "details", problem: { message: "Bad email" } });
    expect(flowReducer(rejected, { type: "submit_details" }).view).toMatchObject({ step: "details", problem: null });
  });

  it("goes back from payment to details or method without losing the slot", () => {
    const paying = run({ type: "pick_slot", slot: zoomOrPhone }, { type: "pick_method", method: "ZOOM" }, { type: "started", started });
    expect(flowReducer(paying, { type: "edit_details" }).view).toEqual({
      step: "details",
      slot: zoomOrPhone,
      method: "ZOOM",
      problem: null,
    });
    expect(flowReducer(paying, { type: "change_method" }).view).toEqual({ step: "method", slot: zoomOrPhone });
  });

  it("a lost slot returns to the calendar with the notice and drops the started booking", () => {
    const paying = run({ type: "pick_slot", slot: zoomOrPhone }, { type: "pick_method", method: "ZOOM" }, { type: "started", started });
    expect(flowReducer(paying, { type: "back_to_calendar", notice: "That time was taken." }).view).toEqual({
      step: "date",
      notice: "That time was taken.",
    });
  });

  it("ignores events that do not fit the current step", () => {
    expect(flowReducer(INITIAL_FLOW, { type: "started", started })).toBe(INITIAL_FLOW);
    expect(flowReducer(INITIAL_FLOW, { type: "pick_method", method: "ZOOM" })).toBe(INITIAL_FLOW);
    expect(flowReducer(INITIAL_FLOW, { type: "edit_details" })).toBe(INITIAL_FLOW);
  });
});
