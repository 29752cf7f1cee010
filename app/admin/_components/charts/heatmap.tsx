import { CHART_INK, ChartFigure, type ChartTable } from "./chart-figure";

// Weekday × hour grid; a cell's shade grows with its count and the count is written in it.

const CELL = 30;
const LEFT = 44;
const TOP = 22;

export function Heatmap({
  id,
  title,
  desc,
  rows,
  hours,
  grid,
  table,
}: {
  id: string;
  title: string;
  desc: string;
  rows: readonly string[];
  hours: number[];
  grid: number[][];
  table: ChartTable;
}) {
  const max = Math.max(1, ...grid.flat());
  const width = LEFT + hours.length * CELL + 4;
  const height = TOP + rows.length * CELL + 4;
  return (
    <ChartFigure id={id} title={title} desc={desc} width={width} height={height} table={table}>
      {hours.map((hour, c) => (
        <text key={hour} x={LEFT + c * CELL + CELL / 2} y={TOP - 8} textAnchor="middle" fontSize={11} fill={CHART_INK}>
          {String(hour).padStart(2, "0")}
        </text>
      ))}
      {rows.map((day, r) => (
        <g key={day}>
          <text x={LEFT - 6} y={TOP + r * CELL + CELL / 2 + 4} textAnchor="end" fontSize={12} fill={CHART_INK}>
            {day.slice(0, 3)}
          </text>
          {hours.map((hour, c) => {
            const n = grid[r]?.[hour] ?? 0;
            const share = n / max;
            return (
              <g key={hour}>
                <rect
                  x={LEFT + c * CELL + 1}
                  y={TOP + r * CELL + 1}
                  width={CELL - 2}
                  height={CELL - 2}
                  rx={3}
                  fill={n === 0 ? "#f1f5f9" : `rgba(23, 76, 168, ${0.2 + 0.8 * share})`}
                  stroke={n === 0 ? "#e2e8f0" : "none"}
                />
                {n > 0 ? (
                  <text
                    x={LEFT + c * CELL + CELL / 2}
                    y={TOP + r * CELL + CELL / 2 + 4}
                    textAnchor="middle"
                    fontSize={11}
                    fill={share > 0.45 ? "#ffffff" : CHART_INK}
                  >
                    {n}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      ))}
    </ChartFigure>
  );
}
