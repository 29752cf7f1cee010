import "server-only";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import type { MeetingProvider } from "../types";
import { googleMeetProvider } from "./google-meet";
import { teamsProvider } from "./teams";
import { zoomProvider } from "./zoom";

const PROVIDERS: Partial<Record<MeetingMethodName, MeetingProvider>> = {
  ZOOM: zoomProvider,
  TEAMS: teamsProvider,
  GOOGLE_MEET: googleMeetProvider,
};

/** The API adapter for a method, when its credentials are set. */
export function providerFor(method: MeetingMethodName): MeetingProvider | undefined {
  const provider = PROVIDERS[method];
  return provider?.configured() ? provider : undefined;
}
