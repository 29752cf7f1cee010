import { useMemo } from "react";
import { zoneCity } from "@/lib/format";

type TimeZoneSelectProps = {
  id: string;
  value: string;
  detected: string;
  businessTimeZone: string;
  onChange: (zone: string) => void;
};

function allZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

function optionLabel(zone: string): string {
  const region = zone.includes("/") ? zone.split("/")[0] : "";
  return region ? `${zoneCity(zone)} (${region.replaceAll("_", " ")})` : zone;
}

/** The display zone: detected from the browser, changeable to any IANA zone. */
export function TimeZoneSelect({ id, value, detected, businessTimeZone, onChange }: TimeZoneSelectProps) {
  const others = useMemo(
    () => [...new Set([...allZones(), value])].filter((z) => z !== detected && z !== businessTimeZone).sort(),
    [value, detected, businessTimeZone],
  );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        Show times in
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="min-h-11 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-slate-900"
      >
        <option value={detected}>{optionLabel(detected)} (your time zone)</option>
        {businessTimeZone !== detected && <option value={businessTimeZone}>{optionLabel(businessTimeZone)} (our time zone)</option>}
        {others.map((zone) => (
          <option key={zone} value={zone}>
            {optionLabel(zone)}
          </option>
        ))}
      </select>
    </div>
  );
}
