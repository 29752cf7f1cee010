import { zoneCity, zoneGenericName, zoneOffset } from "./format";
import { canonicalZone } from "./time-zone-aliases";

// The zones the visitor can pick from: every zone Intl knows, under its current name, minus
// the county-level US zones (Knox, Marengo, Center…) whose clocks today match Chicago's or
// New York's and whose bare names mean nothing to most people. A visitor whose browser
// reports one of those still gets it, as "their" zone (see zoneGroups' pinned zones).
const COUNTY_ZONES = /^America\/(Indiana\/(?!Indianapolis$)|Kentucky\/(?!Louisville$)|North_Dakota\/)/;

const REGION_NAMES: Record<string, string> = { America: "Americas", Indian: "Indian Ocean", Atlantic: "Atlantic Ocean" };

export type ZoneOption = {
  id: string;
  city: string;
  region: string;
  /** "Eastern Time". */
  name: string;
  /** "UTC−5" at the instant the list was built. */
  offset: string;
  /** Lower-case text the search matches against. */
  search: string;
  /** Why the zone is pinned to the top ("Your time zone"), if it is. */
  note?: string;
};

export type ZoneGroup = { region: string; zones: ZoneOption[] };

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

function regionOf(id: string): string {
  if (!id.includes("/")) return "UTC";
  const first = id.split("/")[0]!;
  return REGION_NAMES[first] ?? first;
}

/** Lower case, accents and the minus sign folded, so "sao paulo" and "utc-3" match. */
export function searchText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replaceAll("\u2212", "-").toLowerCase();
}

/** The zone ids offered, current names only, sorted, with UTC. */
export function canonicalZoneIds(supported: readonly string[] = supportedZones()): string[] {
  const ids = new Set(supported.map(canonicalZone).filter((id) => id === "UTC" || (id.includes("/") && !id.startsWith("Etc/"))));
  ids.add("UTC");
  return [...ids].filter((id) => !COUNTY_ZONES.test(id)).sort();
}

// ~400 zones at two Intl calls each is most of a second on a slow phone: build each entry once
// per instant (the picker keeps one), so picking a zone or typing never rebuilds the list.
let built: { at: number; options: Map<string, ZoneOption> } = { at: NaN, options: new Map() };

export function zoneOption(id: string, at: Date, note?: string): ZoneOption {
  if (built.at !== at.getTime()) built = { at: at.getTime(), options: new Map() };
  let option = built.options.get(id);
  if (!option) {
    option = buildOption(id, at);
    built.options.set(id, option);
  }
  return note ? { ...option, note } : option;
}

function buildOption(id: string, at: Date): ZoneOption {
  const city = zoneCity(id);
  const region = regionOf(id);
  const name = zoneGenericName(at, id);
  const offset = zoneOffset(at, id);
  // Two Intl calls per zone: the abbreviation would take four more, for ~400 zones on each open.
  const search = searchText([city, region, id, name, offset].join(" "));
  return { id, city, region, name, offset, search };
}

const byCity = (a: ZoneOption, b: ZoneOption) => a.city.localeCompare(b.city, "en");

/**
 * The list as the picker shows it: the pinned zones first (the visitor's detected zone, then
 * ours), then one group per region in alphabetical order, each sorted by place name. A pinned
 * zone is not repeated in its region.
 */
export function zoneGroups(at: Date, pinned: readonly { id: string; note: string }[], supported?: readonly string[]): ZoneGroup[] {
  const top: ZoneOption[] = [];
  for (const pin of pinned) {
    const id = canonicalZone(pin.id);
    if (!top.some((z) => z.id === id)) top.push(zoneOption(id, at, pin.note));
  }
  const regions = new Map<string, ZoneOption[]>();
  for (const id of canonicalZoneIds(supported)) {
    if (top.some((z) => z.id === id)) continue;
    const option = zoneOption(id, at);
    regions.set(option.region, [...(regions.get(option.region) ?? []), option]);
  }
  const groups = [...regions.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en"))
    .map(([region, zones]) => ({ region, zones: zones.sort(byCity) }));
  return top.length > 0 ? [{ region: "Suggested", zones: top }, ...groups] : groups;
}

/** The groups with only the zones whose text contains every word of the query. */
export function filterZoneGroups(groups: readonly ZoneGroup[], query: string): ZoneGroup[] {
  const words = searchText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups
    .map((g) => ({ region: g.region, zones: g.zones.filter((z) => words.every((w) => z.search.includes(w))) }))
    .filter((g) => g.zones.length > 0);
}
