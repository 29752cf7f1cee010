import { useCallback, useEffect, useMemo, useState } from "react";
import type { CalendarStart, DateCount } from "./types";

// The calendar's open dates, one month at a time (ADR 140): the month on screen is loaded in the
// zone shown, and kept; a refresh reloads what is on screen. Until a month arrives in a new zone,
// the counts already known for that month stay up, so the grid never blanks while it loads.

type Entry = { zone: string; month: string; counts: Record<string, number>; fresh: boolean };
const entryKey = (zone: string, month: string) => `${zone}|${month}`;
const toCounts = (dates: DateCount[]) => Object.fromEntries(dates.map((d) => [d.date, d.count]));

export function useMonthCounts(
  load: (month: string, zone: string) => Promise<DateCount[]>,
  zone: string,
  start: CalendarStart,
  startZone: string,
) {
  const [entries, setEntries] = useState<Record<string, Entry>>(() => ({
    [entryKey(startZone, start.month)]: { zone: startZone, month: start.month, counts: toCounts(start.dates), fresh: true },
  }));
  const [month, setMonth] = useState(start.month);
  const shown = entries[entryKey(zone, month)];
  const needsLoad = !shown?.fresh;

  useEffect(() => {
    if (!needsLoad) return;
    let live = true;
    load(month, zone).then(
      (dates) => {
        if (live) setEntries((all) => ({ ...all, [entryKey(zone, month)]: { zone, month, counts: toCounts(dates), fresh: true } }));
      },
      // A failed load keeps what is shown; the next month change or refresh tries again.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [load, zone, month, needsLoad]);

  const slotCounts = useMemo(() => {
    const sameMonth = Object.values(entries).find((e) => e.month === month);
    const inZone = Object.values(entries).filter((e) => e.zone === zone);
    return Object.assign({}, shown ? {} : sameMonth?.counts, ...inZone.map((e) => e.counts)) as Record<string, number>;
  }, [entries, month, zone, shown]);

  /** Reload the months on screen (a time was taken, or the visitor came back to the calendar). */
  const refresh = useCallback(() => {
    setEntries((all) => Object.fromEntries(Object.entries(all).map(([k, e]) => [k, { ...e, fresh: false }])));
  }, []);

  return { slotCounts, showMonth: setMonth, refresh };
}
