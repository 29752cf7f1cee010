import type { MeetingMethodName } from "@/lib/meeting-methods";

export type MeetingLink = { url: string | null; externalId: string | null };

export type MeetingRequest = {
  bookingId: string;
  method: MeetingMethodName;
  startsAt: Date;
  durationMinutes: number;
  attendeeName: string;
  attendeeEmail: string;
};

/** An API that creates a meeting per booking. */
export type MeetingProvider = {
  name: string;
  configured(): boolean;
  create(request: MeetingRequest): Promise<{ url: string; externalId: string }>;
};
