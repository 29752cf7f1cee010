import type { AvailableSlot } from "@/lib/booking/availability";
import type { DateCount } from "@/lib/booking/availability-calendar";
import type { ActionFailure, ActionResult } from "@/lib/errors/action-result";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import type { StartedBooking } from "@/lib/payments/start-booking";
import type { FeeTiming } from "@/lib/payments/fee-timing";

/** A bookable slot as the visitor flow receives it from the page. */
export type SlotOption = Omit<AvailableSlot, "endsAt">;

/** The booking fee to announce, from the data. */
export type FeeInfo = { amountCents: number; currency: string; varies: boolean; refundable: boolean; policy: string };

/** A server action's answer when it does not redirect: the shared contract. */
export type ActionProblem = ActionFailure;

/** feeTiming: when the card is charged, as the server planned it (ADR 130); null without a fee. */
export type StartResult = ActionResult<{ started: StartedBooking; serverNow: string; feeTiming: FeeTiming | null }>;

/** The page hands its server actions down, so components never import from app/. */
export type BookingActions = {
  start: (input: unknown) => Promise<StartResult | undefined>;
  confirmPayment: (bookingId: unknown) => Promise<ActionProblem | undefined>;
  /** The dates with open times in one month (YYYY-MM) of the zone shown, with their counts. */
  openDates: (month: string, zone: string) => Promise<DateCount[]>;
  /** The open times on one date of the zone shown, this visitor's own hold included. */
  openTimes: (date: string, zone: string) => Promise<SlotOption[]>;
};

/** What the calendar starts on: one month's dates with counts, in the business zone. */
export type CalendarStart = { month: string; dates: DateCount[] };

export type { DateCount };

/** The visitor's own live hold, found again on the server when the payment step is reloaded. */
export type ResumedHold = { started: StartedBooking; method: MeetingMethodName; details: DetailsValues; feeTiming: FeeTiming | null };

/** What the visitor typed into the details form, kept while they move between steps. */
export type DetailsValues = { name: string; email: string; company: string; phone: string; notes: string };
export const EMPTY_DETAILS: DetailsValues = { name: "", email: "", company: "", phone: "", notes: "" };
