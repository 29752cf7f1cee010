import { requireAdminPage } from "@/lib/auth/require-admin";
import { calendarFeedStatus } from "@/lib/admin/calendar-feed";
import { settings } from "@/lib/settings/settings";
import { ActionForm } from "../../_components/action-form";
import { PageHeader, Section, When } from "../../_components/ui";
import { rotateFeedTokenAction } from "./actions";

export const metadata = { title: "Calendar feed" };

export default async function CalendarFeedPage() {
  await requireAdminPage();
  const status = await calendarFeedStatus();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  return (
    <>
      <PageHeader title="Calendar feed" />
      <Section title="Subscribe to confirmed bookings">
        <p className="mb-2 text-sm">
          A secret iCalendar URL listing confirmed bookings. Add it in Google Calendar (Other calendars → From URL) or Outlook (Add calendar
          → Subscribe from web). Calendars refresh it every few hours.
        </p>
        <p className="mb-4 text-sm">
          {status.configured && status.rotatedAt ? (
            <>
              A feed URL exists (created <When at={status.rotatedAt} timeZone={timeZone} />
              ). For safety only its fingerprint is stored, so it cannot be shown again; create a new one if you lost it.
            </>
          ) : (
            "No feed URL exists yet."
          )}
        </p>
        <ActionForm
          action={rotateFeedTokenAction}
          submitLabel={status.configured ? "Rotate feed URL…" : "Create feed URL"}
          confirm={
            status.configured
              ? { question: "Create a new URL? Calendars using the old one will stop updating.", confirmLabel: "Yes, rotate" }
              : undefined
          }
        />
      </Section>
    </>
  );
}
