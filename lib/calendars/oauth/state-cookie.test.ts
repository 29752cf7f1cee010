import { describe, expect, it } from "vitest";
import { openAttempt, readCookie, sealAttempt } from "./state-cookie";

const attempt = { kind: "GOOGLE" as const, state: "s".repeat(43), verifier: "v".repeat(43), adminId: "admin-1" };
const now = new Date("2027-01-13T15:00:00Z");

describe("the OAuth attempt cookie", () => {
  it("opens what it sealed, for ten minutes", () => {
    const sealed = sealAttempt(attempt, now);
    expect(openAttempt(sealed, now)).toEqual(attempt);
    expect(openAttempt(sealed, new Date(now.getTime() + 9 * 60_000))).toEqual(attempt);
    expect(openAttempt(sealed, new Date(now.getTime() + 10 * 60_000))).toBeNull();
  });

  it("refuses a changed payload or signature", () => {
    const [body, mac] = sealAttempt(attempt, now).split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...attempt, adminId: "admin-2", expires: 9_999_999_999 })).toString("base64url");
    expect(openAttempt(`${forged}.${mac}`, now)).toBeNull();
    expect(openAttempt(`${body}.${mac.slice(0, -2)}AA`, now)).toBeNull();
    expect(openAttempt(undefined, now)).toBeNull();
    expect(openAttempt("garbage", now)).toBeNull();
  });

  it("reads one cookie out of a Cookie header", () => {
    const request = new Request("http://x", { headers: { cookie: "a=1; bk_calendar_oauth=abc.def=; b=2" } });
    expect(readCookie(request, "bk_calendar_oauth")).toBe("abc.def=");
    expect(readCookie(request, "missing")).toBeUndefined();
  });
});
