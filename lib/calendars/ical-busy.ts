import ICAL from "ical.js";
import { TZDate } from "@date-fns/tz";
import { isValidTimeZone } from "@/lib/time-zones";
import type { BusyInterval, TimeRange } from "./provider";

// Busy intervals from iCalendar text (CalDAV calendar objects or a VFREEBUSY answer).
// Free: TRANSP:TRANSPARENT and STATUS:CANCELLED events (per occurrence: an override can
// change either). All-day events are busy for the whole local day unless transparent.
// Recurring events are expanded over the range (RRULE/RDATE, EXDATE, RECURRENCE-ID overrides).
// Times: an IANA TZID is read with the platform's zone data; another TZID with the object's
// own VTIMEZONE; floating times and dates in `floatingZone` (the business zone).

type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;
type Component = InstanceType<typeof ICAL.Component>;

// Expansion bounds: a long-running daily series reaches the range in a few thousand steps.
const MAX_OCCURRENCES = 20_000;
// An override may move an occurrence by this much; iteration goes on that far past the range.
const OVERRIDE_SLACK_MS = 14 * 24 * 3600 * 1000;

function tzidOf(component: Component, property: "dtstart" | "dtend"): string | null {
  const value = component.getFirstProperty(property)?.getParameter("tzid");
  return typeof value === "string" ? value : null;
}

function toDate(time: Time, tzid: string | null, floatingZone: string): Date {
  const { year, month, day } = time;
  const [hour, minute, second] = time.isDate ? [0, 0, 0] : [time.hour, time.minute, time.second];
  if (!time.isDate && time.zone === ICAL.Timezone.utcTimezone) return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (!time.isDate && tzid && !isValidTimeZone(tzid) && ICAL.TimezoneService.has(tzid)) {
    const zone = ICAL.TimezoneService.get(tzid)!;
    return new Date(new ICAL.Time({ year, month, day, hour, minute, second, isDate: false }, zone).toUnixTime() * 1000);
  }
  const zone = !time.isDate && tzid && isValidTimeZone(tzid) ? tzid : floatingZone;
  return new Date(new TZDate(year, month - 1, day, hour, minute, second, zone).getTime());
}

function isFree(component: Component): boolean {
  const transp = String(component.getFirstPropertyValue("transp") ?? "").toUpperCase();
  const status = String(component.getFirstPropertyValue("status") ?? "").toUpperCase();
  return transp === "TRANSPARENT" || status === "CANCELLED";
}

function registerTimezones(root: Component): void {
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    const tzid = vtimezone.getFirstPropertyValue("tzid");
    if (typeof tzid === "string" && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(vtimezone);
  }
}

function overlaps(start: Date, end: Date, range: TimeRange): boolean {
  return start < range.end && end > range.start;
}

function occurrence(item: Event, start: Time, end: Time, floatingZone: string): { start: Date; end: Date } {
  const startsAt = toDate(start, tzidOf(item.component, "dtstart"), floatingZone);
  let endsAt = toDate(end, tzidOf(item.component, "dtend") ?? tzidOf(item.component, "dtstart"), floatingZone);
  if (endsAt <= startsAt) endsAt = new Date(startsAt.getTime() + (start.isDate ? 24 * 3600 * 1000 : 0));
  return { start: startsAt, end: endsAt };
}

function eventBusy(main: Event, range: TimeRange, floatingZone: string): BusyInterval[] {
  const uid = main.uid || null;
  if (!main.isRecurring()) {
    if (isFree(main.component) || !main.startDate) return [];
    const { start, end } = occurrence(main, main.startDate, main.endDate ?? main.startDate, floatingZone);
    return overlaps(start, end, range) && end > start ? [{ start, end, eventUid: uid }] : [];
  }
  const out: BusyInterval[] = [];
  const iterator = main.iterator();
  const stopAfter = range.end.getTime() + OVERRIDE_SLACK_MS;
  for (let i = 0, next = iterator.next(); next && i < MAX_OCCURRENCES; i++, next = iterator.next()) {
    if (toDate(next, tzidOf(main.component, "dtstart"), floatingZone).getTime() > stopAfter) break;
    const details = main.getOccurrenceDetails(next);
    if (isFree(details.item.component)) continue;
    const { start, end } = occurrence(details.item, details.startDate, details.endDate, floatingZone);
    if (end > start && overlaps(start, end, range)) out.push({ start, end, eventUid: uid });
  }
  return out;
}

/** Busy intervals of the VEVENTs in one iCalendar object (one resource: a series and its overrides). */
export function busyFromCalendarObject(text: string, range: TimeRange, floatingZone: string): BusyInterval[] {
  const root = new ICAL.Component(ICAL.parse(text));
  registerTimezones(root);
  const vevents = root.getAllSubcomponents("vevent");
  const overrides = vevents.filter((v) => v.hasProperty("recurrence-id"));
  const masters = vevents.filter((v) => !v.hasProperty("recurrence-id"));
  const out: BusyInterval[] = [];
  for (const master of masters) {
    const event = new ICAL.Event(master);
    for (const override of overrides) {
      if (override.getFirstPropertyValue("uid") === event.uid) event.relateException(override);
    }
    out.push(...eventBusy(event, range, floatingZone));
  }
  // Overrides without their master in this object (a server may send them alone).
  for (const override of overrides) {
    const uid = override.getFirstPropertyValue("uid");
    if (masters.some((m) => m.getFirstPropertyValue("uid") === uid)) continue;
    const event = new ICAL.Event(override);
    if (isFree(override) || !event.startDate) continue;
    const { start, end } = occurrence(event, event.startDate, event.endDate ?? event.startDate, floatingZone);
    if (end > start && overlaps(start, end, range)) out.push({ start, end, eventUid: event.uid || null });
  }
  return out;
}

/** Busy periods of a VFREEBUSY answer (FBTYPE=FREE left out). */
export function busyFromFreeBusy(text: string, range: TimeRange): BusyInterval[] {
  const root = new ICAL.Component(ICAL.parse(text));
  const out: BusyInterval[] = [];
  for (const vfreebusy of root.getAllSubcomponents("vfreebusy")) {
    for (const property of vfreebusy.getAllProperties("freebusy")) {
      const type = String(property.getParameter("fbtype") ?? "BUSY").toUpperCase();
      if (type === "FREE") continue;
      for (const value of property.getValues()) {
        const period = value as InstanceType<typeof ICAL.Period>;
        const start = period.start.toJSDate();
        const end = period.getEnd().toJSDate();
        if (end > start && overlaps(start, end, range)) out.push({ start, end, eventUid: null });
      }
    }
  }
  return out;
}
