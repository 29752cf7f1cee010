"use server";

import { z } from "zod";
import { explicitClientSession } from "@/lib/http/client-context";
import type { StartResult } from "@/components/contact/types";
import type { ActionFailure } from "@/lib/errors/action-result";
import { confirmPaymentWith, startBookingWith, type FlowPages } from "../contact/booking-writes";
import { embedBookingPath, EMBED_PATH } from "@/components/embed/embed-paths";
import { verifiedParent } from "./parent";

// The embed's actions: the /contact writes, with the session id the frame keeps itself (no
// cookie is sent from a third-party iframe, ADR 114) and the embed's own pages as targets.

const contextSchema = z.object({ session: z.unknown(), parent: z.unknown() });

async function embedContext(context: unknown): Promise<{ session: string | undefined; pages: FlowPages }> {
  const parsed = contextSchema.safeParse(context);
  const session = parsed.success ? explicitClientSession(parsed.data.session) : undefined;
  const parent = parsed.success ? await verifiedParent(parsed.data.parent) : null;
  return { session, pages: { flow: EMBED_PATH, booking: (id) => embedBookingPath(id, parent) } };
}

export async function embedStartBookingAction(context: unknown, input: unknown): Promise<StartResult> {
  const { session, pages } = await embedContext(context);
  return startBookingWith(input, async () => session, pages);
}

export async function embedConfirmPaymentAction(context: unknown, bookingId: unknown): Promise<ActionFailure> {
  return confirmPaymentWith(bookingId, (await embedContext(context)).pages);
}
