import { beforeEach, describe, expect, it, vi } from "vitest";
import { setRequestHeaders } from "@/tests/helpers/next-request-mock";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { adminSessionHeaders } from "@/tests/helpers/admin-fixtures";
import { useTestEnv } from "@/tests/fakes/meetings/test-env";
import { useOAuthCalendarFakes } from "@/tests/fakes/oauth/use-calendar-fakes";
import type { FakeGoogle } from "@/tests/fakes/google/fake-google-calendar";
import type { NewOAuthConnection } from "@/lib/calendars/oauth/complete";
import { GET as start } from "./[provider]/start/route";
import { GET as callback } from "./[provider]/callback/route";

// The connect flow through the real routes, the real OAuth client and the provider fakes:
// the browser's hops (start → provider → callback) are replayed by hand, cookie included.

vi.mock("next/headers", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextHeaders));
const completed: NewOAuthConnection[] = [];
vi.mock("@/lib/calendars/oauth/complete", () => ({
  completeOAuthConnection: async (connection: NewOAuthConnection) => {
    completed.push(connection);
  },
}));

useTestDatabase();
const setEnv = useTestEnv();
const APP = "http://127.0.0.1:3250";
const fakes = useOAuthCalendarFakes({ APP_URL: APP });
let google: FakeGoogle;
beforeEach(async () => {
  google = fakes.google;
  completed.length = 0;
  setRequestHeaders(await adminSessionHeaders());
});

const params = (provider: string) => ({ params: Promise.resolve({ provider }) });

/** /start, then the provider's consent (the fake's authorize endpoint answers at once). */
async function startFlow(provider: string) {
  const started = await start(new Request(`${APP}/api/admin/calendars/oauth/${provider}/start`), params(provider));
  expect(started.status).toBe(303);
  const setCookie = started.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0]!;
  const consent = await fetch(started.headers.get("location")!, { redirect: "manual" });
  expect(consent.status).toBe(302);
  return { started, setCookie, cookie, callbackUrl: new URL(consent.headers.get("location")!) };
}

const finish = (url: URL | string, cookie: string, provider = new URL(url).pathname.split("/")[5]!) =>
  callback(new Request(url, { headers: { cookie } }), params(provider));

const noticeOf = (response: Response) => {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location")!);
  expect(location.pathname).toBe("/admin/calendars");
  return location.searchParams.get("oauth");
};

describe("connect Google", () => {
  it("asks for offline access with PKCE S256 and the least scopes, in an httpOnly Lax cookie flow", async () => {
    const { started, setCookie } = await startFlow("google");
    const auth = new URL(started.headers.get("location")!);
    expect(auth.origin + auth.pathname).toBe(`${google.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      access_type: "offline",
      prompt: "consent",
      code_challenge_method: "S256",
      response_type: "code",
      redirect_uri: `${APP}/api/admin/calendars/oauth/google/callback`,
    });
    expect(auth.searchParams.get("scope")!.split(" ")).toEqual(
      expect.arrayContaining([
        "https://www.googleapis.com/auth/calendar.events.freebusy",
        "https://www.googleapis.com/auth/calendar.events.owned",
      ]),
    );
    expect(auth.searchParams.get("scope")).not.toMatch(/auth\/calendar( |$)/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).toMatch(/Path=\/api\/admin\/calendars\/oauth/);
  });

  it("a matching callback exchanges the code (verifier checked by the fake) and hands over the tokens and the account", async () => {
    const { cookie, callbackUrl } = await startFlow("google");
    const response = await finish(callbackUrl, cookie);
    expect(noticeOf(response)).toBe("connected");
    expect(response.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ kind: "GOOGLE", accountEmail: "owner@example.com" });
    expect(google.oauth.state.refreshTokens.has(completed[0]!.tokens.refreshToken)).toBe(true);
  });

  it("refuses a callback whose state does not match, before the code is used", async () => {
    const { cookie, callbackUrl } = await startFlow("google");
    const grants = google.oauth.state.grants.length;
    const forged = new URL(callbackUrl);
    forged.searchParams.set("state", "attacker-state");
    expect(noticeOf(await finish(forged, cookie))).toBe("state");
    expect(noticeOf(await finish(callbackUrl, ""))).toBe("state");
    expect(noticeOf(await finish(callbackUrl, `${cookie.slice(0, -3)}abc`))).toBe("state");
    expect(google.oauth.state.grants.length).toBe(grants);
    expect(completed).toHaveLength(0);
  });

  it("refuses a cookie started for the other provider", async () => {
    const { cookie, callbackUrl } = await startFlow("google");
    const elsewhere = new URL(callbackUrl.toString().replace("/google/", "/microsoft/"));
    expect(noticeOf(await finish(elsewhere, cookie, "microsoft"))).toBe("state");
  });

  it("a consent the admin declined, or a code the provider refuses, connects nothing", async () => {
    const { cookie, callbackUrl } = await startFlow("google");
    const declined = new URL(callbackUrl);
    declined.searchParams.delete("code");
    declined.searchParams.set("error", "access_denied");
    expect(noticeOf(await finish(declined, cookie))).toBe("denied");
    const reused = await startFlow("google");
    const spent = new URL(reused.callbackUrl);
    spent.searchParams.set("code", "code-made-up");
    expect(noticeOf(await finish(spent, reused.cookie))).toBe("refused");
    expect(completed).toHaveLength(0);
  });

  it("says so when the OAuth client is not configured", async () => {
    setEnv({ GOOGLE_CLIENT_SECRET: "" });
    const response = await start(new Request(`${APP}/api/admin/calendars/oauth/google/start`), params("google"));
    expect(noticeOf(response)).toBe("not_configured");
  });
});

describe("connect Microsoft", () => {
  it("asks for offline_access and reads the account from Graph /me", async () => {
    const { started, cookie, callbackUrl } = await startFlow("microsoft");
    const auth = new URL(started.headers.get("location")!);
    expect(auth.pathname).toBe("/common/oauth2/v2.0/authorize");
    expect(auth.searchParams.get("scope")!.split(" ")).toEqual(expect.arrayContaining(["offline_access", "Calendars.ReadWrite"]));
    expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
    expect(noticeOf(await finish(callbackUrl, cookie))).toBe("connected");
    expect(completed[0]).toMatchObject({ kind: "MICROSOFT", accountEmail: "owner@contoso.example" });
  });
});

describe("guards", () => {
  it("both routes answer 401 without an admin session, and 404 for an unknown provider", async () => {
    setRequestHeaders(new Headers());
    expect((await start(new Request(`${APP}/x`), params("google"))).status).toBe(401);
    expect((await callback(new Request(`${APP}/x?code=a&state=b`), params("google"))).status).toBe(401);
    setRequestHeaders(await adminSessionHeaders());
    expect((await start(new Request(`${APP}/x`), params("yahoo"))).status).toBe(404);
  });
});
