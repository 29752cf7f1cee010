import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { getInsights, type Insights } from "@/lib/admin/insights";
import { COUNTED_BY, LEAD_TIME_BUCKET_LABELS, MEETING_FIGURE_LABELS, WEEKDAYS } from "@/lib/admin/insights-labels";
import { RANGE_PRESETS, noonOf, parseInsightsRange, rangeQuery, type InsightsRange, type Period } from "@/lib/admin/insights-range";
import { formatDuration, formatMoney, zoneDescription } from "@/lib/format";
import { METHOD_INFO } from "@/lib/meeting-methods";
import { settings } from "@/lib/settings/settings";
import { formatInZone } from "@/lib/time-zones";
import { BarChart } from "../../_components/charts/bar-chart";
import { ColumnChart } from "../../_components/charts/column-chart";
import { Heatmap } from "../../_components/charts/heatmap";
import { PageHeader, Section, filterButtonClass, linkClass, tableClass, tdClass, thClass } from "../../_components/ui";
import { CompareTable, CountedBy, changeText } from "./figures";

export const metadata = { title: "Insights" };

const control = "mt-1 block rounded border border-slate-500 bg-white px-2 py-1.5 text-sm";
const PRESET_LABELS: Record<keyof typeof RANGE_PRESETS, string> = {
  "4w": "Last 4 weeks",
  "12w": "Last 12 weeks",
  "26w": "Last 26 weeks",
  "52w": "Last 52 weeks",
};

type Params = Record<string, string | string[] | undefined>;

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireAdminPage();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const now = new Date();
  const params = await searchParams;
  const parsed = parseInsightsRange(params, timeZone, now);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const insights = parsed.ok ? await getInsights(parsed.range, timeZone, now) : null;
  return (
    <>
      <PageHeader title="Insights">
        {parsed.ok ? (
          <a href={`/api/admin/insights/export?${rangeQuery(parsed.range)}`} className={linkClass} download>
            Download CSV
          </a>
        ) : null}
      </PageHeader>
      <RangeForm
        range={parsed.ok ? parsed.range : null}
        errors={parsed.ok ? {} : parsed.errors}
        from={parsed.ok ? parsed.range.current.from : one(params.from)}
        to={parsed.ok ? parsed.range.current.to : one(params.to)}
      />
      {insights ? <Figures insights={insights} now={now} /> : null}
    </>
  );
}

