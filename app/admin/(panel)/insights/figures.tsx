import type { Compared } from "@/lib/admin/insights";
import { tableClass, tdClass, thClass } from "../../_components/ui";

// Small presentational pieces of the insights page: a figure next to the previous period's.

/** "+3 (+50%)", "−2 (−20%)", "no change"; no percentage when the previous period had none. */
export function changeText(c: Compared, format: (n: number) => string = String): string {
  const diff = c.current - c.previous;
  if (diff === 0) return "no change";
  const sign = diff > 0 ? "+" : "\u2212";
  const percent = c.previous !== 0 ? ` (${sign}${Math.round((Math.abs(diff) / Math.abs(c.previous)) * 100)}%)` : "";
  return `${sign}${format(Math.abs(diff))}${percent}`;
}

export function CountedBy({ children }: { children: React.ReactNode }) {
  return <p className="mb-3 text-sm text-slate-700">Counted by: {children}</p>;
}

export function CompareTable({
  caption,
  rows,
  format = String,
}: {
  caption: string;
  rows: { label: string; value: Compared }[];
  format?: (n: number) => string;
}) {
  return (
    <div className="mb-4 overflow-x-auto" tabIndex={0}>
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              Figure
            </th>
            <th scope="col" className={thClass}>
              This period
            </th>
            <th scope="col" className={thClass}>
              Previous period
            </th>
            <th scope="col" className={thClass}>
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row" className={`${tdClass} font-normal`}>
                {row.label}
              </th>
              <td className={`${tdClass} font-semibold tabular-nums`} data-figure={row.label}>
                {format(row.value.current)}
              </td>
              <td className={`${tdClass} tabular-nums`}>{format(row.value.previous)}</td>
              <td className={`${tdClass} tabular-nums`}>{changeText(row.value, format)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
