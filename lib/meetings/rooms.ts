import "server-only";
import { env, isProduction } from "@/lib/env";
import type { Settings } from "@/lib/settings/settings";
import { MEETING_METHODS, type MeetingMethodName } from "@/lib/meeting-methods";
import { providerFor } from "./providers";

// Where each method meets. By default the business's own room URL per method; a method
// with no room (and no API adapter configured) is not offered. Outside production, an
// unconfigured video method falls back to a clearly labelled demo room page of this app,
// never to a made-up meeting id.

export type MethodRoom = { method: MeetingMethodName; url: string; isDemo: boolean };

// Rooms and the enabled methods are business settings (lib/settings): callers pass the
// request's snapshot, so every reader of one request agrees.
type RoomSettings = Pick<
  Settings,
  "BUSINESS_PHONE" | "ZOOM_MEETING_URL" | "TEAMS_MEETING_URL" | "GOOGLE_MEET_URL" | "MEETING_METHODS_ENABLED"
>;

function configuredRoom(method: MeetingMethodName, e: RoomSettings): string | undefined {
  switch (method) {
    case "PHONE":
      return e.BUSINESS_PHONE ? `tel:${e.BUSINESS_PHONE.replace(/[^\d+]/g, "")}` : undefined;
    case "ZOOM":
      return e.ZOOM_MEETING_URL;
    case "TEAMS":
      return e.TEAMS_MEETING_URL;
    case "GOOGLE_MEET":
      return e.GOOGLE_MEET_URL;
  }
}

export function roomFor(method: MeetingMethodName, s: RoomSettings): MethodRoom | undefined {
  const url = configuredRoom(method, s);
  if (url) return { method, url, isDemo: false };
  if (method === "PHONE" || isProduction()) return undefined;
  return { method, url: new URL(`/demo-room/${method.toLowerCase()}`, env().APP_URL).toString(), isDemo: true };
}

/** Methods visitors may choose, in display order: enabled ones with a room or an API adapter. */
export function offeredMethods(s: RoomSettings): MeetingMethodName[] {
  return MEETING_METHODS.filter(
    (m) => s.MEETING_METHODS_ENABLED.includes(m) && (roomFor(m, s) !== undefined || providerFor(m) !== undefined),
  );
}
