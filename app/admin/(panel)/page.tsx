import Link from "next/link";
import { formatDistanceStrict } from "date-fns";
import type { JobHealth } from "@/lib/jobs/job-runs";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { getDashboard, type MoneyByCurrency } from "@/lib/admin/dashboard";
import { brokenConnections } from "@/lib/admin/calendars";
import { BOOKING_STATUS_LABELS } from "@/lib/admin/labels";
import { BookingStatus } from "@/lib/db/generated/enums";
import { settings } from "@/lib/settings/settings";
import { BookingTable } from "../_components/booking-table";
import { DataTable, Empty, Money, PageHeader, Section, When, linkClass, tdClass } from "../_components/ui";

export const metadata = { title: "Dashboard" };

function Totals({ label, totals }: { label: string; totals: MoneyByCurrency }) {
  return (
    <div className="rounded border border-slate-300 p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-xl font-semibold">
        {totals.length === 0 ? (
          <Money cents={0} currency="usd" />
        ) : (
          totals.map((t) => (
            <div key={t.currency}>
              <Money cents={t.cents} currency={t.currency} />
            </div>
          ))
        )}
      </dd>
    </div>
  );
}

const JOB_NAMES: Record<JobHealth["name"], string> = { reminders: "Reminders", maintenance: "Maintenance (emails, holds, refunds)" };

/** Jobs that run too rarely are said out loud: reminders and email retries depend on them. */
function LateJobs({ jobs }: { jobs: JobHealth[] }) {
  if (jobs.length === 0) return null;
  const now = new Date();
  return (
    <section aria-labelledby="late-jobs" className="mb-6 rounded border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
      <h2 id="late-jobs" className="text-base font-semibold">
        Scheduled jobs are not running often
      </h2>
      <ul className="mt-1 list-disc pl-5">
        {jobs.map((job) => (
          <li key={job.name}>
            {JOB_NAMES[job.name]}: {job.lastRunAt ? `last ran ${formatDistanceStrict(job.lastRunAt, now)} ago` : "has not run yet"}
            {job.lastOk === false ? " (that run failed)" : ""}.
          </li>
        ))}
      </ul>
      <p className="mt-2">
        Until they run every few minutes, reminders can arrive hours early or late, and an email that failed waits for the next run
        (confirmations still go out at once). Set up a frequent trigger: see docs/deploying.md.
      </p>
    </section>
  );
}

export default async function DashboardPage() {
  await requireAdminPage();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const [d, broken] = await Promise.all([getDashboard(timeZone), brokenConnections()]);
  return (
    <>
      <PageHeader title="Dashboard">
        <p className="text-sm text-slate-700">Times in {timeZone}</p>
      </PageHeader>
      <LateJobs jobs={d.lateJobs} />

      {broken.length > 0 ? (
        <section
          role="alert"
          aria-label="Broken calendar connections"
          className="mb-6 rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900"
        >
          <h2 className="font-semibold">Calendar connections broken</h2>
          <ul className="mt-1 list-disc pl-5">
            {broken.map((c) => (
              <li key={c.id}>
                {c.label}: {c.brokenReason} (since {c.brokenSince ? <When at={c.brokenSince} timeZone={timeZone} /> : "unknown"}).{" "}
                <Link href="/admin/calendars" className={linkClass}>
                  Fix it
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Section title="Today">
        <BookingTable rows={d.todays} timeZone={timeZone} caption="Today's bookings" empty="No bookings today." />
      </Section>

      <Section title="Upcoming">
        <BookingTable rows={d.upcoming} timeZone={timeZone} caption="Upcoming confirmed bookings" empty="No upcoming confirmed bookings." />
      </Section>

      <Section title="Held and pending payments">
        <BookingTable rows={d.held} timeZone={timeZone} caption="Slots held while the visitor pays" empty="No slots are held right now." />
        {d.processing.length > 0 ? (
          <>
            <h3 className="mt-4 text-base font-semibold">Payments still processing</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {d.processing.map((p) => (
                <li key={p.id}>
                  <Link href={`/admin/bookings/${p.booking.id}`} className={linkClass}>
                    {p.booking.name}
                  </Link>{" "}
                  — <Money cents={p.amountCents} currency={p.currency} />, started <When at={p.createdAt} timeZone={timeZone} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section title="Last 30 days">
        <dl className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Totals label="Fees collected" totals={d.collected} />
          <Totals label="Refunded" totals={d.refunded} />
        </dl>
        <DataTable caption="Bookings created in the last 30 days, by status" columns={["Status", "Bookings"]} showCaption>
          {Object.values(BookingStatus).map((status) => (
            <tr key={status}>
              <th scope="row" className={`${tdClass} font-normal`}>
                <Link href={`/admin/bookings?status=${status}`} className={linkClass}>
                  {BOOKING_STATUS_LABELS[status]}
                </Link>
              </th>
              <td className={`${tdClass} tabular-nums`}>{d.statusCounts[status] ?? 0}</td>
            </tr>
          ))}
        </DataTable>
        {Object.keys(d.statusCounts).length === 0 ? <Empty>No bookings in the last 30 days.</Empty> : null}
      </Section>
    </>
  );
}
