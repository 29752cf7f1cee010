import { useEffect, useId, useRef, useState } from "react";
import {
  addDaysToKey,
  addMonthsToKey,
  dayLabel,
  keyToUtc,
  monthGrid,
  monthLabel,
  monthOfKey,
  sameMonth,
  shiftMonth,
  WEEKDAYS,
  type Month,
} from "./calendar-dates";

type CalendarProps = {
  /** Open times per date key (visitor's zone). */
  slotCounts: Record<string, number>;
  todayKey: string;
  lastKey: string;
  /** The date to open on (the booking's own date when rescheduling); the first open date otherwise. */
  startKey?: string;
  onPick: (dateKey: string) => void;
  /** Told the month on screen (YYYY-MM), so its open dates can be loaded. */
  onMonthShown?: (month: string) => void;
};

function monthIndex(m: Month): number {
  return m.year * 12 + m.month;
}

/**
 * Date grid following the WAI-ARIA date-picker pattern: one tabbable day (roving
 * tabindex), arrow keys move by day and week, PageUp/PageDown by month, Home/End to the
 * week's ends, Enter or Space opens the day. Days without open times stay focusable (so
 * arrowing is predictable) but are marked aria-disabled and do nothing.
 */
export function Calendar({ slotCounts, todayKey, lastKey, startKey, onPick, onMonthShown }: CalendarProps) {
  const ids = useId();
  const firstOpen = Object.keys(slotCounts)
    .filter((k) => k >= todayKey && k <= lastKey)
    .sort()[0];
  const start = startKey && startKey >= todayKey && startKey <= lastKey ? startKey : (firstOpen ?? todayKey);
  const [visible, setVisible] = useState<Month>(() => monthOfKey(start));
  const [focusKey, setFocusKey] = useState(start);
  const focusAfterRender = useRef(false);
  const gridRef = useRef<HTMLTableElement>(null);
  const previousRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const focusOtherNav = useRef<HTMLButtonElement | null>(null);

  const inWindow = (key: string) => key >= todayKey && key <= lastKey;
  const countOn = (key: string) => (inWindow(key) ? (slotCounts[key] ?? 0) : 0);
  const weeks = monthGrid(visible);
  const daysShown = weeks.flat().filter((k): k is string => k !== null);
  const tabbable = daysShown.includes(focusKey)
    ? focusKey
    : (daysShown.find((k) => countOn(k) > 0) ?? daysShown.find(inWindow) ?? daysShown[0]!);
  const openDays = daysShown.filter((k) => countOn(k) > 0).length;

  const first = monthIndex(monthOfKey(todayKey));
  const last = monthIndex(monthOfKey(lastKey));
  const canGoBack = monthIndex(visible) > first;
  const canGoForward = monthIndex(visible) < last;

  // A month button turns disabled (and leaves the tab order) at either end of the window; if it
  // had focus, focus moves to the other one instead of falling to the page.
  useEffect(() => {
    focusOtherNav.current?.focus();
    focusOtherNav.current = null;
  }, [visible]);

  useEffect(() => {
    onMonthShown?.(`${visible.year}-${String(visible.month + 1).padStart(2, "0")}`);
  }, [visible, onMonthShown]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${focusKey}"]`)?.focus();
  }, [focusKey, visible]);

  function moveTo(key: string) {
    const clamped = key < todayKey ? todayKey : key > lastKey ? lastKey : key;
    focusAfterRender.current = true;
    setFocusKey(clamped);
    if (!sameMonth(monthOfKey(clamped), visible)) setVisible(monthOfKey(clamped));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLTableElement>) {
    const key = (event.target as HTMLElement).dataset.date;
    if (!key) return;
    const weekday = keyToUtc(key).getUTCDay();
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDaysToKey(key, -1),
      ArrowRight: () => addDaysToKey(key, 1),
      ArrowUp: () => addDaysToKey(key, -7),
      ArrowDown: () => addDaysToKey(key, 7),
      Home: () => addDaysToKey(key, -weekday),
      End: () => addDaysToKey(key, 6 - weekday),
      PageUp: () => addMonthsToKey(key, -1),
      PageDown: () => addMonthsToKey(key, 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  }

  function showMonth(by: number) {
    if ((by < 0 && !canGoBack) || (by > 0 && !canGoForward)) return;
    const target = monthIndex(visible) + by;
    if (target <= first) focusOtherNav.current = nextRef.current;
    else if (target >= last) focusOtherNav.current = previousRef.current;
    setVisible((m) => shiftMonth(m, by));
  }

  const navButton =
    "inline-flex size-11 items-center justify-center rounded-full text-xl text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent";

  return (
    <div>
      <div className="mb-2 flex items-center justify-between">
        <button
          ref={previousRef}
          type="button"
          className={navButton}
          aria-label="Previous month"
          disabled={!canGoBack}
          onClick={() => showMonth(-1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <p id={`${ids}-month`} className="text-base font-semibold" aria-live="polite">
          {monthLabel(visible)}
          <span className="sr-only">
            , {openDays === 0 ? "no dates with open times" : `${openDays} ${openDays === 1 ? "date" : "dates"} with open times`}
          </span>
        </p>
        <button
          ref={nextRef}
          type="button"
          className={navButton}
          aria-label="Next month"
          disabled={!canGoForward}
          onClick={() => showMonth(1)}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <p id={`${ids}-help`} className="sr-only">
        Use the arrow keys to move between dates, Page Up and Page Down to change month, and Enter to see the times on a date.
      </p>
      {/* Months take four to six rows: the box keeps six rows' height so the page below never jumps. */}
      <div className="min-h-[20rem]">
        <table
          ref={gridRef}
          role="grid"
          aria-labelledby={`${ids}-month`}
          aria-describedby={`${ids}-help`}
          className="w-full table-fixed border-separate border-spacing-1"
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              {WEEKDAYS.map(([short, long]) => (
                <th key={short} scope="col" abbr={long} className="pb-1 text-xs font-medium text-slate-600">
                  {short}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, w) => (
              <tr key={w}>
                {week.map((key, d) => {
                  if (!key) return <td key={d} />;
                  const count = countOn(key);
                  const open = count > 0;
                  const status = open
                    ? `${count} open ${count === 1 ? "time" : "times"}`
                    : inWindow(key)
                      ? "no open times"
                      : "not bookable";
                  return (
                    <td key={key} className="p-0">
                      <button
                        type="button"
                        data-date={key}
                        data-open={open || undefined}
                        tabIndex={key === tabbable ? 0 : -1}
                        aria-disabled={!open || undefined}
                        aria-current={key === todayKey ? "date" : undefined}
                        aria-label={`${dayLabel(key)}, ${status}`}
                        onFocus={() => setFocusKey(key)}
                        onClick={() => open && onPick(key)}
                        className={
                          "relative h-11 w-full rounded-lg text-sm tabular-nums transition-colors " +
                          (open
                            ? "bg-brand-100 font-semibold text-brand-800 hover:bg-brand-600 hover:text-white"
                            : inWindow(key)
                              ? "cursor-not-allowed text-slate-400"
                              : "cursor-not-allowed text-slate-300")
                        }
                      >
                        {Number(key.slice(8))}
                        {key === todayKey && (
                          <span aria-hidden="true" className="absolute bottom-1 left-1/2 size-1 -translate-x-1/2 rounded-full bg-current" />
                        )}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-3 rounded bg-brand-100 ring-1 ring-brand-600/30" /> Open times
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-3 rounded bg-white ring-1 ring-slate-300" /> No open times
        </span>
      </p>
    </div>
  );
}
