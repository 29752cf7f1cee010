export type ProviderKind = "GOOGLE" | "MICROSOFT" | "CALDAV";
export type TimeRange = { start: Date; end: Date };
export type BusyInterval = TimeRange & { eventUid?: string | null }; // uid when the provider gives one
export type CalendarSummary = { id: string; name: string; primary: boolean; canWrite: boolean };
export type CalendarEventInput = {
  uid: string; // stable per booking (the invite UID), used for idempotency
  sequence: number; // increases on each change
  title: string;
  start: Date;
  end: Date;
  location: string | null;
  description: string;
  attendee: { email: string; name: string } | null;
};
export interface CalendarProvider {
  readonly kind: ProviderKind;
  listCalendars(): Promise<CalendarSummary[]>;
  busy(range: TimeRange, calendarIds: string[]): Promise<BusyInterval[]>;
  /** Create or update; `existingEventId` is what an earlier upsert returned. Must be idempotent by uid. */
  upsertEvent(calendarId: string, event: CalendarEventInput, existingEventId: string | null): Promise<{ eventId: string }>;
  /** Deleting an event that is already gone is success. */
  deleteEvent(calendarId: string, eventId: string, uid: string): Promise<void>;
}
/** The credentials no longer work (revoked/expired refresh token, 401 on app password): needs the admin. */
export class CalendarAuthError extends Error {
  readonly kind = "auth" as const;
}
/** The provider failed or timed out: retry later. */
export class CalendarUnavailableError extends Error {
  readonly kind = "unavailable" as const;
}
