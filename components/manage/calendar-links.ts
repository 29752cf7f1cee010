// "Add to calendar" links for Google and Outlook (web), built from the booking's UTC times.

export type CalendarEvent = { title: string; startsAt: string; endsAt: string; location: string; details: string };

const compactUtc = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");

export function googleCalendarUrl(event: CalendarEvent): string {
  const url = new URL("https://calendar.google.com/calendar/render");
  url.searchParams.set("action", "TEMPLATE");
  url.searchParams.set("text", event.title);
  url.searchParams.set("dates", `${compactUtc(event.startsAt)}/${compactUtc(event.endsAt)}`);
  url.searchParams.set("details", event.details);
  url.searchParams.set("location", event.location);
  return url.toString();
}

export function outlookCalendarUrl(event: CalendarEvent): string {
  const url = new URL("https://outlook.live.com/calendar/0/deeplink/compose");
  url.searchParams.set("path", "/calendar/action/compose");
  url.searchParams.set("rru", "addevent");
  url.searchParams.set("subject", event.title);
  url.searchParams.set("startdt", event.startsAt);
  url.searchParams.set("enddt", event.endsAt);
  url.searchParams.set("body", event.details);
  url.searchParams.set("location", event.location);
  return url.toString();
}
