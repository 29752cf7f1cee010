import { tableClass, tdClass, thClass } from "../ui";

// An SVG chart drawn on the server (no client code): role="img" named by its <title> and
// <desc>, and the same numbers as a table in a <details> a keyboard user can open (ADR 112).

export type ChartTable = { columns: string[]; rows: (string | number)[][] };

export function ChartFigure({
  id,
  title,
  desc,
  width,
  height,
  table,
  children,
}: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  table: ChartTable;
  children: React.ReactNode;
}) {
  return (
    <figure className="mb-4">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        // Never drawn larger than its own size: a small grid would otherwise scale up to the page width.
        style={{ fontFamily: "inherit", maxWidth: width }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {children}
      </svg>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">Show “{title}” as a table</summary>
        <div className="mt-2 overflow-x-auto" tabIndex={0}>
          <table className={tableClass}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col" className={thClass}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row" className={`${tdClass} font-normal`}>
                        {cell}
                      </th>
                    ) : (
                      <td key={c} className={`${tdClass} tabular-nums`}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export const CHART_INK = "#0f172a";
export const CHART_MUTED = "#475569";
export const CHART_BAR = "var(--color-brand-700)";
export const CHART_PREVIOUS = "#94a3b8";
