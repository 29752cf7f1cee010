import { addDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { issueDeviceToken, LOGIN_DEVICE_DAYS, verifyDeviceToken } from "./login-device";

const now = new Date("2030-01-01T12:00:00Z");

describe("device tokens", () => {
  it("verify for the account they were issued for, until they expire", () => {
    const token = issueDeviceToken("owner@example.com", now);
    const id = verifyDeviceToken(token, "owner@example.com", now);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyDeviceToken(token, "owner@example.com", addDays(now, LOGIN_DEVICE_DAYS - 1))).toBe(id);
    expect(verifyDeviceToken(token, "owner@example.com", addDays(now, LOGIN_DEVICE_DAYS))).toBeNull();
  });

  it("refuse another account's token, a tampered one and garbage", () => {
    const token = issueDeviceToken("owner@example.com", now);
    expect(verifyDeviceToken(token, "other@example.com", now)).toBeNull();
    const [id, expires, mac] = token.split(".");
    expect(verifyDeviceToken(`${id}.${Number(expires) + 86_400}.${mac}`, "owner@example.com", now)).toBeNull();
    expect(verifyDeviceToken(`${"A".repeat(22)}.${expires}.${mac}`, "owner@example.com", now)).toBeNull();
    for (const bad of [undefined, "", "x", `${token}x`, "a.b.c"]) expect(verifyDeviceToken(bad, "owner@example.com", now)).toBeNull();
  });
});
