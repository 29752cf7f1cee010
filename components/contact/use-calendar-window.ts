import { useMemo } from "react";
import { dateKeyInZone } from "@/lib/format";
import type { SlotOption } from "./types";

/** The first and last dates of the booking window, in the zone shown. */
export function calendarBounds(zone: string, nowIso: string, windowDays: number): { todayKey: string; lastKey: string } {
  return { todayKey: dateKeyInZone(nowIso, zone), lastKey: dateKeyInZone(new Date(Date.parse(nowIso) + windowDays * 86_400_000), zone) };
}

/**
 * What the calendar needs from a list of open times, in the zone shown: the first and last
 * bookable dates, the times grouped by date, and each date's count. Shared by /contact and
 * the manage page's reschedule picker.
 */
export function useCalendarWindow(slots: readonly SlotOption[], zone: string, nowIso: string, windowDays: number) {
  const { todayKey, lastKey } = calendarBounds(zone, nowIso, windowDays);
  const slotsByDate = useMemo(() => {
    const byDate: Record<string, SlotOption[]> = {};
    for (const s of slots) (byDate[dateKeyInZone(s.startsAt, zone)] ??= []).push(s);
    return byDate;
  }, [slots, zone]);
  const slotCounts = useMemo(() => Object.fromEntries(Object.entries(slotsByDate).map(([key, list]) => [key, list.length])), [slotsByDate]);
  return { todayKey, lastKey, slotsByDate, slotCounts };
}
