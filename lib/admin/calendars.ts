import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { calendarChoices, CalendarCheckError, checkCaldavCredentials, writeQueueCounts } from "@/lib/calendars/admin-ops";
import {
  createCaldavConnection,
  deleteConnection,
  EnvConnectionError,
  listConnections,
  updateConnectionCalendars,
} from "@/lib/calendars/connections";
import { stalePolicyText } from "@/lib/calendars/health";
import { refreshConnections } from "@/lib/calendars/refresh";

// The admin calendars page: connections with their health, refreshed on demand when the page
// opens (waited for at most CALENDAR_PAGE_REFRESH_MS; the refresh finishes in the background).

export async function calendarsPage() {
  const waitMs = env().CALENDAR_PAGE_REFRESH_MS;
  const [, choices] = await Promise.all([refreshConnections({ force: true, waitMs }), calendarChoices(waitMs)]);
  const [connections, queue] = await Promise.all([listConnections(), writeQueueCounts()]);
  return { connections, choices, queue, stalePolicy: stalePolicyText() };
}

/** Broken connections, for the dashboard. */
export async function brokenConnections() {
  return (await listConnections()).filter((c) => c.status === "BROKEN");
}

export async function addCaldavConnection(
  actor: AuditActor,
  input: { label: string; serverUrl: string; username: string; password: string },
) {
  try {
    await checkCaldavCredentials(input);
  } catch (error) {
    if (error instanceof CalendarCheckError) throw new AppError("validation_failed", error.message, { cause: error });
    throw error;
  }
  const { id } = await createCaldavConnection(input);
  await recordAudit(await getDb(), actor, {
    action: "calendar.connect",
    entityType: "calendar",
    entityId: id,
    after: { provider: "CALDAV", serverUrl: input.serverUrl, username: input.username },
  });
  await refreshConnections({ force: true, waitMs: env().CALENDAR_PAGE_REFRESH_MS });
  return id;
}

export async function chooseCalendars(actor: AuditActor, id: string, input: { busyCalendarIds: string[]; writeCalendarId: string | null }) {
  await updateConnectionCalendars(id, input);
  await recordAudit(await getDb(), actor, { action: "calendar.choose", entityType: "calendar", entityId: id, after: input });
  await refreshConnections({ force: true, waitMs: env().CALENDAR_PAGE_REFRESH_MS });
}

export async function removeConnection(actor: AuditActor, id: string) {
  try {
    await deleteConnection(id);
  } catch (error) {
    if (error instanceof EnvConnectionError) throw new AppError("invalid_transition", error.message, { cause: error });
    throw error;
  }
  await recordAudit(await getDb(), actor, { action: "calendar.remove", entityType: "calendar", entityId: id });
}
