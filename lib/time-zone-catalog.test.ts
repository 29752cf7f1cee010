import { describe, expect, it } from "vitest";
import { detectTimeZone } from "./format";
import { canonicalZone, RETIRED_ZONE_NAMES } from "./time-zone-aliases";
import { canonicalZoneIds, filterZoneGroups, zoneGroups } from "./time-zone-catalog";

const winter = new Date("2027-01-13T15:00:00Z");
const summer = new Date("2026-07-15T12:00:00Z");
const pins = [
  { id: "Europe/London", note: "Your time zone" },
  { id: "America/New_York", note: "Our time zone" },
];

describe("the zone list", () => {
  it("offers current names only: no retired aliases, no county-level or Etc zones", () => {
    const ids = canonicalZoneIds();
    for (const retired of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "Asia/Rangoon", "America/Godthab", "Africa/Asmera"]) {
      expect(ids).not.toContain(retired);
    }
    for (const current of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "Asia/Yangon", "America/Nuuk", "Africa/Asmara", "UTC"]) {
      expect(ids).toContain(current);
    }
    for (const retired of RETIRED_ZONE_NAMES) expect(ids).not.toContain(retired);
    for (const ambiguous of ["America/Indiana/Knox", "America/Indiana/Marengo", "America/North_Dakota/Center", "Etc/GMT+5"]) {
      expect(ids).not.toContain(ambiguous);
    }
    expect(ids).toContain("America/Indiana/Indianapolis");
    expect(ids.length).toBeGreaterThan(350);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is derived from what the platform supports, whatever spelling it uses", () => {
    expect(canonicalZoneIds(["Asia/Calcutta", "Asia/Kolkata", "Etc/UTC", "Etc/GMT-3", "America/Indiana/Knox"])).toEqual([
      "Asia/Kolkata",
      "UTC",
    ]);
  });

  it("puts the pinned zones first, then regions in order, each sorted by place", () => {
    const groups = zoneGroups(winter, pins);
    expect(groups[0]).toMatchObject({ region: "Suggested" });
    expect(groups[0]!.zones.map((z) => [z.id, z.note])).toEqual([
      ["Europe/London", "Your time zone"],
      ["America/New_York", "Our time zone"],
    ]);
    const regions = groups.slice(1).map((g) => g.region);
    expect(regions).toEqual([...regions].sort((a, b) => a.localeCompare(b, "en")));
    expect(regions).toEqual(expect.arrayContaining(["Africa", "Americas", "Asia", "Australia", "Europe", "Pacific", "UTC"]));
    for (const group of groups.slice(1)) {
      const cities = group.zones.map((z) => z.city);
      expect(cities).toEqual([...cities].sort((a, b) => a.localeCompare(b, "en")));
      for (const zone of group.zones) expect(zone.region).toBe(group.region);
    }
    // A pinned zone is listed once.
    const all = groups.flatMap((g) => g.zones.map((z) => z.id));
    expect(all.filter((id) => id === "Europe/London")).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
  });

  it("maps a detected retired or county zone to the name the list uses, and keeps it", () => {
    const groups = zoneGroups(winter, [{ id: "Asia/Calcutta", note: "Your time zone" }]);
    expect(groups[0]!.zones[0]).toMatchObject({ id: "Asia/Kolkata", city: "Kolkata", name: "India Standard Time", offset: "UTC+5:30" });
    const knox = zoneGroups(winter, [{ id: "America/Indiana/Knox", note: "Your time zone" }])[0]!.zones[0]!;
    expect(knox).toMatchObject({ id: "America/Indiana/Knox", city: "Knox, Indiana", name: "Central Time" });
    expect(canonicalZone("Etc/UTC")).toBe("UTC");
    expect(canonicalZone("Europe/Paris")).toBe("Europe/Paris");
  });

  it("gives each zone its offset now, across daylight saving time", () => {
    const find = (at: Date, id: string) =>
      zoneGroups(at, [])
        .flatMap((g) => g.zones)
        .find((z) => z.id === id);
    expect(find(winter, "America/New_York")).toMatchObject({ name: "Eastern Time", offset: "UTC\u22125" });
    expect(find(summer, "America/New_York")).toMatchObject({ offset: "UTC\u22124" });
    expect(find(winter, "Europe/Berlin")).toMatchObject({ name: "Central European Time", offset: "UTC+1", region: "Europe" });
    expect(find(summer, "Europe/Berlin")).toMatchObject({ offset: "UTC+2" });
    expect(find(winter, "UTC")).toMatchObject({ city: "UTC", name: "UTC", offset: "UTC+0", region: "UTC" });
    expect(find(winter, "America/Argentina/San_Juan")).toMatchObject({ city: "San Juan, Argentina", region: "Americas" });
  });

  it("searches place, region, zone name and offset, accent- and case-blind", () => {
    const groups = zoneGroups(winter, pins);
    const ids = (query: string) => filterZoneGroups(groups, query).flatMap((g) => g.zones.map((z) => z.id));
    expect(ids("kolkata")).toEqual(["Asia/Kolkata"]);
    expect(ids("Sao Paulo")).toEqual(["America/Sao_Paulo"]);
    expect(ids("eastern time")).toContain("America/New_York");
    expect(ids("central european")).toContain("Europe/Berlin");
    expect(ids("utc-5")).toContain("America/New_York");
    expect(ids("utc+5:30")).toEqual(expect.arrayContaining(["Asia/Kolkata", "Asia/Colombo"]));
    expect(ids("nowhere at all")).toEqual([]);
    expect(filterZoneGroups(groups, "  ")).toHaveLength(groups.length);
  });
});

describe("detectTimeZone", () => {
  it("reports the browser's zone under its current name", () => {
    const original = Intl.DateTimeFormat;
    const fake = (zone: string) =>
      Object.assign(() => ({ resolvedOptions: () => ({ timeZone: zone }) }), original) as unknown as typeof Intl.DateTimeFormat;
    try {
      Intl.DateTimeFormat = fake("Asia/Calcutta");
      expect(detectTimeZone("America/New_York")).toBe("Asia/Kolkata");
      Intl.DateTimeFormat = fake("");
      expect(detectTimeZone("America/New_York")).toBe("America/New_York");
    } finally {
      Intl.DateTimeFormat = original;
    }
  });
});
