import "server-only";
import type { MeetingMethodName } from "@/lib/booking/methods";
import { roomFor } from "./rooms";

export type MeetingLink = { url: string | null; externalId: string | null };

export type MeetingRequest = {
  bookingId: string;
  method: MeetingMethodName;
  startsAt: Date;
  durationMinutes: number;
  attendeeName: string;
  attendeeEmail: string;
};

/**
 * The link for a confirmed booking. Never throws and never blocks a confirmation: when a
 * provider API is configured but fails, the business's configured room URL is used.
 */
export async function meetingLinkFor(request: MeetingRequest): Promise<MeetingLink> {
  const room = roomFor(request.method);
  return { url: room?.url ?? null, externalId: null };
}
