import { useEffect, useMemo, useRef, useState } from "react";
import { filterZoneGroups, zoneGroups, zoneOption, type ZoneOption } from "@/lib/time-zone-catalog";

type TimeZoneSelectProps = {
  id: string;
  value: string;
  detected: string;
  businessTimeZone: string;
  onChange: (zone: string) => void;
};

const optionId = (listId: string, zone: string) => `${listId}-${zone.replaceAll("/", "-")}`;
const summary = (z: ZoneOption) => `${z.city} · ${z.name} · ${z.offset}`;

/**
 * The display zone, as a WAI-ARIA combobox with a grouped listbox: type to filter by place,
 * zone name or offset; Down/Up move (opening the list), Enter picks, Escape closes the list
 * first (and only then the dialog around it). Focus stays in the input throughout and
 * aria-activedescendant names the highlighted zone. The list sits in the page's flow, so it
 * is never cut off on a small screen.
 */
export function TimeZoneSelect({ id, value, detected, businessTimeZone, onChange }: TimeZoneSelectProps) {
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const now = useMemo(() => new Date(), []);
  const selected = useMemo(() => zoneOption(value, now), [value, now]);

  // Building ~400 entries costs a few Intl calls each: only once the list is first wanted.
  const [wanted, setWanted] = useState(false);
  const groups = useMemo(
    () =>
      wanted
        ? zoneGroups(now, [
            { id: detected, note: "Your time zone" },
            { id: businessTimeZone, note: "Our time zone" },
            { id: value, note: "Selected" },
          ])
        : [],
    [wanted, now, detected, businessTimeZone, value],
  );
  const shown = useMemo(() => filterZoneGroups(groups, query), [groups, query]);
  const flat = shown.flatMap((g) => g.zones);

  useEffect(() => {
    if (!open || !active) return;
    document.getElementById(optionId(listId, active))?.scrollIntoView({ block: "nearest" });
  }, [open, active, listId]);

  function openList() {
    setWanted(true);
    setOpen(true);
    setActive(value);
  }

  function close() {
    setOpen(false);
    setQuery("");
    setActive(null);
  }

  function pick(zone: string) {
    onChange(zone);
    close();
  }

  function move(by: number) {
    if (flat.length === 0) return;
    const index = flat.findIndex((z) => z.id === active);
    const next = index < 0 ? (by > 0 ? 0 : flat.length - 1) : Math.min(flat.length - 1, Math.max(0, index + by));
    setActive(flat[next]!.id);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openList();
        else if (!event.altKey) move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openList();
        else move(-1);
        break;
      case "PageDown":
      case "PageUp":
        if (open) {
          event.preventDefault();
          move(event.key === "PageDown" ? 10 : -10);
        }
        break;
      case "Enter":
        if (open) {
          event.preventDefault();
          if (active && flat.some((z) => z.id === active)) pick(active);
        }
        break;
      case "Escape":
        // The list closes first; the surrounding dialog only on the next Escape.
        if (open || query) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case "Tab":
        if (open) close();
        break;
    }
  }

  const activeShown = open && active && flat.some((z) => z.id === active) ? active : null;

  return (
    <div className="grid gap-1.5 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        Show times in
      </label>
      <div className="relative">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeShown ? optionId(listId, activeShown) : undefined}
          aria-describedby={`${id}-current`}
          autoComplete="off"
          spellCheck={false}
          placeholder={open ? "Search a city, zone or offset" : undefined}
          value={open ? query : summary(selected)}
          onChange={(e) => {
            const text = e.target.value;
            // Typing onto the shown zone's name starts a search with just what was typed.
            const current = summary(selected);
            setQuery(!open && text.startsWith(current) ? text.slice(current.length) : text);
            if (!open) openList();
            setActive(null);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => (open ? close() : openList())}
          onBlur={(e) => {
            if (!listRef.current?.contains(e.relatedTarget as Node | null)) close();
          }}
          onKeyDown={onKeyDown}
          className="min-h-11 w-full rounded-md border border-slate-300 bg-white py-1.5 pr-9 pl-3 text-slate-900"
        />
        <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-slate-500">
          {open ? "▴" : "▾"}
        </span>
      </div>
      <span id={`${id}-current`} className="sr-only">
        Current: {selected.city}, {selected.name}, {selected.offset}
      </span>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="Time zones"
        tabIndex={-1}
        hidden={!open}
        className="max-h-[min(18rem,45dvh)] overflow-y-auto overscroll-contain rounded-md border border-slate-300 bg-white py-1 shadow-lg"
      >
        {open && flat.length === 0 && (
          <div role="presentation" className="px-3 py-2 text-slate-600">
            No time zone matches “{query}”.
          </div>
        )}
        {open &&
          shown.map((group) => (
            <div key={group.region} role="group" aria-labelledby={`${listId}-${group.region}`}>
              <div
                role="presentation"
                id={`${listId}-${group.region}`}
                className="sticky top-0 bg-slate-100 px-3 py-1 text-xs font-semibold tracking-wide text-slate-700 uppercase"
              >
                {group.region}
              </div>
              {group.zones.map((zone) => (
                <div
                  key={zone.id}
                  id={optionId(listId, zone.id)}
                  role="option"
                  aria-selected={zone.id === value}
                  data-zone={zone.id}
                  // mousedown would blur the input before the click lands.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(zone.id)}
                  className={
                    "flex cursor-pointer flex-wrap items-baseline justify-between gap-x-3 px-3 py-2 " +
                    (zone.id === activeShown ? "bg-brand-600 text-white" : "text-slate-900 hover:bg-brand-50")
                  }
                >
                  <span className="font-medium">
                    {zone.city}
                    {zone.note && <span className="font-normal"> ({zone.note.toLowerCase()})</span>}
                    {zone.id === value && <span aria-hidden="true"> ✓</span>}
                  </span>
                  <span className={"text-xs tabular-nums " + (zone.id === activeShown ? "text-white" : "text-slate-600")}>
                    {zone.name} · {zone.offset}
                  </span>
                </div>
              ))}
            </div>
          ))}
      </div>
    </div>
  );
}
