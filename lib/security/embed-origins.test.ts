import { describe, expect, it } from "vitest";
import { canonicalOrigin, isAllowedOrigin, isEmbedPath, parseOriginList } from "./embed-origins";

describe("embed origins", () => {
  it("accepts plain http(s) origins and canonicalises them", () => {
    expect(canonicalOrigin("https://Shop.Example.com/")).toBe("https://shop.example.com");
    expect(canonicalOrigin("http://127.0.0.2:3351")).toBe("http://127.0.0.2:3351");
    expect(canonicalOrigin("https://shop.example.com:443")).toBe("https://shop.example.com");
  });

  it("refuses paths, wildcards, credentials, queries and other schemes", () => {
    for (const bad of [
      "https://shop.example.com/page",
      "https://*.example.com",
      "https://user:pw@shop.example.com",
      "https://shop.example.com?x=1",
      "https://shop.example.com#x",
      "javascript:alert(1)",
      "data:text/html,hi",
      "shop.example.com",
      "*",
      "'self'",
      "https://a.com; script-src *",
    ]) {
      expect(canonicalOrigin(bad), bad).toBeNull();
    }
  });

  it("parses a comma or space separated list and reports the bad entries", () => {
    expect(parseOriginList("https://a.example, https://b.example https://a.example/")).toEqual({
      ok: true,
      origins: ["https://a.example", "https://b.example"],
    });
    expect(parseOriginList("")).toEqual({ ok: true, origins: [] });
    expect(parseOriginList("https://a.example,*")).toEqual({ ok: false, invalid: ["*"] });
  });

  it("matches an origin exactly, never by prefix or suffix", () => {
    const allowed = ["https://shop.example.com"];
    expect(isAllowedOrigin("https://shop.example.com", allowed)).toBe(true);
    expect(isAllowedOrigin("https://shop.example.com.evil.test", allowed)).toBe(false);
    expect(isAllowedOrigin("https://evil.shop.example.com", allowed)).toBe(false);
    expect(isAllowedOrigin("http://shop.example.com", allowed)).toBe(false);
    expect(isAllowedOrigin("https://shop.example.com:8443", allowed)).toBe(false);
    expect(isAllowedOrigin("https://shop.example.com/path", allowed)).toBe(false);
    expect(isAllowedOrigin("null", allowed)).toBe(false);
    expect(isAllowedOrigin(undefined, allowed)).toBe(false);
  });

  it("treats /embed and its sub-routes as embed pages, nothing else", () => {
    expect(isEmbedPath("/embed")).toBe(true);
    expect(isEmbedPath("/embed/booking/abc")).toBe(true);
    expect(isEmbedPath("/embed.js")).toBe(false);
    expect(isEmbedPath("/embedded")).toBe(false);
    expect(isEmbedPath("/contact")).toBe(false);
  });
});
