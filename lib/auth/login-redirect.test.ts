import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { adminLoginRedirect } from "./login-redirect";

const request = (path: string, cookie?: string) =>
  new NextRequest(new URL(path, "http://127.0.0.1:3000"), { headers: cookie ? { cookie } : {} });

describe("adminLoginRedirect", () => {
  it("sends a cookieless admin request to the login page, keeping where it was going", () => {
    const response = adminLoginRedirect(request("/admin/bookings?status=CONFIRMED"));
    expect(response?.status).toBe(307);
    const location = new URL(response!.headers.get("location")!);
    expect(`${location.pathname}${location.search}`).toBe("/admin/login?next=%2Fadmin%2Fbookings%3Fstatus%3DCONFIRMED");
  });

  it("lets the login page, non-admin pages and requests with a session cookie through", () => {
    expect(adminLoginRedirect(request("/admin/login"))).toBeNull();
    expect(adminLoginRedirect(request("/contact"))).toBeNull();
    expect(adminLoginRedirect(request("/administrator"))).toBeNull();
    expect(adminLoginRedirect(request("/admin", "__Secure-consult.session_token=abc"))).toBeNull();
    expect(adminLoginRedirect(request("/admin", "consult.session_token=abc"))).toBeNull();
  });
});
