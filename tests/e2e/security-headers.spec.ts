import { expect, test } from "./helpers/test";

// Every page carries the security headers, and the page still works under its CSP:
// Next's scripts run with the nonce, and nothing is blocked.

for (const path of ["/contact", "/admin/login", "/demo-room/zoom", `/booking/${"x".repeat(43)}`]) {
  test(`security headers on ${path}`, async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/script-src [^;]*'nonce-/);
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("stripe.com");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"]).toMatch(/max-age=/);
    // Next put the nonce on its own scripts.
    const scriptNonces = await page.locator("script[nonce]").count();
    expect(scriptNonces).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
}

test("a page in another site's frame is refused by policy", async ({ request }) => {
  const response = await request.get("/contact");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});
