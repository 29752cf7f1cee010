// Which sites may frame the booking widget (/embed) and receive its messages (ADR 113).
// Pure, client-safe: the proxy builds frame-ancestors from it, the embed page checks the
// parent origin it was given against it, and the env/settings schema validates the list.

/** Canonical origin ("https://shop.example.com", no path, no trailing slash) or null. */
export function canonicalOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // An origin is scheme, host and port only: anything more is a mistake, not a wildcard.
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  if (value.includes("*")) return null;
  return url.origin;
}

export type OriginListResult = { ok: true; origins: string[] } | { ok: false; invalid: string[] };

/** Parses a comma or whitespace separated list of origins; every entry must be a plain origin. */
export function parseOriginList(value: string): OriginListResult {
  const entries = value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const invalid = entries.filter((s) => canonicalOrigin(s) === null);
  if (invalid.length > 0) return { ok: false, invalid };
  return { ok: true, origins: [...new Set(entries.map((s) => canonicalOrigin(s)!))] };
}

/** Whether `origin` (as a browser reports it) is exactly one of the allowed origins. */
export function isAllowedOrigin(origin: string | null | undefined, allowed: readonly string[]): origin is string {
  if (!origin) return false;
  const canonical = canonicalOrigin(origin);
  return canonical !== null && canonical === origin.replace(/\/$/, "") && allowed.includes(canonical);
}

/** The embed pages: /embed and anything under it (not /embed.js). */
export function isEmbedPath(pathname: string): boolean {
  return pathname === "/embed" || pathname.startsWith("/embed/");
}
