import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { settings } from "@/lib/settings/settings";
import { withTimeout } from "@/lib/timeout";
import { caldavProvider } from "./caldav/provider";
import { providerFor, type StoredConnection } from "./registry";
import { CalendarAuthError, type CalendarSummary } from "./provider";

// Provider reads the admin page needs, each bounded so a slow server never holds the page.

export type CalendarChoices = { connectionId: string; calendars: CalendarSummary[] | null; error: string | null };

/** The calendars of each connection, for the busy/write pickers; null with a reason when unreadable in time. */
export async function calendarChoices(waitMs: number): Promise<CalendarChoices[]> {
  const db = await getDb();
  const [rows, s] = await Promise.all([db.calendarConnection.findMany({ orderBy: { createdAt: "asc" } }), settings(db)]);
  return Promise.all(
    rows.map(async (row) => {
      try {
        const provider = providerFor(row as StoredConnection, { floatingZone: s.BUSINESS_TIME_ZONE });
        const calendars = await withTimeout(
          provider.listCalendars(),
          waitMs,
          () => new Error("The calendar list took too long; reload to try again."),
        );
        return { connectionId: row.id, calendars, error: null };
      } catch (error) {
        return {
          connectionId: row.id,
          calendars: null,
          error: error instanceof Error ? error.message : "The calendar list could not be read.",
        };
      }
    }),
  );
}

export class CalendarCheckError extends Error {}

/** Checks CalDAV credentials by listing the calendars (before anything is stored). */
export async function checkCaldavCredentials(input: { serverUrl: string; username: string; password: string }): Promise<CalendarSummary[]> {
  const floatingZone = (await settings()).BUSINESS_TIME_ZONE;
  const provider = caldavProvider(input, { timeoutMs: env().CALENDAR_PROVIDER_TIMEOUT_MS, floatingZone });
  try {
    return await provider.listCalendars();
  } catch (error) {
    if (error instanceof CalendarAuthError) throw new CalendarCheckError("The server refused this username or app password.");
    throw new CalendarCheckError("The CalDAV server could not be reached or did not list any calendars. Check the URL.");
  }
}

/** The write queue's backlog, for the admin page. */
export async function writeQueueCounts(): Promise<{ pending: number; failed: number }> {
  const db = await getDb();
  const [pending, failed] = await Promise.all([
    db.calendarWrite.count({ where: { status: { in: ["PENDING", "SENDING"] } } }),
    db.calendarWrite.count({ where: { status: "FAILED" } }),
  ]);
  return { pending, failed };
}
