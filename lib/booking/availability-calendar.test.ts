import { describe, expect, it } from "vitest";
import { spanGrowth } from "./availability-calendar";

describe("spanGrowth", () => {
  it("grows a span by the share of open slots it found, with room, at least doubling and at most 4 times", () => {
    // 151 slots wanted with 1.5× room: a span that found 75 grows about 3 times.
    expect(spanGrowth(75, 150)).toBeCloseTo(3.02, 2);
    expect(spanGrowth(140, 150)).toBe(2);
    expect(spanGrowth(20, 150)).toBe(4);
    expect(spanGrowth(0, 150)).toBe(4);
  });
});
