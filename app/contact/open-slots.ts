import "server-only";
import { listDateCounts, openSlotById, openSummary, type SlotKind } from "@/lib/booking/availability-calendar";
import { dateKeyInZone } from "@/lib/format";
import type { CalendarStart, SlotOption } from "@/components/contact/types";

// What /contact and /embed render before the visitor does anything: what is on offer (for the
// fee and host panel), the first month with open times, and the slot a reloaded URL names.
// Never the whole slot list: the rest loads month by month (ADR 140).

export type FlowStart = { kinds: SlotKind[]; calendar: CalendarStart; urlSlot: SlotOption | null };

const withoutEnd = ({ endsAt: _endsAt, ...slot }: SlotOption & { endsAt?: string }): SlotOption => slot;

export async function flowStart(clientSession: string | undefined, businessZone: string, urlSlotId: string | null): Promise<FlowStart> {
  const now = new Date();
  const viewer = { clientSession };
  const [summary, urlSlot] = await Promise.all([openSummary(now, viewer), urlSlotId ? openSlotById(urlSlotId, now, viewer) : null]);
  const month = (summary.firstDate ?? dateKeyInZone(now, businessZone)).slice(0, 7);
  const dates = summary.firstDate ? await listDateCounts(month, now, viewer) : [];
  return { kinds: summary.kinds, calendar: { month, dates }, urlSlot: urlSlot && withoutEnd(urlSlot) };
}
