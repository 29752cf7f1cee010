import { describe, expect, it, vi } from "vitest";
import { runStep } from "./maintenance";

describe("runStep", () => {
  it("returns a step's result, or logs its failure without throwing", async () => {
    expect(await runStep("ok", async () => 3)).toEqual({ ok: true, result: 3 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await runStep("broken", async () => Promise.reject(new Error("stripe down")))).toEqual({ ok: false, error: "failed" });
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/jobs\.step_failed.*broken.*stripe down/);
  });

  it("stops waiting for a step past its budget, and reports it as timed out", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const started = Date.now();
    expect(await runStep("hung", () => new Promise<never>(() => {}), 50)).toEqual({ ok: false, error: "timed_out" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/jobs\.step_timed_out.*hung/);
  });
});
