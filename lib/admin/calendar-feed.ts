import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { subDays } from "date-fns";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { settings } from "@/lib/settings/settings";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { sha256Hex } from "@/lib/booking/ids";
import { calendarFeedText } from "./calendar-feed-ics";

// The admins' calendar subscription: a secret URL (Google and Outlook cannot send a
// cookie) listing confirmed bookings. Only the token's SHA-256 is stored, so the URL is
// shown once, when it is created or rotated; rotating makes the old URL stop working.

export const FEED_SETTING_KEY = "calendar_feed_token_sha256";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HISTORY_DAYS = 60;

export function calendarFeedUrl(token: string): string {
  return new URL(`/api/calendar-feed/${token}.ics`, env().APP_URL).toString();
}

export async function calendarFeedStatus(): Promise<{ configured: boolean; rotatedAt: Date | null }> {
  const db = await getDb();
  const setting = await db.appSetting.findUnique({ where: { key: FEED_SETTING_KEY } });
  return { configured: !!setting, rotatedAt: setting?.updatedAt ?? null };
}

/** Creates a new token (replacing any old one) and returns it; it is not stored in clear. */
export async function rotateCalendarFeedToken(actor: AuditActor): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const value = sha256Hex(token);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: FEED_SETTING_KEY } });
    await tx.appSetting.upsert({ where: { key: FEED_SETTING_KEY }, create: { key: FEED_SETTING_KEY, value }, update: { value } });
    await recordAudit(tx, actor, {
      action: before ? "calendar_feed.rotate" : "calendar_feed.create",
      entityType: "setting",
      entityId: FEED_SETTING_KEY,
      // Hash prefixes only: enough to tell tokens apart, useless to an attacker.
      before: before ? { tokenSha256Prefix: before.value.slice(0, 8) } : undefined,
      after: { tokenSha256Prefix: value.slice(0, 8) },
    });
  });
  return token;
}

/** Constant-time check of a presented token against the stored hash. */
export async function isValidFeedToken(presented: string): Promise<boolean> {
  const token = presented.replace(/\.ics$/, "");
  if (!TOKEN_PATTERN.test(token)) return false;
  const db = await getDb();
  const setting = await db.appSetting.findUnique({ where: { key: FEED_SETTING_KEY } });
  if (!setting) return false;
  const expected = Buffer.from(setting.value, "hex");
  const actual = Buffer.from(sha256Hex(token), "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** iCalendar text of confirmed bookings from the last 60 days onwards. */
export async function calendarFeedIcs(now = new Date()): Promise<string> {
  const e = env();
  const db = await getDb();
  const s = await settings(db);
  const bookings = await db.booking.findMany({
    where: { status: "CONFIRMED", slot: { startsAt: { gte: subDays(now, HISTORY_DAYS) } } },
    include: { slot: true },
    orderBy: { slot: { startsAt: "asc" } },
  });
  return calendarFeedText(bookings, { appUrl: e.APP_URL, businessName: s.BUSINESS_NAME, now });
}
