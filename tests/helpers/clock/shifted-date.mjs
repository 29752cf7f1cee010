// Time is an input. Every process a test run starts (Vitest workers, the app under Playwright,
// the fakes, the Playwright workers) and every browser page reads "now" from a clock shifted
// to TEST_NOW, so the suite gives the same result on any day of the year. Time still flows
// (holds lapse, timers fire); only the starting instant is pinned. Plain JS so that
// `node --import` can preload it into any process through NODE_OPTIONS.

/** The instant a test run starts at unless TEST_NOW says otherwise: an ordinary weekday. */
export const DEFAULT_TEST_NOW = "2027-01-13T15:00:00.000Z";

/**
 * Replaces globalThis.Date with one whose "now" is `offsetMs` ahead of the real clock.
 * Self-contained (no closure over module scope) because Playwright serialises it into pages.
 */
export function installShiftedDate(offsetMs) {
  const RealDate = globalThis.Date;
  if (RealDate.__testClockOffsetMs !== undefined || !offsetMs) return;
  const realNow = RealDate.now.bind(RealDate);
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(realNow() + offsetMs).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [realNow() + offsetMs] : args, new.target);
  }
  // Own copies of the statics (UTC, parse): code that wraps Date again (Next does) copies own
  // properties only, so inheriting them through the prototype chain is not enough.
  for (const key of Object.getOwnPropertyNames(RealDate)) {
    if (!["length", "name", "prototype", "now"].includes(key))
      Object.defineProperty(ShiftedDate, key, Object.getOwnPropertyDescriptor(RealDate, key));
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.prototype = RealDate.prototype;
  Object.defineProperty(ShiftedDate, "now", { value: () => realNow() + offsetMs, writable: true, configurable: true });
  Object.defineProperty(ShiftedDate, "__testClockOffsetMs", { value: offsetMs });
  globalThis.Date = ShiftedDate;
}

/**
 * The run's clock offset, computed once by the runner's config and handed to every child
 * through the environment, so that all processes and pages agree to the millisecond.
 * TEST_NOW=real runs on the true clock.
 */
export function ensureClockOffset(env = process.env) {
  if (env.TEST_CLOCK_OFFSET_MS !== undefined && env.TEST_CLOCK_OFFSET_MS !== "") return Number(env.TEST_CLOCK_OFFSET_MS);
  const wanted = env.TEST_NOW || DEFAULT_TEST_NOW;
  const at = wanted === "real" ? Date.now() : Date.parse(wanted);
  if (Number.isNaN(at)) throw new Error(`TEST_NOW must be an ISO instant such as 2027-02-28T15:00:00Z (or "real"), got ${wanted}`);
  const offset = at - Date.now();
  env.TEST_NOW = wanted;
  env.TEST_CLOCK_OFFSET_MS = String(offset);
  // Child processes (the app, fakes, scripts spawned by tests) load this module first.
  const preload = `--import=${import.meta.url}`;
  if (!(env.NODE_OPTIONS ?? "").includes(preload)) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} ${preload}`.trim();
  return offset;
}

if (typeof process !== "undefined" && process.env.TEST_CLOCK_OFFSET_MS) {
  installShiftedDate(Number(process.env.TEST_CLOCK_OFFSET_MS));
}
