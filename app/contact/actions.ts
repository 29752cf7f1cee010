"use server";

import { clientSession } from "@/lib/http/client-context";
import type { StartResult } from "@/components/contact/types";
import type { ActionFailure } from "@/lib/errors/action-result";
import { confirmPaymentWith, startBookingWith, type FlowPages } from "./booking-writes";
import { bookingPath, CONTACT_PATH } from "./paths";

const PAGES: FlowPages = { flow: CONTACT_PATH, booking: bookingPath };

export type StartBookingResult = StartResult;

/** "Continue to payment": hold the slot and prepare its payment (the session cookie says whose). */
export async function startBookingAction(input: unknown): Promise<StartBookingResult> {
  return startBookingWith(input, clientSession, PAGES);
}

/** "Pay & Book": settles the payment and shows the booking. */
export async function confirmPaymentAction(bookingId: unknown): Promise<ActionFailure> {
  return confirmPaymentWith(bookingId, PAGES);
}
