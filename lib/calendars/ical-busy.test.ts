import { describe, expect, it } from "vitest";
import { busyFromCalendarObject, busyFromFreeBusy } from "./ical-busy";

const range = { start: new Date("2027-03-01T00:00:00Z"), end: new Date("2027-04-10T00:00:00Z") };
const zone = "America/New_York";
const cal = (...lines: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", ...lines, "END:VCALENDAR"].join("\r\n");
const iso = (xs: { start: Date; end: Date }[]) => xs.map((x) => [x.start.toISOString(), x.end.toISOString()]);

describe("busyFromCalendarObject", () => {
  it("reads a UTC event and keeps its UID", () => {
    const text = cal(
      "BEGIN:VEVENT",
      "UID:a1",
      "DTSTAMP:20270101T000000Z",
      "DTSTART:20270302T150000Z",
      "DTEND:20270302T160000Z",
      "END:VEVENT",
    );
    const busy = busyFromCalendarObject(text, range, zone);
    expect(iso(busy)).toEqual([["2027-03-02T15:00:00.000Z", "2027-03-02T16:00:00.000Z"]]);
    expect(busy[0]!.eventUid).toBe("a1");
  });

  it("treats transparent and cancelled events as free", () => {
    const ev = (uid: string, extra: string) =>
      cal(
        "BEGIN:VEVENT",
        `UID:${uid}`,
        "DTSTAMP:20270101T000000Z",
        "DTSTART:20270302T150000Z",
        "DTEND:20270302T160000Z",
        extra,
        "END:VEVENT",
      );
    expect(busyFromCalendarObject(ev("t", "TRANSP:TRANSPARENT"), range, zone)).toEqual([]);
    expect(busyFromCalendarObject(ev("c", "STATUS:CANCELLED"), range, zone)).toEqual([]);
  });

  it("honours an IANA TZID across the DST change (US: 2027-03-14)", () => {
    const text = cal(
      "BEGIN:VEVENT",
      "UID:r1",
      "DTSTAMP:20270101T000000Z",
      "DTSTART;TZID=Europe/Berlin:20270312T100000",
      "DTEND;TZID=Europe/Berlin:20270312T110000",
      "RRULE:FREQ=DAILY;COUNT=4",
      "EXDATE;TZID=Europe/Berlin:20270313T100000",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:r1",
      "DTSTAMP:20270101T000000Z",
      "RECURRENCE-ID;TZID=Europe/Berlin:20270314T100000",
      "DTSTART;TZID=Europe/Berlin:20270314T120000",
      "DTEND;TZID=Europe/Berlin:20270314T130000",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:r1",
      "DTSTAMP:20270101T000000Z",
      "RECURRENCE-ID;TZID=Europe/Berlin:20270315T100000",
      "DTSTART;TZID=Europe/Berlin:20270315T100000",
      "DTEND;TZID=Europe/Berlin:20270315T110000",
      "STATUS:CANCELLED",
      "END:VEVENT",
    );
    expect(iso(busyFromCalendarObject(text, range, zone))).toEqual([
      ["2027-03-12T09:00:00.000Z", "2027-03-12T10:00:00.000Z"],
      ["2027-03-14T11:00:00.000Z", "2027-03-14T12:00:00.000Z"],
    ]);
  });

  it("makes an all-day event busy for the local day in the floating zone", () => {
    const text = cal(
      "BEGIN:VEVENT",
      "UID:d1",
      "DTSTAMP:20270101T000000Z",
      "DTSTART;VALUE=DATE:20270320",
      "DTEND;VALUE=DATE:20270321",
      "END:VEVENT",
    );
    expect(iso(busyFromCalendarObject(text, range, zone))).toEqual([["2027-03-20T04:00:00.000Z", "2027-03-21T04:00:00.000Z"]]);
  });

  it("uses an embedded VTIMEZONE for a non-IANA TZID", () => {
    const text = cal(
      "BEGIN:VTIMEZONE",
      "TZID:Custom Plus Two",
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0200",
      "END:STANDARD",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:w1",
      "DTSTAMP:20270101T000000Z",
      "DTSTART;TZID=Custom Plus Two:20270305T100000",
      "DTEND;TZID=Custom Plus Two:20270305T103000",
      "END:VEVENT",
    );
    expect(iso(busyFromCalendarObject(text, range, zone))).toEqual([["2027-03-05T08:00:00.000Z", "2027-03-05T08:30:00.000Z"]]);
  });
});

describe("busyFromFreeBusy", () => {
  it("reads FREEBUSY periods and skips FREE ones", () => {
    const text = cal(
      "BEGIN:VFREEBUSY",
      "DTSTAMP:20270101T000000Z",
      "FREEBUSY:20270302T150000Z/20270302T160000Z,20270303T150000Z/PT30M",
      "FREEBUSY;FBTYPE=FREE:20270304T150000Z/20270304T160000Z",
      "END:VFREEBUSY",
    );
    expect(iso(busyFromFreeBusy(text, range))).toEqual([
      ["2027-03-02T15:00:00.000Z", "2027-03-02T16:00:00.000Z"],
      ["2027-03-03T15:00:00.000Z", "2027-03-03T15:30:00.000Z"],
    ]);
  });
});
