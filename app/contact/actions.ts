"use server";

import { clientSession, existingClientSession } from "@/lib/http/client-context";
import type { SlotOption, StartResult } from "@/components/contact/types";
import type { ActionFailure } from "@/lib/errors/action-result";
import { confirmPaymentWith, startBookingWith, type FlowPages } from "./booking-writes";
import { openSlotsFor } from "./open-slots";
import { bookingPath, CONTACT_PATH } from "./paths";

const PAGES: FlowPages = { flow: CONTACT_PATH, booking: bookingPath };

/**
 * The open times again, for a visitor back on the calendar (a time was lost, or "Change time").
 * A read, not a page refresh: refreshing would remount the flow on its current URL.
 */
export async function openSlotsAction(): Promise<SlotOption[]> {
  return openSlotsFor(await existingClientSession());
}

export type StartBookingResult = StartResult;

/** "Continue to payment": hold the slot and prepare its payment (the session cookie says whose). */
export async function startBookingAction(input: unknown): Promise<StartBookingResult> {
  return startBookingWith(input, clientSession, PAGES);
}

/** "Pay & Book": settles the payment and shows the booking. */
export async function confirmPaymentAction(bookingId: unknown): Promise<ActionFailure> {
  return confirmPaymentWith(bookingId, PAGES);
}
