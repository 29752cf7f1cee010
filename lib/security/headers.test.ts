import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./headers";

const base = { nonce: "abc123", stripe: false, production: true, development: false };

function directive(csp: string, name: string): string[] {
  const found = csp.split("; ").find((d) => d.startsWith(`${name} `) || d === name);
  return found ? found.split(" ").slice(1) : [];
}

describe("content security policy", () => {
  it("runs scripts only with the nonce, never unsafe-inline or eval in production", () => {
    const scripts = directive(contentSecurityPolicy(base), "script-src");
    expect(scripts).toContain("'nonce-abc123'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it("allows Stripe's domains only in Stripe mode", () => {
    expect(contentSecurityPolicy(base)).not.toContain("stripe.com");
    const stripe = contentSecurityPolicy({ ...base, stripe: true });
    expect(directive(stripe, "script-src")).toContain("https://js.stripe.com");
    expect(directive(stripe, "frame-src")).toContain("https://js.stripe.com");
    expect(directive(stripe, "connect-src")).toContain("https://api.stripe.com");
  });

  it("forbids framing and sets the referrer policy", () => {
    const headers = securityHeaders(base);
    expect(directive(headers["Content-Security-Policy"]!, "frame-ancestors")).toEqual(["'none'"]);
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS in production only", () => {
    expect(securityHeaders(base)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ ...base, production: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("lets only the allowed origins frame an embed page, and nothing frame the rest", () => {
    const embed = securityHeaders({ ...base, embedAncestors: ["https://shop.example.com", "http://127.0.0.2:3351"] });
    expect(directive(embed["Content-Security-Policy"]!, "frame-ancestors")).toEqual(["https://shop.example.com", "http://127.0.0.2:3351"]);
    expect(embed["X-Frame-Options"]).toBeUndefined();

    const noneListed = securityHeaders({ ...base, embedAncestors: [] });
    expect(directive(noneListed["Content-Security-Policy"]!, "frame-ancestors")).toEqual(["'none'"]);
    expect(noneListed["X-Frame-Options"]).toBe("DENY");

    const page = securityHeaders(base);
    expect(directive(page["Content-Security-Policy"]!, "frame-ancestors")).toEqual(["'none'"]);
    expect(page["X-Frame-Options"]).toBe("DENY");
  });
});
