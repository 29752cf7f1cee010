import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

// A browser that has signed in to an account before carries a signed device token for it
// (ADR 045). Its attempts are counted under the device, not under the IP or the account, so
// nobody without the token can use up the owner's allowance. Stateless: HMAC over
// account, random id and expiry with AUTH_SECRET.

export const LOGIN_DEVICE_COOKIE = "bk_admin_device";
export const LOGIN_DEVICE_DAYS = 180;

function sign(email: string, id: string, expires: number): string {
  return createHmac("sha256", authSecret()).update(`login-device:v1:${email}:${id}:${expires}`).digest("base64url");
}

export function issueDeviceToken(email: string, now: Date): string {
  const id = randomBytes(16).toString("base64url");
  const expires = Math.floor(now.getTime() / 1000) + LOGIN_DEVICE_DAYS * 86_400;
  return `${id}.${expires}.${sign(email, id, expires)}`;
}

/** The device id when the token was issued for this account and has not expired; else null. */
export function verifyDeviceToken(token: string | undefined, email: string, now: Date): string | null {
  const match = token && /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, expiresRaw, mac] = match as unknown as [string, string, string, string];
  const expires = Number(expiresRaw);
  if (expires * 1000 <= now.getTime()) return null;
  const expected = Buffer.from(sign(email, id, expires));
  const actual = Buffer.from(mac);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null;
}
