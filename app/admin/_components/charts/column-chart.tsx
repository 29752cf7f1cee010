import { CHART_BAR, CHART_INK, CHART_MUTED, ChartFigure, type ChartTable } from "./chart-figure";

// Vertical columns, one per item (weeks, lead-time buckets), each labelled with its value.

const WIDTH = 720;
const HEIGHT = 240;
const TOP = 20;
const BOTTOM = 44;
const LEFT = 8;

export function ColumnChart({
  id,
  title,
  desc,
  items,
  table,
}: {
  id: string;
  title: string;
  desc: string;
  items: { label: string; value: number }[];
  table: ChartTable;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = (WIDTH - LEFT * 2) / Math.max(1, items.length);
  const barWidth = Math.max(4, slot * 0.7);
  const plot = HEIGHT - TOP - BOTTOM;
  // Label every item when they fit, otherwise every n-th, so labels never overlap.
  const every = Math.max(1, Math.ceil(items.length / 14));
  return (
    <ChartFigure id={id} title={title} desc={desc} width={WIDTH} height={HEIGHT} table={table}>
      <line x1={LEFT} x2={WIDTH - LEFT} y1={TOP + plot} y2={TOP + plot} stroke={CHART_MUTED} strokeWidth={1} />
      {items.map((item, i) => {
        const h = (item.value / max) * plot;
        const x = LEFT + i * slot + (slot - barWidth) / 2;
        const cx = x + barWidth / 2;
        return (
          <g key={item.label}>
            <rect x={x} y={TOP + plot - h} width={barWidth} height={h} fill={CHART_BAR} rx={2} />
            <text x={cx} y={TOP + plot - h - 4} textAnchor="middle" fontSize={12} fill={CHART_INK}>
              {item.value}
            </text>
            {i % every === 0 ? (
              <text x={cx} y={HEIGHT - BOTTOM + 18} textAnchor="middle" fontSize={11} fill={CHART_INK}>
                {item.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFigure>
  );
}
