import { describe, expect, it } from "vitest";
import {
  HOLD_ENDED_PROBLEM,
  DATE_EMPTY_NOTICE,
  INITIAL_FLOW,
  SLOT_GONE_NOTICE,
  flowReducer,
  flowSearch,
  parseFlowUrl,
  type FlowEvent,
  type FlowState,
  type FlowUrl,
  type Started,
} from "./booking-flow-state";
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

describe("the flow's URL", () => {
  const id = "57917778-2d4d-4ab2-bd97-c9fee050fb1b";
  const open = slot(id, ["ZOOM", "PHONE"]);
  const url = (search: string) => parseFlowUrl(new URLSearchParams(search));
  const restore = (state: FlowState, search: string, found: SlotOption | null = open, dateHasSlots = true) =>
    flowReducer(state, { type: "restore", url: url(search), slot: found, dateHasSlots });

  it("gives each step its own query string, and reads it back", () => {
    const method = run({ type: "pick_slot", slot: open });
    expect(flowSearch(INITIAL_FLOW.view, null)).toBe("");
    expect(flowSearch(INITIAL_FLOW.view, "2026-03-10")).toBe("date=2026-03-10");
    expect(flowSearch(method.view, "2026-03-10")).toBe(`step=method&date=2026-03-10&slot=${id}`);
    const details = flowReducer(method, { type: "pick_method", method: "PHONE" });
    const search = flowSearch(details.view, "2026-03-10");
    expect(search).toBe(`step=details&date=2026-03-10&slot=${id}&method=PHONE`);
    expect(url(search)).toEqual<FlowUrl>({ step: "details", date: "2026-03-10", slotId: id, method: "PHONE" });
  });

  it("reads malformed values as absent, never as a crash", () => {
    expect(url("step=pay&date=10/03/2026&slot=<script>&method=FAX")).toEqual({ step: "date", date: null, slotId: null, method: null });
  });

  it("Back and Forward move between the steps the visitor saw, the payment step included", () => {
    const paying = run({ type: "pick_slot", slot: open }, { type: "pick_method", method: "ZOOM" }, { type: "started", started });
    const back = restore(paying, `step=details&slot=${id}&method=ZOOM`);
    expect(back.view).toEqual({ step: "details", slot: open, method: "ZOOM", problem: null });
    const backAgain = restore(back, `step=method&slot=${id}`);
    expect(backAgain.view).toEqual({ step: "method", slot: open });
    expect(backAgain.method).toBe("ZOOM");
    expect(restore(backAgain, "date=2026-03-10").view).toEqual({ step: "date", notice: null });
    const forward = restore(restore(backAgain, `step=details&slot=${id}&method=ZOOM`), `step=payment&slot=${id}&method=ZOOM`);
    expect(forward.view).toEqual({ step: "payment", slot: open, method: "ZOOM", started });
  });

  it("a payment step without a live hold for that time and method asks to hold it again", () => {
    const paying = run({ type: "pick_slot", slot: open }, { type: "pick_method", method: "ZOOM" }, { type: "started", started });
    expect(restore(paying, `step=payment&slot=${id}&method=PHONE`).view).toEqual({
      step: "details",
      slot: open,
      method: "PHONE",
      problem: { message: HOLD_ENDED_PROBLEM },
    });
    expect(restore(INITIAL_FLOW, `step=payment&slot=${id}&method=ZOOM`).view).toMatchObject({
      step: "details",
      problem: { message: HOLD_ENDED_PROBLEM },
    });
  });

  it("a time that is gone, or a date with no times left, falls back to the calendar with a notice", () => {
    expect(restore(INITIAL_FLOW, `step=details&slot=${id}&method=ZOOM`, null).view).toEqual({ step: "date", notice: SLOT_GONE_NOTICE });
    expect(restore(INITIAL_FLOW, "date=2026-03-10", null, false).view).toEqual({ step: "date", notice: DATE_EMPTY_NOTICE });
    expect(restore(INITIAL_FLOW, "step=method").view).toEqual({ step: "date", notice: null });
  });

  it("a method the time does not offer falls back to choosing one", () => {
    expect(restore(INITIAL_FLOW, `step=details&slot=${id}&method=TEAMS`).view).toEqual({ step: "method", slot: open });
  });

  it("a lost time forgets its hold, a change of time keeps it", () => {
    const paying = run({ type: "pick_slot", slot: open }, { type: "pick_method", method: "ZOOM" }, { type: "started", started });
    expect(flowReducer(paying, { type: "back_to_calendar", notice: null }).held).toEqual({ slotId: id, method: "ZOOM", started });
    expect(flowReducer(paying, { type: "back_to_calendar", notice: "Taken." }).held).toBeNull();
  });
});
