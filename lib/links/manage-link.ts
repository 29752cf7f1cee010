import "server-only";
import { createHash, createHmac } from "node:crypto";
import { authSecret, env } from "@/lib/env";

// The visitor's self-service link. The token is an HMAC of the booking id and a version, so
// every email (confirmation, reminder, reschedule) can carry the same link without storing
// it in clear; the database stores only its SHA-256 for lookup. Bumping the version revokes
// all links sent so far. The token reveals nothing about the booking.

export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function manageToken(bookingId: string, version: number): string {
  return createHmac("sha256", authSecret()).update(`manage:v1:${bookingId}:${version}`).digest("base64url");
}

export function manageTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function manageUrl(bookingId: string, version: number): string {
  return new URL(`/booking/${manageToken(bookingId, version)}`, env().APP_URL).toString();
}
