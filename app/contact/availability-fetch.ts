import type { BookingActions, DateCount, SlotOption } from "@/components/contact/types";

// /contact reads its calendar through the public JSON API (docs/api.md): GET answers that
// identical requests share (ADR 007), small whatever the booking window (ADR 140). The
// bk_session cookie goes with them, so the visitor's own hold stays listed for them.

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export const fetchAvailability: Pick<BookingActions, "openDates" | "openTimes"> = {
  openDates: async (month, zone) =>
    (await getJson<{ dates: DateCount[] }>(`/api/slots/dates?${new URLSearchParams({ month, tz: zone })}`)).dates,
  openTimes: async (date, zone) => {
    const { slots } = await getJson<{ slots: (SlotOption & { endsAt?: string })[] }>(
      `/api/slots?${new URLSearchParams({ date, tz: zone })}`,
    );
    // endsAt is derivable and the flow does not keep it.
    return slots.map(({ endsAt: _endsAt, ...slot }) => slot);
  },
};
