import "server-only";
import { isAllowedOrigin } from "@/lib/security/embed-origins";
import { settings } from "@/lib/settings/settings";

/**
 * The host page's origin as the embed was given it, if it is one of EMBED_ALLOWED_ORIGINS; else
 * null (the frame then posts nothing). frame-ancestors has already refused any other framing
 * site, and postMessage to this origin reaches nobody if the real parent is another one.
 */
export async function verifiedParent(value: unknown): Promise<string | null> {
  if (typeof value !== "string") return null;
  return isAllowedOrigin(value, (await settings()).EMBED_ALLOWED_ORIGINS) ? value : null;
}