function RangeForm({
  range,
  errors,
  from,
  to,
}: {
  range: InsightsRange | null;
  errors: { from?: string; to?: string; range?: string };
  from: string;
  to: string;
}) {
  const field = (name: "from" | "to", label: string, value: string) => (
    <div>
      <label htmlFor={`range-${name}`} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={`range-${name}`}
        name={name}
        type="date"
        defaultValue={value}
        className={control}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `range-${name}-error` : undefined}
      />
      {errors[name] ? (
        <p id={`range-${name}-error`} className="mt-1 text-sm font-medium text-red-800">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <div className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
      <nav aria-label="Date range presets" className="mb-3">
        <ul className="flex flex-wrap gap-3 text-sm">
          {Object.entries(PRESET_LABELS).map(([key, label]) => (
            <li key={key}>
              <Link className={linkClass} href={`/admin/insights?range=${key}`} aria-current={range?.preset === key ? "page" : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" aria-label="Custom date range" className="flex flex-wrap items-end gap-3">
        {field("from", "From (business date)", from)}
        {field("to", "To (business date, included)", to)}
        <button type="submit" className={filterButtonClass}>
          Show
        </button>
      </form>
      {errors.range ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-800">
          {errors.range}
        </p>
      ) : null}
      {errors.from || errors.to ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-800">
          The range was not changed: correct the dates above.
        </p>
      ) : null}
    </div>
  );
}

function Figures({ insights, now }: { insights: Insights; now: Date }) {
  const { timeZone, range, meetings, leadTime } = insights;
  const day = (key: string) => formatInZone(noonOf(key, timeZone), timeZone, "MMM d, yyyy");
  const span = (p: Period) => `${day(p.from)} – ${day(p.to)}`;
  const hours = (h: number | null) => (h === null ? "—" : formatDuration(Math.round(h * 60)));
  const activeHours = insights.weekdayHour.flatMap((row) => row.flatMap((n, hour) => (n > 0 ? [hour] : [])));
  const first = Math.min(8, ...activeHours);
  const last = Math.max(17, ...activeHours);
  const hourColumns = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const heatTotal = insights.weekdayHour.flat().reduce((a, b) => a + b, 0);
  const funnel = (["booked", "held", "won", "lost"] as const).map((key) => ({ label: MEETING_FIGURE_LABELS[key], ...meetings[key] }));
  return (
    <>
      <p className="mb-6 text-sm text-slate-800" id="insights-period">
        <strong>{span(range.current)}</strong> ({range.current.days} days), compared with the previous {range.previous.days} days,{" "}
        {span(range.previous)}. Dates and hours are in the business time zone, {zoneDescription(now, timeZone)}.
      </p>

      <Section title="Bookings" id="bookings">
        <CountedBy>{COUNTED_BY.bookingDate}. A booking is one that was confirmed; lapsed or unpaid holds are not counted.</CountedBy>
        <CompareTable caption="Bookings, this period and the previous one" rows={[{ label: "Bookings", value: insights.bookings }]} />
        <ColumnChart
          id="chart-weekly"
          title="Bookings per week"
          desc={`Bookings made each week (weeks start on Monday), ${span(range.current)}: ${insights.bookings.current} in all.`}
          items={insights.bookingsPerWeek.map((w) => ({
            label: formatInZone(noonOf(w.week, timeZone), timeZone, "MMM d"),
            value: w.count,
          }))}
          table={{ columns: ["Week of", "Bookings"], rows: insights.bookingsPerWeek.map((w) => [day(w.week), w.count]) }}
        />
      </Section>

      <Section title="By meeting method" id="methods">
        <CountedBy>{COUNTED_BY.bookingDate}</CountedBy>
        <BarChart
          id="chart-methods"
          title="Bookings by meeting method"
          desc="Bookings per meeting method this period, each with the previous period's count beneath."
          items={insights.byMethod.map((m) => ({ label: METHOD_INFO[m.method].label, current: m.current, previous: m.previous }))}
          table={{
            columns: ["Method", "This period", "Previous period", "Change"],
            rows: insights.byMethod.map((m) => [METHOD_INFO[m.method].label, m.current, m.previous, changeText(m)]),
          }}
        />
      </Section>

      <Section title="By weekday and hour" id="weekday-hour">
        <CountedBy>{COUNTED_BY.meetingDate}; cancelled meetings left out.</CountedBy>
        <Heatmap
          id="chart-weekday-hour"
          title="Meetings by weekday and hour"
          desc={`How many meetings start at each hour of each weekday, business time: ${heatTotal} in all.`}
          rows={WEEKDAYS}
          hours={hourColumns}
          grid={insights.weekdayHour}
          table={{
            columns: ["Weekday", ...hourColumns.map((h) => `${String(h).padStart(2, "0")}:00`)],
            rows: WEEKDAYS.map((name, d) => [name, ...hourColumns.map((h) => insights.weekdayHour[d]?.[h] ?? 0)]),
          }}
        />
      </Section>

      <Section title="Meetings and outcomes" id="outcomes">
        <CountedBy>{COUNTED_BY.meetingDate}. Won and lost count meetings held with that outcome recorded.</CountedBy>
        <BarChart
          id="chart-funnel"
          title="Outcome funnel"
          desc={`Booked ${meetings.booked.current}, meeting held ${meetings.held.current}, project won ${meetings.won.current}, lost ${meetings.lost.current}; previous period beneath each.`}
          items={funnel}
          table={{
            columns: ["Stage", "This period", "Previous period", "Change"],
            rows: funnel.map((f) => [f.label, f.current, f.previous, changeText(f)]),
          }}
        />
        <CompareTable
          caption="Meetings by what became of them"
          rows={Object.entries(MEETING_FIGURE_LABELS).map(([key, label]) => ({ label, value: meetings[key as keyof typeof meetings] }))}
        />
      </Section>

      <Section title="Fees and refunds" id="money">
        <CountedBy>
          {COUNTED_BY.paidDate} for fees (including fees paid outside the app); {COUNTED_BY.refundDate} for refunds.
        </CountedBy>
        {insights.money.length === 0 ? (
          <p className="text-sm text-slate-700">No fees were paid or refunded in either period.</p>
        ) : (
          insights.money.map((m) => {
            const money = (cents: number) => formatMoney(cents, m.currency);
            const code = m.currency.toUpperCase();
            return (
              <div key={m.currency}>
                <CompareTable
                  caption={`Fees and refunds in ${code}`}
                  format={money}
                  rows={[
                    { label: `Fees collected (${code})`, value: m.fees },
                    { label: `Refunded (${code})`, value: m.refunds },
                    { label: `Net (${code})`, value: m.net },
                  ]}
                />
                <CompareTable
                  caption={`Refunds in ${code} by kind`}
                  rows={[
                    { label: "Full refunds", value: m.fullRefunds },
                    { label: "Partial refunds", value: m.partialRefunds },
                  ]}
                />
              </div>
            );
          })
        )}
      </Section>

      <Section title="Lead time" id="lead-time">
        <CountedBy>{COUNTED_BY.bookingDate}. Lead time is from booking to the meeting&rsquo;s start.</CountedBy>
        <div className="mb-4 overflow-x-auto" tabIndex={0}>
          <table className={tableClass}>
            <caption className="sr-only">Lead time, this period and the previous one</caption>
            <thead>
              <tr>
                {["Figure", "This period", "Previous period"].map((c) => (
                  <th key={c} scope="col" className={thClass}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                ["Median", hours(leadTime.current.medianHours), hours(leadTime.previous.medianHours)],
                ["90th percentile", hours(leadTime.current.p90Hours), hours(leadTime.previous.p90Hours)],
              ].map(([label, current, previous]) => (
                <tr key={label}>
                  <th scope="row" className={`${tdClass} font-normal`}>
                    {label}
                  </th>
                  <td className={`${tdClass} font-semibold tabular-nums`}>{current}</td>
                  <td className={`${tdClass} tabular-nums`}>{previous}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ColumnChart
          id="chart-lead-time"
          title="Lead time distribution"
          desc={`How far ahead ${leadTime.current.count} bookings were made, in ${LEAD_TIME_BUCKET_LABELS.length} bands from under a day to four weeks or more.`}
          items={LEAD_TIME_BUCKET_LABELS.map((label, i) => ({ label, value: leadTime.current.buckets[i] ?? 0 }))}
          table={{
            columns: ["Booked ahead", "This period", "Previous period"],
            rows: LEAD_TIME_BUCKET_LABELS.map((label, i) => [label, leadTime.current.buckets[i] ?? 0, leadTime.previous.buckets[i] ?? 0]),
          }}
        />
      </Section>
    </>
  );
}
