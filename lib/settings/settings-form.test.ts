import { describe, expect, it } from "vitest";
import { settingsInputFromForm } from "./settings-form";

describe("settingsInputFromForm", () => {
  it("maps the friendly refund and method controls to the stored forms", () => {
    expect(
      settingsInputFromForm({
        BUSINESS_NAME: "Acme",
        REFUND_POLICY: "hours_before",
        REFUND_POLICY_HOURS: " 48 ",
        MEETING_METHODS_PRESENT: "1",
        MEETING_METHODS_ENABLED: ["ZOOM", "PHONE"],
      }),
    ).toEqual({ BUSINESS_NAME: "Acme", REFUND_POLICY: "hours_before:48", MEETING_METHODS_ENABLED: "ZOOM,PHONE" });
    expect(settingsInputFromForm({ REFUND_POLICY: "never", REFUND_POLICY_HOURS: "48" })).toEqual({ REFUND_POLICY: "never" });
  });

  it("no method ticked is an empty choice (refused later), not 'all methods'", () => {
    expect(settingsInputFromForm({ MEETING_METHODS_PRESENT: "1" })).toEqual({ MEETING_METHODS_ENABLED: "" });
  });

  it("ticked reset boxes reset those settings whatever was typed; unknown names reset nothing", () => {
    expect(settingsInputFromForm({ reset: ["HOLD_MINUTES", "AUTH_SECRET"], HOLD_MINUTES: "30", BUSINESS_NAME: "Acme" })).toEqual({
      HOLD_MINUTES: null,
      BUSINESS_NAME: "Acme",
    });
    expect(settingsInputFromForm({ reset: "MEETING_METHODS_ENABLED", MEETING_METHODS_PRESENT: "1" })).toEqual({
      MEETING_METHODS_ENABLED: null,
    });
  });
});
