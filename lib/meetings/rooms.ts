import "server-only";
import { env, isProduction } from "@/lib/env";
import { MEETING_METHODS, type MeetingMethodName } from "@/lib/meeting-methods";
import { providerFor } from "./providers";

// Where each method meets. By default the business's own room URL per method; a method
// with no room (and no API adapter configured) is not offered. Outside production, an
// unconfigured video method falls back to a clearly labelled demo room page of this app,
// never to a made-up meeting id.

export type MethodRoom = { method: MeetingMethodName; url: string; isDemo: boolean };

function configuredRoom(method: MeetingMethodName): string | undefined {
  const e = env();
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

export function roomFor(method: MeetingMethodName): MethodRoom | undefined {
  const url = configuredRoom(method);
  if (url) return { method, url, isDemo: false };
  if (method === "PHONE" || isProduction()) return undefined;
  return { method, url: new URL(`/demo-room/${method.toLowerCase()}`, env().APP_URL).toString(), isDemo: true };
}

/** Methods visitors may choose, in display order: those with a room or an API adapter. */
export function offeredMethods(): MeetingMethodName[] {
  return MEETING_METHODS.filter((m) => roomFor(m) !== undefined || providerFor(m) !== undefined);
}
