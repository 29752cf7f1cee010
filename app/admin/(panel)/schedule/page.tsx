import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { settings } from "@/lib/settings/settings";
import { loadSchedule } from "@/lib/schedule/schedule-store";
import { previewScheduleSync } from "@/lib/schedule/sync";
import { describeKept } from "@/lib/schedule/describe-report";
import { WEEKDAYS, WEEKDAY_NAMES, formatRanges } from "@/lib/schedule/schedule-input";
import { MEETING_METHODS, METHOD_INFO } from "@/lib/meeting-methods";
import { formatDecimalAmount } from "@/lib/format";
import { ActionForm } from "../../_components/action-form";
import { ChoiceGroup, Field } from "../../_components/fields";
import { DataTable, Empty, PageHeader, Section, linkClass, tdClass } from "../../_components/ui";
import { removeDateOverrideAction, saveDateOverrideAction, saveWeeklyScheduleAction } from "./actions";

export const metadata = { title: "Weekly schedule" };

const HOURS_HINT = "Ranges like 09:00-12:00, 13:00-17:00. Empty: closed that day.";
const weekdayOf = (dateKey: string) => new Date(`${dateKey}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });

export default async function SchedulePage() {
  await requireAdminPage();
  const [schedule, s] = await Promise.all([loadSchedule(), settings()]);
  const timeZone = s.BUSINESS_TIME_ZONE;
  // Booked slots the current schedule no longer covers: kept, and shown until resolved.
  const outside = await previewScheduleSync(schedule);
  const keptText = describeKept(outside, timeZone);
  const allMethods = MEETING_METHODS.map((m) => ({ value: m, label: METHOD_INFO[m].label }));

  return (
    <>
      <PageHeader title="Weekly schedule">
        <p className="text-sm text-slate-700">
          Times in {timeZone}; slots are kept for the next {s.BOOKING_WINDOW_DAYS} days
        </p>
      </PageHeader>
      {!schedule.saved ? (
        <p className="mb-4 rounded bg-sky-50 p-2 text-sm text-sky-900">
          No schedule saved yet: these are the defaults. Saving makes the schedule manage its slots from now on.
        </p>
      ) : null}

      <Section title="Weekly hours" id="weekly">
        <p className="mb-3 text-sm text-slate-700">
          Saving creates the missing slots at once and closes free slots that no longer fit. Booked slots are never removed; the ones that
          no longer fit are listed below. Slots you made or edited on the Slots page are left alone.
        </p>
        <ActionForm action={saveWeeklyScheduleAction} submitLabel="Save and update slots" pendingLabel="Saving…">
          <div className="grid gap-3 sm:grid-cols-2">
            {WEEKDAYS.map((day) => (
              <Field
                key={day}
                label={WEEKDAY_NAMES[day - 1]!}
                name={`hours${day}`}
                hint={HOURS_HINT}
                defaultValue={formatRanges(schedule.weekly.filter((r) => r.weekday === day))}
              />
            ))}
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field
              label="Meeting length (minutes)"
              name="durationMinutes"
              type="number"
              min={5}
              max={480}
              required
              defaultValue={schedule.durationMinutes}
            />
            <Field label="Fee (0 for free)" name="amount" inputMode="decimal" defaultValue={formatDecimalAmount(schedule.priceCents)} />
            <Field label="Currency" name="currency" maxLength={3} required defaultValue={schedule.currency.toUpperCase()} />
          </div>
          <ChoiceGroup legend="Meeting methods" name="methods" type="checkbox" options={allMethods} defaultValues={schedule.methods} />
          <button
            type="submit"
            name="intent"
            value="preview"
            className="mr-2 rounded border border-slate-400 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100"
          >
            Preview changes
          </button>
        </ActionForm>
      </Section>

      <Section title="Date overrides" id="overrides">
        {schedule.overrides.length ? (
          <DataTable
            caption="Date overrides"
            columns={[
              "Date",
              "Hours",
              "Note",
              <span key="actions" className="sr-only">
                Actions
              </span>,
            ]}
          >
            {schedule.overrides.map((o) => (
              <tr key={o.date}>
                <td className={tdClass}>
                  {weekdayOf(o.date)} {o.date}
                </td>
                <td className={tdClass}>{o.ranges.length ? formatRanges(o.ranges) : "Day off"}</td>
                <td className={tdClass}>{o.note}</td>
                <td className={tdClass}>
                  <ActionForm
                    action={removeDateOverrideAction}
                    submitLabel="Remove"
                    submitAriaLabel={`Remove override for ${o.date}`}
                    variant="secondary"
                    className="space-y-1"
                  >
                    <input type="hidden" name="date" value={o.date} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <Empty>No overrides: every date follows the weekly hours.</Empty>
        )}
        <h3 className="mb-2 mt-4 font-semibold text-slate-900">Add a day off or special hours</h3>
        <ActionForm action={saveDateOverrideAction} submitLabel="Save override" resetOnSuccess>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="Date" name="date" type="date" required />
            <Field label="Hours" name="hours" hint="Empty: a day off. Otherwise they replace the weekday's hours." />
            <Field label="Note (optional)" name="note" maxLength={120} />
          </div>
        </ActionForm>
      </Section>

      <Section title="Booked slots outside the schedule" id="outside">
        {outside.kept.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {outside.kept.map((k, i) => (
              <li key={k.slotId}>
                <Link href={`/admin/bookings/${k.bookingId}`} className={linkClass}>
                  {keptText[i]}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>None: every booked slot fits the schedule.</Empty>
        )}
      </Section>
    </>
  );
}
