import "server-only";
import { settings } from "@/lib/settings/settings";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { withTimeout } from "@/lib/timeout";
import { providerFor } from "./providers";
import { roomFor } from "./rooms";
import { MeetingProviderError } from "./providers/http";
import type { MeetingLink, MeetingRequest } from "./types";
import type { MeetingMethodName } from "@/lib/meeting-methods";

export type { MeetingLink, MeetingRequest } from "./types";

/** A link already given to this booking (a repeated confirm must not create a second meeting). */
async function existingLink(bookingId: string): Promise<MeetingLink | undefined> {
  try {
    const db = await getDb();
    const booking = await db.booking.findUnique({ where: { id: bookingId }, select: { meetingUrl: true, meetingExternalId: true } });
    return booking?.meetingExternalId && booking.meetingUrl
      ? { url: booking.meetingUrl, externalId: booking.meetingExternalId }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The link for a confirmed booking. Never throws and never blocks a confirmation:
 * direct calls get the business's tel: link; video methods get a meeting created through
 * the provider's API when its credentials are set, and otherwise (or when the API fails,
 * which is logged) the business's configured room URL. The provider gets
 * MEETING_LINK_BUDGET_MS in all (each HTTP call also has its own timeout), since a
 * confirmation waits for it.
 */
/** A booking row (with its slot) as the meeting request it asks for. */
export function meetingRequestFor(booking: {
  id: string;
  method: MeetingMethodName;
  name: string;
  email: string;
  slot: { startsAt: Date; durationMinutes: number };
}): MeetingRequest {
  return {
    bookingId: booking.id,
    method: booking.method,
    startsAt: booking.slot.startsAt,
    durationMinutes: booking.slot.durationMinutes,
    attendeeName: booking.name,
    attendeeEmail: booking.email,
  };
}

export async function meetingLinkFor(request: MeetingRequest): Promise<MeetingLink> {
  const room: MeetingLink = { url: roomFor(request.method, await settings())?.url ?? null, externalId: null };
  const provider = providerFor(request.method);
  if (!provider) return room;
  const existing = await existingLink(request.bookingId);
  if (existing) return existing;
  try {
    const ms = env().MEETING_LINK_BUDGET_MS;
    const created = await withTimeout(
      provider.create(request),
      ms,
      () => new MeetingProviderError(provider.name, `no meeting within ${ms} ms`),
    );
    log("info", "meetings.created", { provider: provider.name, bookingId: request.bookingId });
    return created;
  } catch (error) {
    log("warn", "meetings.provider_failed_using_room", {
      provider: provider.name,
      bookingId: request.bookingId,
      error: errorDetail(error),
    });
    return room;
  }
}
