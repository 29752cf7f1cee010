import type { BookingActions, DateCount, SlotOption } from "@/components/contact/types";
import { CLIENT_SESSION_HEADER } from "@/lib/http/session-header";

// /contact and /embed read their calendar through the public JSON API (docs/api.md): GET
// answers that identical requests share (ADR 007), small whatever the booking window (ADR 140).
// The bk_session cookie goes with them on /contact, the frame's kept id in a header on /embed
// (ADR 114), so the visitor's own hold stays listed for them. The manage page's reschedule
// calendar reads the same shapes from its link's routes (/api/manage/{token}/dates and /times).

async function getJson<T>(path: string, session?: () => string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...(session ? { [CLIENT_SESSION_HEADER]: session() } : {}) };
  const response = await fetch(path, { headers, cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

type Reads = Pick<BookingActions, "openDates" | "openTimes">;

/** Where the two reads are answered: the public API, or the manage link's own routes. */
export type AvailabilityPaths = { dates: string; times: string };

const PUBLIC_PATHS: AvailabilityPaths = { dates: "/api/slots/dates", times: "/api/slots" };

/** The calendar's two reads; `session` gives a kept session id to send (the embed). */
export function availabilityOverHttp(session?: () => string, paths: AvailabilityPaths = PUBLIC_PATHS): Reads {
  return {
    openDates: async (month, zone) =>
      (await getJson<{ dates: DateCount[] }>(`${paths.dates}?${new URLSearchParams({ month, tz: zone })}`, session)).dates,
    openTimes: async (date, zone) => {
      const path = `${paths.times}?${new URLSearchParams({ date, tz: zone })}`;
      const { slots } = await getJson<{ slots: (SlotOption & { endsAt?: string })[] }>(path, session);
      // endsAt is derivable and the flow does not keep it.
      return slots.map(({ endsAt: _endsAt, ...slot }) => slot);
    },
  };
}
