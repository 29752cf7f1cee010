import "server-only";
import { addDays, subMinutes } from "date-fns";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { settings, type Settings } from "@/lib/settings/settings";
import { errorDetail, log } from "@/lib/log";
import { withTimeout } from "@/lib/timeout";
import { HEALTHY, syncEnvConnection } from "./connections";
import { recordFailure } from "./health";
import { providerFor, type StoredConnection } from "./registry";
import type { CalendarConnection } from "@/lib/db/generated/client";

// Refreshes the busy-time cache: for each connection, the busy intervals over the booking
// window replace the previous read in one transaction, with the window and when it was
// fetched. Only this job (scheduler, cron route, the admin page) talks to providers; the
// public slot routes read the cache. A failed read leaves the last good cache in place
// (what visitors see meanwhile is CALENDAR_STALE_POLICY, ADR 091) and goes to health.ts.

export type RefreshOutcome = "refreshed" | "failed" | "skipped";
export type RefreshSummary = { refreshed: number; failed: number; skipped: number };

/** The window a refresh reads: the booking window, plus a day for slots that end past it. */
function refreshWindow(now: Date, windowDays: number): { start: Date; end: Date } {
  return { start: subMinutes(now, 60), end: addDays(now, windowDays + 1) };
}

async function refreshConnection(connection: CalendarConnection, now: Date, s: Settings): Promise<RefreshOutcome> {
  const window = refreshWindow(now, s.BOOKING_WINDOW_DAYS);
  try {
    const provider = providerFor(connection as StoredConnection, { floatingZone: s.BUSINESS_TIME_ZONE });
    const busy = await provider.busy(window, connection.busyCalendarIds);
    const db = await getDb();
    await db.$transaction(async (tx) => {
      // The connection may have been removed meanwhile: then write nothing.
      const { count } = await tx.calendarConnection.updateMany({ where: { id: connection.id }, data: { ...HEALTHY, lastSyncAt: now } });
      if (count === 0) return;
      await tx.calendarBusyInterval.deleteMany({ where: { connectionId: connection.id } });
      await tx.calendarBusyInterval.createMany({
        data: busy.map((b) => ({ connectionId: connection.id, startsAt: b.start, endsAt: b.end, eventUid: b.eventUid ?? null })),
      });
      await tx.calendarBusyWindow.upsert({
        where: { connectionId: connection.id },
        create: { connectionId: connection.id, windowStart: window.start, windowEnd: window.end, fetchedAt: now },
        update: { windowStart: window.start, windowEnd: window.end, fetchedAt: now },
      });
    });
    log("info", "calendar.refreshed", { connectionId: connection.id, intervals: busy.length });
    return "refreshed";
  } catch (error) {
    log("warn", "calendar.refresh_failed", { connectionId: connection.id, error: errorDetail(error) });
    await recordFailure(connection, error, now, s);
    return "failed";
  }
}

/**
 * Refreshes every connection whose cache is older than CALENDAR_REFRESH_MINUTES (all of them
 * with `force`), side by side. Never throws for one connection's failure. With `waitMs`, stops
 * waiting after that long (the refreshes go on and write their results when they end).
 */
export async function refreshConnections(options: { now?: Date; force?: boolean; waitMs?: number } = {}): Promise<RefreshSummary> {
  const now = options.now ?? new Date();
  await syncEnvConnection();
  const db = await getDb();
  const dueBefore = subMinutes(now, env().CALENDAR_REFRESH_MINUTES);
  const connections = await db.calendarConnection.findMany({
    where: options.force ? {} : { OR: [{ lastSyncAt: null }, { lastSyncAt: { lte: dueBefore } }] },
    orderBy: { lastSyncAt: { sort: "asc", nulls: "first" } },
  });
  // A failing connection is tried again once per refresh period, not on every run.
  const due = connections.filter((c) => options.force || !c.lastErrorAt || c.lastErrorAt <= dueBefore);
  const summary: RefreshSummary = { refreshed: 0, failed: 0, skipped: connections.length - due.length };
  const s = due.length > 0 ? await settings(db) : undefined;
  const work = Promise.all(
    due.map(async (c) => {
      const outcome = await refreshConnection(c, now, s!);
      summary[outcome === "refreshed" ? "refreshed" : outcome === "failed" ? "failed" : "skipped"] += 1;
    }),
  );
  if (options.waitMs === undefined) {
    await work;
  } else {
    await withTimeout(work, options.waitMs, () => new Error("refresh still running")).catch(() => undefined);
  }
  return summary;
}
