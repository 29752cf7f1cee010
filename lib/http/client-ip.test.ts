import { describe, expect, it } from "vitest";
import type { TrustProxy } from "@/lib/env";
import { clientIpFrom, normalizeIp, pinForwardingHeaders, rateLimitSubject, UNKNOWN_CLIENT } from "./client-ip";

const NONE: TrustProxy = { kind: "none" };
const VERCEL: TrustProxy = { kind: "vercel" };
const hops = (n: number): TrustProxy => ({ kind: "hops", hops: n });
const h = (init: Record<string, string>) => new Headers(init);

describe("normalizeIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:7f00:1", "127.0.0.1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ['"[2001:db8::1]"', "2001:db8::1"],
    ["::1", "::1"],
  ])("%s -> %s", (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  it.each(["", "unknown", "1.2.3", "999.1.1.1", "1.2.3.4.5", "fe80::1%eth0", "<script>", "2001:db8::1::2", "a".repeat(300)])(
    "refuses %j",
    (raw) => {
      expect(normalizeIp(raw)).toBeNull();
    },
  );
});

describe("rateLimitSubject", () => {
  it("keys IPv4 by address and IPv6 by its /64", () => {
    expect(rateLimitSubject("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitSubject("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitSubject(null)).toBe(UNKNOWN_CLIENT);
  });
});

describe("clientIpFrom", () => {
  it("none: the address the start wrapper wrote (the last entry), whatever the client added", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "198.51.100.9" }), NONE)).toBe("198.51.100.9");
    // Without the wrapper a client-written list would still end in the nearest hop's entry.
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" }), NONE)).toBe("198.51.100.9");
    expect(clientIpFrom(h({ "x-real-ip": "6.6.6.6" }), NONE)).toBe(UNKNOWN_CLIENT);
    expect(clientIpFrom(h({}), NONE)).toBe(UNKNOWN_CLIENT);
  });

  it("vercel: the edge's x-real-ip, else its single x-forwarded-for entry", () => {
    expect(clientIpFrom(h({ "x-real-ip": "198.51.100.9", "x-forwarded-for": "198.51.100.9" }), VERCEL)).toBe("198.51.100.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "198.51.100.9" }), VERCEL)).toBe("198.51.100.9");
    expect(clientIpFrom(h({ "x-real-ip": "garbage", "x-forwarded-for": "198.51.100.9" }), VERCEL)).toBe("198.51.100.9");
  });

  it("N hops: the Nth entry from the right; entries the client prepends change nothing", () => {
    const behindNginx = (spoof: string) => h({ "x-forwarded-for": `${spoof}198.51.100.9` });
    expect(clientIpFrom(behindNginx(""), hops(1))).toBe("198.51.100.9");
    expect(clientIpFrom(behindNginx("1.1.1.1, "), hops(1))).toBe("198.51.100.9");
    expect(clientIpFrom(behindNginx("1.1.1.1, 2.2.2.2, 3.3.3.3, "), hops(1))).toBe("198.51.100.9");
    // Cloudflare then nginx: the client's entry is second from the right.
    const twoHops = h({ "x-forwarded-for": "6.6.6.6, 198.51.100.9, 172.64.0.1" });
    expect(clientIpFrom(twoHops, hops(2))).toBe("198.51.100.9");
  });

  it("N larger than the list: the first entry, which one of our proxies wrote", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "198.51.100.9" }), hops(3))).toBe("198.51.100.9");
    expect(clientIpFrom(h({}), hops(2))).toBe(UNKNOWN_CLIENT);
  });

  it("a malformed chosen entry is not trusted as an address; malformed entries further left do not shift the count", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "1.1.1.1, not-an-ip" }), hops(1))).toBe(UNKNOWN_CLIENT);
    expect(clientIpFrom(h({ "x-forwarded-for": "garbage,, <x>, 198.51.100.9" }), hops(1))).toBe("198.51.100.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "198.51.100.9:4711" }), hops(1))).toBe("198.51.100.9");
  });

  it("IPv6 clients are keyed by their /64 in every mode", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "2001:db8:1:2::99" }), NONE)).toBe("2001:db8:1:2::/64");
    expect(clientIpFrom(h({ "x-real-ip": "2001:db8:1:2::98" }), VERCEL)).toBe("2001:db8:1:2::/64");
    expect(clientIpFrom(h({ "x-forwarded-for": "1.1.1.1, [2001:db8:1:2::97]:80" }), hops(1))).toBe("2001:db8:1:2::/64");
  });
});

describe("pinForwardingHeaders", () => {
  it("none: replaces what the client wrote with the socket's peer", () => {
    const headers: Record<string, string | string[] | undefined> = {
      "x-forwarded-for": "6.6.6.6",
      "x-real-ip": "6.6.6.6",
      forwarded: "for=6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      host: "example.com",
    };
    pinForwardingHeaders(headers, "::ffff:198.51.100.9", NONE);
    expect(headers).toEqual({ "x-forwarded-for": "198.51.100.9", host: "example.com" });
    expect(clientIpFrom(new Headers(headers as Record<string, string>), NONE)).toBe("198.51.100.9");
  });

  it("leaves the headers to the trusted proxies otherwise", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.9" };
    pinForwardingHeaders(headers, "10.0.0.2", hops(1));
    pinForwardingHeaders(headers, "10.0.0.2", VERCEL);
    expect(headers).toEqual({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" });
  });
});
