import { isIP } from "node:net";
import type { TrustProxy } from "@/lib/env";

// The client's address, read only from what this deployment's own edge wrote (ADR 046).
// Pure functions: the request scope (next/headers) and the start wrapper call them.

/** Every client whose address cannot be told shares this one bucket. */
export const UNKNOWN_CLIENT = "unknown";

/** Canonical form of one address as a proxy or a socket spells it, or null when it is not one. */
export function normalizeIp(raw: string | null | undefined): string | null {
  let s = raw?.trim().replace(/^"(.*)"$/, "$1") ?? "";
  if (!s) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  if (isIP(s) === 4) return s;
  if (isIP(s) !== 6 || s.includes("%")) return null;
  // One address, one spelling: "2001:DB8:0:0::1" and "2001:db8::1" must share a key.
  const v6 = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (!mapped) return v6;
  const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/**
 * The rate-limit subject for an address: IPv4 as is; IPv6 by its /64, since one subscriber
 * is routinely given a whole /64 and could otherwise rotate through it.
 */
export function rateLimitSubject(ip: string | null): string {
  // `ip` comes from normalizeIp, so an IPv6 address is in its compressed form.
  if (!ip) return UNKNOWN_CLIENT;
  if (!ip.includes(":")) return ip;
  const [head, tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail ? tail.split(":") : [];
  const full = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${full.slice(0, 4).join(":")}::/64`;
}

function forwardedFor(headers: Headers): string[] {
  const value = headers.get("x-forwarded-for");
  return value ? value.split(",").map((entry) => entry.trim()) : [];
}

/** The client's address under the deployment's TRUST_PROXY rule. */
export function clientAddress(headers: Headers, trust: TrustProxy): string | null {
  const chain = forwardedFor(headers);
  switch (trust.kind) {
    // Vercel's edge overwrites both headers with the address it accepted the connection from.
    case "vercel":
      return normalizeIp(headers.get("x-real-ip")) ?? normalizeIp(chain[0]);
    // The start wrapper replaced the header with the socket's peer (scripts/start.ts).
    case "none":
      return normalizeIp(chain.at(-1));
    // Each trusted proxy appends the address it saw; entries further left are the client's
    // to write. A shorter chain than configured came through fewer proxies: its first entry
    // was still written by one of ours.
    case "hops":
      return normalizeIp(chain[Math.max(0, chain.length - trust.hops)]);
  }
}

/** The key rate limits count this client under. */
export function clientIpFrom(headers: Headers, trust: TrustProxy): string {
  return rateLimitSubject(clientAddress(headers, trust));
}

type NodeHeaders = Record<string, string | string[] | undefined>;

const CLIENT_WRITTEN_UNDER_NONE = ["x-real-ip", "forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * For the start wrapper, before Next sees the request: under `none` no proxy wrote the
 * forwarding headers, the client did. The address becomes the TCP peer's; the rest is
 * dropped, and Next fills host, proto and port in from the connection itself.
 */
export function pinForwardingHeaders(headers: NodeHeaders, peer: string | undefined, trust: TrustProxy): void {
  if (trust.kind !== "none") return;
  headers["x-forwarded-for"] = normalizeIp(peer) ?? UNKNOWN_CLIENT;
  for (const name of CLIENT_WRITTEN_UNDER_NONE) delete headers[name];
}
