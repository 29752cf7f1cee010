import { describe, expect, it, vi } from "vitest";
import { runStep } from "./maintenance";

describe("runStep", () => {
  it("returns a step's result, or logs its failure without throwing", async () => {
    expect(await runStep("ok", async () => 3)).toEqual({ ok: true, result: 3 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await runStep("broken", async () => Promise.reject(new Error("stripe down")))).toEqual({ ok: false, error: "failed" });
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/jobs\.step_failed.*broken.*stripe down/);
  });
});
