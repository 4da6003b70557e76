// Charts drawn as plain SVG on the server (and hydrated unchanged): d3-scale places the bars and ticks,
// d3-shape draws the line, React writes the elements. A fixed viewBox keeps the drawing the same on any
// screen (it scales to the width it is given, 390 px included). Every chart is an image with a title;
// the numbers it shows are in the data table the page puts next to it.
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** Tailwind fill class of its bars. */
  className: string;
}

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 48, bottom: 72, left: 48 };
/** The legend: two columns, as many rows as it needs (three fit under the axis labels). */
const LEGEND = { top: HEIGHT - 48, columnWidth: 280, rowHeight: 14 };

/** Grouped bars per category, optionally with a line (0…1, right axis) over them. */
export function BarChart({
  title,
  categories,
  series,
  line: overlay,
  format = (v) => String(v),
}: {
  title: string;
  categories: string[];
  series: ChartSeries[];
  line?: { label: string; values: number[] };
  format?: (v: number) => string;
}) {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<string>().domain(categories).range([0, innerW]).padding(0.2);
  const sub = scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, x.bandwidth()])
    .padding(0.08);
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const y = scaleLinear().domain([0, max]).nice().range([innerH, 0]);
  const y2 = scaleLinear().domain([0, 1]).range([innerH, 0]);
  const path = overlay
    ? line<number>()
        .x((_, i) => (x(categories[i]) ?? 0) + x.bandwidth() / 2)
        .y((v) => y2(v))(overlay.values)
    : null;
  const titleId = `chart-${title.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        className="h-auto max-w-full"
      >
        <title id={titleId}>{title}</title>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {y.ticks(5).map((tick) => (
            <g key={tick} transform={`translate(0,${y(tick)})`}>
              <line x2={innerW} className="stroke-slate-200" />
              <text x={-6} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[11px]">
                {format(tick)}
              </text>
            </g>
          ))}
          {categories.map((c, ci) => (
            <g key={c} transform={`translate(${x(c) ?? 0},0)`}>
              {series.map((s, si) => {
                const v = s.values[ci];
                if (v === null || v === undefined) return null;
                return (
                  <rect
                    key={s.label}
                    x={sub(si)}
                    y={y(v)}
                    width={sub.bandwidth()}
                    height={Math.max(0, innerH - y(v))}
                    className={s.className}
                  />
                );
              })}
              <text x={x.bandwidth() / 2} y={innerH + 14} textAnchor="middle" className="fill-slate-700 text-[11px]">
                {c.length > 14 ? `${c.slice(0, 13)}…` : c}
              </text>
            </g>
          ))}
          {overlay && path ? (
            <>
              <path d={path} fill="none" className="stroke-red-600" strokeWidth={2} />
              {y2.ticks(4).map((tick) => (
                <text key={tick} x={innerW + 6} y={y2(tick)} dy="0.32em" className="fill-red-700 text-[11px]">
                  {Math.round(tick * 100)}%
                </text>
              ))}
            </>
          ) : null}
        </g>
        <g transform={`translate(${MARGIN.left},${LEGEND.top})`}>
          {[
            ...series.map((s) => ({ label: s.label, className: s.className })),
            ...(overlay ? [{ label: overlay.label, className: "fill-red-600" }] : []),
          ].map((item, i) => (
            <g
              key={item.label}
              transform={`translate(${(i % 2) * LEGEND.columnWidth},${Math.floor(i / 2) * LEGEND.rowHeight})`}
            >
              <rect width={10} height={10} className={item.className} />
              <text x={14} y={9} className="fill-slate-700 text-[11px]">
                {item.label}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
