import "server-only";
import { listAvailableDates } from "@/lib/booking/availability";
import type { SlotOption } from "@/components/contact/types";

/** The open times as the flow takes them, the visitor's own live hold included (ADR 082). */
export async function openSlotsFor(clientSession: string | undefined): Promise<SlotOption[]> {
  const dates = await listAvailableDates(new Date(), { clientSession });
  // endsAt is derivable and the flow does not need it: keep the payload small.
  return dates.flatMap((d) => d.slots.map(({ endsAt: _endsAt, ...slot }) => slot));
}
