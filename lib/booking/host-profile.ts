import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import { offeredMethods } from "@/lib/meetings/rooms";
import type { Settings } from "@/lib/settings/settings";

/** Who the visitor is booking with: the host panel beside the calendar on /contact. */
export type HostProfile = {
  name: string;
  description: string;
  /** A file served from public/ ("/logo.svg"), or null for the name's initials. */
  logoPath: string | null;
  /** The methods this server can run, in display order. */
  methods: MeetingMethodName[];
};

// The one reader of the host's details (ADR 083), from the request's settings snapshot
// (environment defaults with what /admin/settings saved, ADR 100).
export function hostProfile(e: Settings): HostProfile {
  const logo = e.BUSINESS_LOGO_PATH;
  // A missing file would show as a broken image: fall back to the initials instead.
  const logoPath = logo && existsSync(path.join(process.cwd(), "public", logo)) ? logo : null;
  return { name: e.BUSINESS_NAME, description: e.BUSINESS_DESCRIPTION, logoPath, methods: offeredMethods(e) };
}
