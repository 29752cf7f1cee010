import { CHART_BAR, CHART_INK, CHART_PREVIOUS, ChartFigure, type ChartTable } from "./chart-figure";

// Horizontal bars, one row per item (methods, the outcome funnel): this period's bar, and a
// thinner grey bar for the previous period under it.

const WIDTH = 720;
const ROW = 44;
const LABEL = 200;
const VALUE = 56;

export function BarChart({
  id,
  title,
  desc,
  items,
  table,
}: {
  id: string;
  title: string;
  desc: string;
  items: { label: string; current: number; previous: number }[];
  table: ChartTable;
}) {
  const max = Math.max(1, ...items.flatMap((i) => [i.current, i.previous]));
  const plot = WIDTH - LABEL - VALUE;
  const height = items.length * ROW + 24;
  return (
    <ChartFigure id={id} title={title} desc={desc} width={WIDTH} height={height} table={table}>
      {items.map((item, i) => {
        const y = i * ROW + 4;
        return (
          <g key={item.label}>
            <text x={LABEL - 8} y={y + 16} textAnchor="end" fontSize={13} fill={CHART_INK}>
              {item.label}
            </text>
            <rect x={LABEL} y={y + 4} width={(item.current / max) * plot} height={16} fill={CHART_BAR} rx={2} />
            <text x={LABEL + (item.current / max) * plot + 6} y={y + 17} fontSize={12} fill={CHART_INK}>
              {item.current}
            </text>
            <rect x={LABEL} y={y + 24} width={(item.previous / max) * plot} height={8} fill={CHART_PREVIOUS} rx={2} />
            <text x={LABEL + (item.previous / max) * plot + 6} y={y + 33} fontSize={11} fill={CHART_INK}>
              {item.previous}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL}, ${height - 12})`}>
        <rect width={12} height={10} fill={CHART_BAR} />
        <text x={16} y={9} fontSize={11} fill={CHART_INK}>
          This period
        </text>
        <rect x={100} width={12} height={10} fill={CHART_PREVIOUS} />
        <text x={116} y={9} fontSize={11} fill={CHART_INK}>
          Previous period
        </text>
      </g>
    </ChartFigure>
  );
}
