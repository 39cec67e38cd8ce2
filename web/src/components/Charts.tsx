// Hand-made SVG charts (no chart library): a cumulative line over time and grouped horizontal bars.
export interface Point {
  label: string;
  value: number;
}

export function LineChart({ points, title, height = 220 }: { points: Point[]; title: string; height?: number }) {
  const width = 560,
    padL = 40,
    padB = 36,
    padT = 14,
    padR = 16;
  if (points.length === 0) return <p className="muted">No data yet.</p>;
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (i: number) => padL + (points.length === 1 ? (width - padL - padR) / 2 : (i * (width - padL - padR)) / (points.length - 1));
  const y = (v: number) => padT + (height - padT - padB) * (1 - v / max);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => Math.round(max * t)).filter((v, i, a) => a.indexOf(v) === i);
  const every = Math.ceil(points.length / 8);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="line-chart">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={padL} x2={width - padR} y1={y(t)} y2={y(t)} className="grid" />
            <text x={padL - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <path d={`${path} L${x(points.length - 1)},${y(0)} L${x(0)},${y(0)} Z`} className="area" />
        <path d={path} className="line" />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.value)} r={3} className="dot">
            <title>{`${p.label}: ${p.value}`}</title>
          </circle>
        ))}
        {points.map(
          (p, i) =>
            (i % every === 0 || i === points.length - 1) && (
              <text key={`l${i}`} x={x(i)} y={height - 12} textAnchor="middle">
                {p.label}
              </text>
            ),
        )}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export interface BarRow {
  label: string;
  values: number[];
}

export function BarChart({ rows, series, title }: { rows: BarRow[]; series: string[]; title: string }) {
  if (rows.length === 0) return <p className="muted">No data yet.</p>;
  const width = 560,
    labelW = 70,
    barH = 18,
    gap = 12,
    padR = 40;
  const groupH = series.length * barH + gap;
  const height = rows.length * groupH + 34;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const w = (v: number) => ((width - labelW - padR) * v) / max;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="bar-chart">
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0, ${i * groupH})`}>
            <text x={labelW - 8} y={(series.length * barH) / 2 + 4} textAnchor="end">
              {r.label}
            </text>
            {r.values.map((v, j) => (
              <g key={j}>
                <rect x={labelW} y={j * barH} width={Math.max(1, w(v))} height={barH - 2} className={`bar bar-${j}`}>
                  <title>{`${r.label} · ${series[j]}: ${v}`}</title>
                </rect>
                <text x={labelW + w(v) + 4} y={j * barH + barH - 4} className="value">
                  {v}
                </text>
              </g>
            ))}
          </g>
        ))}
        <g transform={`translate(${labelW}, ${height - 14})`}>
          {series.map((s, j) => (
            <g key={s} transform={`translate(${j * 190}, 0)`}>
              <rect width={10} height={10} className={`bar bar-${j}`} />
              <text x={14} y={9}>
                {s}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
