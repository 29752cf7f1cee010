import "server-only";
import { formatDecimalAmount } from "@/lib/format";
import { METHOD_INFO } from "@/lib/meeting-methods";
import { toCsv, type CsvValue } from "./csv";
import type { Compared, Insights } from "./insights";
import { COUNTED_BY, LEAD_TIME_BUCKET_LABELS, MEETING_FIGURE_LABELS, WEEKDAYS } from "./insights-labels";

// The insights page as one CSV (ADR 057 quoting): one row per figure and item, this period
// next to the previous one, and the timestamp that put it in the period.

const HEADER = ["Figure", "Item", "This period", "Previous period", "Counted by"];
/** Hours to one decimal place ("47.5", "196"). */
const hours = (value: number | null) => (value === null ? "" : String(Math.round(value * 10) / 10));

export function insightsCsv(insights: Insights): string {
  const { current: cur, previous: prev } = insights.range;
  const rows: CsvValue[][] = [];
  const add = (figure: string, item: string, value: Compared | [CsvValue, CsvValue], countedBy: string) =>
    rows.push([figure, item, ...(Array.isArray(value) ? value : [value.current, value.previous]), countedBy]);

  add("Period", `Business time zone ${insights.timeZone}`, [`${cur.from} to ${cur.to}`, `${prev.from} to ${prev.to}`], "");
  add("Bookings", "Total", insights.bookings, COUNTED_BY.bookingDate);
  for (const w of insights.bookingsPerWeek) add("Bookings per week", `Week of ${w.week}`, [w.count, ""], COUNTED_BY.bookingDate);
  for (const m of insights.byMethod) add("Bookings by meeting method", METHOD_INFO[m.method].label, m, COUNTED_BY.bookingDate);
  insights.weekdayHour.forEach((hoursOfDay, day) =>
    hoursOfDay.forEach((n, hour) => {
      if (n > 0)
        add("Meetings by weekday and hour", `${WEEKDAYS[day]} ${String(hour).padStart(2, "0")}:00`, [n, ""], COUNTED_BY.meetingDate);
    }),
  );
  for (const [key, label] of Object.entries(MEETING_FIGURE_LABELS)) {
    add("Meetings", label, insights.meetings[key as keyof typeof MEETING_FIGURE_LABELS], COUNTED_BY.meetingDate);
  }
  const lead = insights.leadTime;
  add("Lead time (hours)", "Bookings", [lead.current.count, lead.previous.count], COUNTED_BY.bookingDate);
  add("Lead time (hours)", "Median", [hours(lead.current.medianHours), hours(lead.previous.medianHours)], COUNTED_BY.bookingDate);
  add("Lead time (hours)", "90th percentile", [hours(lead.current.p90Hours), hours(lead.previous.p90Hours)], COUNTED_BY.bookingDate);
  LEAD_TIME_BUCKET_LABELS.forEach((label, i) =>
    add("Lead time", label, [lead.current.buckets[i] ?? 0, lead.previous.buckets[i] ?? 0], COUNTED_BY.bookingDate),
  );
  const money = (c: Compared): [string, string] => [formatDecimalAmount(c.current), formatDecimalAmount(c.previous)];
  for (const m of insights.money) {
    const code = m.currency.toUpperCase();
    add("Fees", `Collected (${code})`, money(m.fees), COUNTED_BY.paidDate);
    add("Refunds", `Refunded (${code})`, money(m.refunds), COUNTED_BY.refundDate);
    add("Refunds", `Full refunds (${code}, count)`, m.fullRefunds, COUNTED_BY.refundDate);
    add("Refunds", `Partial refunds (${code}, count)`, m.partialRefunds, COUNTED_BY.refundDate);
    add("Net", `Fees less refunds (${code})`, money(m.net), `${COUNTED_BY.paidDate}; ${COUNTED_BY.refundDate}`);
  }
  return toCsv(HEADER, rows);
}
