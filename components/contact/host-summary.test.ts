import { describe, expect, it } from "vitest";
import { durationLabel, initials, methodsOnOffer } from "./host-summary";

describe("host panel summary", () => {
  it("names one length, or the range when open times differ", () => {
    expect(durationLabel([{ durationMinutes: 60 }, { durationMinutes: 60 }])).toBe("60 min");
    expect(durationLabel([{ durationMinutes: 120 }, { durationMinutes: 30 }])).toBe("30 min – 2 h");
    expect(durationLabel([])).toBeNull();
  });

  it("lists the methods the open times allow in the app's order, or the server's when none is open", () => {
    expect(methodsOnOffer([{ methods: ["PHONE"] }, { methods: ["PHONE", "ZOOM"] }], ["TEAMS"])).toEqual(["ZOOM", "PHONE"]);
    expect(methodsOnOffer([], ["TEAMS", "PHONE"])).toEqual(["TEAMS", "PHONE"]);
  });

  it("makes at most two initials", () => {
    expect(initials("Northwind Consulting Group")).toBe("NC");
    expect(initials("  ada ")).toBe("A");
    expect(initials("Élan Studio")).toBe("ÉS");
  });
});
