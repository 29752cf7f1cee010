import "server-only";
import { differenceInMinutes } from "date-fns";
import { getDb } from "@/lib/db";
import type { CalendarConnection } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { Settings } from "@/lib/settings/settings";
import { errorDetail, log } from "@/lib/log";
import { formatInZone } from "@/lib/time-zones";
import { enqueueAdminEmail } from "@/lib/email/outbox";
import { CalendarAuthError } from "./provider";

// Never silent (ADR 091). A failed refresh is recorded on the connection. It is BROKEN at
// once on an auth error (only the admin can fix it) or once it has failed for
// CALENDAR_FAILURE_THRESHOLD_MINUTES. Becoming broken shows it on the dashboard and queues
// one email: notifiedBrokenAt is set by a conditional UPDATE in the email's transaction, so
// concurrent refreshes and every later failed refresh queue nothing. A good refresh clears
// it all (connections.ts HEALTHY), so the next outage emails again.

const REASON_LENGTH = 500;

/** What visitors see while a connection cannot be read, in words (the email and the admin page). */
export function stalePolicyText(): string {
  const e = env();
  if (e.CALENDAR_STALE_POLICY === "keep") {
    return "Slots keep being offered from the last good copy of your busy times, however old it gets.";
  }
  const hours = Math.round((e.CALENDAR_CACHE_MAX_AGE_MINUTES / 60) * 10) / 10;
  return `Slots are offered from the last good copy of your busy times for up to ${hours} hours; after that the times that copy covered are hidden until it syncs again.`;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, REASON_LENGTH);
}

export async function recordFailure(connection: CalendarConnection, error: unknown, now: Date, s: Settings): Promise<void> {
  const e = env();
  const db = await getDb();
  const failingSince = connection.failingSince ?? now;
  const auth = error instanceof CalendarAuthError;
  const broken = auth || differenceInMinutes(now, failingSince) >= e.CALENDAR_FAILURE_THRESHOLD_MINUTES;
  const reason = reasonOf(error);
  await db.$transaction(async (tx) => {
    const { count } = await tx.calendarConnection.updateMany({
      where: { id: connection.id },
      data: {
        failingSince,
        lastErrorAt: now,
        lastError: reason,
        ...(broken ? { status: "BROKEN", brokenReason: reason, brokenSince: connection.brokenSince ?? failingSince } : {}),
      },
    });
    if (count === 0 || !broken) return;
    const claimed = await tx.calendarConnection.updateMany({
      where: { id: connection.id, status: "BROKEN", notifiedBrokenAt: null },
      data: { notifiedBrokenAt: now },
    });
    if (claimed.count === 0) return;
    log("error", "calendar.connection_broken", { connectionId: connection.id, reason: errorDetail(error) });
    if (!s.ADMIN_NOTIFY_EMAIL) return;
    const since = connection.brokenSince ?? failingSince;
    await enqueueAdminEmail(tx, {
      kind: "admin_calendar_broken",
      key: `${connection.id}:${since.toISOString()}`,
      to: s.ADMIN_NOTIFY_EMAIL,
      payload: {
        businessName: s.BUSINESS_NAME,
        connectionLabel: connection.label,
        reason,
        since: formatInZone(since, s.BUSINESS_TIME_ZONE),
        visitorEffect: stalePolicyText(),
        adminUrl: new URL("/admin/calendars", e.APP_URL).toString(),
      },
    });
  });
}
