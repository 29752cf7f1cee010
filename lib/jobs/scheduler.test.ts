import { afterEach, describe, expect, it, vi } from "vitest";
import { startScheduler, stopScheduler } from "./scheduler";

afterEach(async () => {
  await stopScheduler();
  vi.useRealTimers();
  delete process.env.SCHEDULER_INTERVAL_SECONDS;
});

describe("startScheduler", () => {
  it("starts once per process", () => {
    vi.useFakeTimers();
    expect(startScheduler({ job: async () => {} })).toBe(true);
    expect(startScheduler({ job: async () => {} })).toBe(false);
  });

  it("runs every interval, never overlapping a run that is still going", async () => {
    vi.useFakeTimers();
    process.env.SCHEDULER_INTERVAL_SECONDS = "10";
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      runs++;
      // Each run takes 25 s, longer than the 10 s interval.
      await new Promise((resolve) => setTimeout(resolve, 25_000));
      running--;
    };
    startScheduler({ firstRunDelayMs: 1_000, job });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000); // run 1 ends at 26 s; run 2 starts at 36 s
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(4);
    // Stopping waits for the run in progress.
    const stopped = stopScheduler();
    await vi.advanceTimersByTimeAsync(25_000);
    await stopped;
    expect(running).toBe(0);
  });

  it("logs a failing run and keeps going", async () => {
    vi.useFakeTimers();
    process.env.SCHEDULER_INTERVAL_SECONDS = "5";
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let runs = 0;
    startScheduler({
      firstRunDelayMs: 0,
      job: async () => {
        runs++;
        throw new Error("database unavailable");
      },
    });
    await vi.advanceTimersByTimeAsync(11_000);
    expect(runs).toBe(3);
    expect(String(errors.mock.calls[0]?.[0])).toContain("scheduler.run_failed");
  });

  it("stops, so it can be started again", async () => {
    vi.useFakeTimers();
    let runs = 0;
    startScheduler({ firstRunDelayMs: 0, job: async () => void runs++ });
    await stopScheduler();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(0);
    expect(startScheduler({ job: async () => {} })).toBe(true);
  });
});
