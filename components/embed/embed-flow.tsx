"use client";

import { useMemo, useRef } from "react";
import { BookingFlow } from "@/components/contact/booking-flow";
import type { ActionProblem, BookingActions, StartResult } from "@/components/contact/types";
import { useEmbedPost } from "./embed-frame";
import { FlowLinksProvider } from "./flow-links-provider";
import { keptSession } from "./kept-session";

// The /contact flow inside the embed: the same BookingFlow, with the embed's actions and reads
// given the frame's own session id (no cookie needed) and the host told when a time is held.

type EmbedContext = { session: string; parent: string | null };

export type EmbedActions = {
  start: (context: EmbedContext, input: unknown) => Promise<StartResult | undefined>;
  confirmPayment: (context: EmbedContext, bookingId: unknown) => Promise<ActionProblem | undefined>;
};

/** The calendar's reads, given the frame's kept session id to send with them. */
export type EmbedReads = (session: () => string) => Pick<BookingActions, "openDates" | "openTimes">;

type EmbedFlowProps = Omit<React.ComponentProps<typeof BookingFlow>, "actions" | "keepSearch"> & {
  parent: string | null;
  /** The query to keep in the flow's URLs (the parent origin). */
  keepSearch: string;
  embedActions: EmbedActions;
  reads: EmbedReads;
};

export function EmbedFlow({ parent, embedActions, reads, ...flow }: EmbedFlowProps) {
  const postEvent = useEmbedPost();
  // The times seen, to tell the host when the held one starts.
  const seen = useRef(new Map<string, string>());
  const actions: BookingActions = useMemo(() => {
    const context = () => ({ session: keptSession(), parent });
    const read = reads(keptSession);
    return {
      start: async (input) => {
        const result = await embedActions.start(context(), input);
        if (result?.ok) {
          const slotId = result.started.booking.slotId;
          const startsAt = seen.current.get(slotId) ?? (flow.urlSlot?.id === slotId ? flow.urlSlot.startsAt : undefined);
          if (startsAt) postEvent({ type: "booking:slot-held", detail: { startsAt, holdExpiresAt: result.started.booking.holdExpiresAt } });
        }
        return result;
      },
      confirmPayment: (bookingId) => embedActions.confirmPayment(context(), bookingId),
      openDates: read.openDates,
      openTimes: async (date, zone) => {
        const times = await read.openTimes(date, zone);
        for (const t of times) seen.current.set(t.id, t.startsAt);
        return times;
      },
    };
  }, [embedActions, reads, parent, postEvent, flow.urlSlot]);
  return (
    <FlowLinksProvider parent={parent}>
      <BookingFlow {...flow} actions={actions} />
    </FlowLinksProvider>
  );
}
