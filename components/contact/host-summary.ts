import { MEETING_METHODS, type MeetingMethodName } from "@/lib/meeting-methods";
import { formatDuration } from "@/lib/format";
import type { SlotOption } from "./types";

/** "60 min", or "30 min – 1 h" when open times differ in length; null with none open. */
export function durationLabel(slots: Pick<SlotOption, "durationMinutes">[]): string | null {
  if (slots.length === 0) return null;
  const lengths = slots.map((s) => s.durationMinutes);
  const [low, high] = [Math.min(...lengths), Math.max(...lengths)];
  return low === high ? formatDuration(low) : `${formatDuration(low)} – ${formatDuration(high)}`;
}

/** The methods the open times allow, in the app's order; the server's own when none is open. */
export function methodsOnOffer(slots: Pick<SlotOption, "methods">[], fallback: MeetingMethodName[]): MeetingMethodName[] {
  if (slots.length === 0) return fallback;
  const used = new Set(slots.flatMap((s) => s.methods));
  return MEETING_METHODS.filter((m) => used.has(m));
}

/** Up to two initials for the logo's stand-in: "Northwind Consulting" → "NC". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => Array.from(w)[0]!.toUpperCase())
    .join("");
}
