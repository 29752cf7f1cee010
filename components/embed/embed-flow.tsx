"use client";

import { useMemo } from "react";
import { BookingFlow } from "@/components/contact/booking-flow";
import type { ActionProblem, BookingActions, SlotOption, StartResult } from "@/components/contact/types";
import { useEmbedPost } from "./embed-frame";
import { FlowLinksProvider } from "./flow-links-provider";
import { keptSession } from "./kept-session";

// The /contact flow inside the embed: the same BookingFlow, with the embed's actions given the
// frame's own session id (no cookie needed) and the host told when a time is held.

type EmbedContext = { session: string; parent: string | null };

export type EmbedActions = {
  start: (context: EmbedContext, input: unknown) => Promise<StartResult | undefined>;
  confirmPayment: (context: EmbedContext, bookingId: unknown) => Promise<ActionProblem | undefined>;
  openSlots: (context: EmbedContext) => Promise<SlotOption[]>;
};

type EmbedFlowProps = Omit<React.ComponentProps<typeof BookingFlow>, "actions" | "keepSearch"> & {
  parent: string | null;
  /** The query to keep in the flow's URLs (the parent origin). */
  keepSearch: string;
  embedActions: EmbedActions;
};

export function EmbedFlow({ parent, embedActions, ...flow }: EmbedFlowProps) {
  const postEvent = useEmbedPost();
  const actions: BookingActions = useMemo(() => {
    const context = () => ({ session: keptSession(), parent });
    return {
      start: async (input) => {
        const result = await embedActions.start(context(), input);
        if (result?.ok) {
          const slotId = result.started.booking.slotId;
          const slot = flow.slots.find((s) => s.id === slotId);
          if (slot)
            postEvent({
              type: "booking:slot-held",
              detail: { startsAt: slot.startsAt, holdExpiresAt: result.started.booking.holdExpiresAt },
            });
        }
        return result;
      },
      confirmPayment: (bookingId) => embedActions.confirmPayment(context(), bookingId),
      openSlots: () => embedActions.openSlots(context()),
    };
  }, [embedActions, parent, postEvent, flow.slots]);
  return (
    <FlowLinksProvider parent={parent}>
      <BookingFlow {...flow} actions={actions} />
    </FlowLinksProvider>
  );
}
