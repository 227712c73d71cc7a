/**
 * Charts of the report, drawn on the server as plain SVG: ratings per fiscal year as
 * stacked bars, and the achievement rate as a line on a 0–100% axis. No script, no
 * external font or asset, so they print and convert to PDF as they are. Each chart
 * carries a text description (aria) and is paired with a table by its caller.
 */
import type { EraStyle } from '../fiscal/fiscal-year.js';
import type { ScaleCode } from '../evaluations/summary.js';
import { formatRate, shortYear } from './labels.js';

export interface ChartYear {
  fiscalYear: number;
  counts: Record<string, number>;
  total: number;
  achievementRate: number | null;
}

/** Fill colours by scale position; dark enough against white for non-text contrast (3:1). */
const PALETTE = ['#1f5f99', '#c77c02', '#b03a2e', '#6b6b6b', '#5b3f8c', '#2e7d4f'];

export function colorOfCode(scale: readonly ScaleCode[], code: string): string {
  const i = scale.findIndex((c) => c.code === code);
  return PALETTE[(i < 0 ? scale.length : i) % PALETTE.length]!;
}

/** Smallest "nice" axis maximum ≥ value with 4–5 ticks. */
export function niceMax(value: number): { max: number; step: number } {
  if (value <= 0) return { max: 4, step: 1 };
  const raw = value / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const rounded = Number.isInteger(step) ? step : Math.ceil(step);
  return { max: Math.ceil(value / rounded) * rounded, step: rounded };
}

/** The text alternative: one sentence per year. */
export function chartDescription(years: readonly ChartYear[], scale: readonly ScaleCode[], era: EraStyle): string {
  return years
    .map((y) => `${shortYear(y.fiscalYear, era)}: ${scale.map((c) => `${c.code} ${y.counts[c.code] ?? 0}件`).join('、')}、合計 ${y.total}件、達成率 ${formatRate(y.achievementRate)}`)
    .join('。');
}

export interface RatingsChartProps {
  id: string;
  title: string;
  years: readonly ChartYear[];
  scale: readonly ScaleCode[];
  era: EraStyle;
}

/** Stacked bars of rating counts per year with the achievement-rate line. */
export function RatingsChart({ id, title, years, scale, era }: RatingsChartProps) {
  const width = 640;
  const height = 300;
  const left = 48;
  const right = 56;
  const top = 40;
  const bottom = 56;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const { max, step } = niceMax(Math.max(0, ...years.map((y) => y.total)));
  const slot = plotW / Math.max(1, years.length);
  const barW = Math.min(56, slot * 0.6);
  const yOf = (count: number) => top + plotH - (count / max) * plotH;
  const rateY = (rate: number) => top + plotH - rate * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const points = years
    .map((y, i) => (y.achievementRate === null ? null : { x: left + slot * i + slot / 2, y: rateY(y.achievementRate), rate: y.achievementRate }))
    .filter((p): p is { x: number; y: number; rate: number } => p !== null);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const legend = [...scale.map((c) => ({ key: c.code, label: c.code, color: colorOfCode(scale, c.code), line: false })), { key: 'rate', label: '達成率', color: '#111111', line: true }];
  return (
    <svg
      class="chart"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      font-family="'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"
      font-size="12"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{chartDescription(years, scale, era)}</desc>
      <g aria-hidden="true">
        {legend.map((l, i) => (
          <g transform={`translate(${left + i * 86}, 14)`}>
            {l.line ? (
              <line x1="0" y1="6" x2="16" y2="6" stroke={l.color} stroke-width="2" />
            ) : (
              <rect x="0" y="0" width="14" height="12" fill={l.color} />
            )}
            <text x="20" y="11" fill="#111111">
              {l.label}
            </text>
          </g>
        ))}
        {ticks.map((v) => (
          <g>
            <line x1={left} x2={left + plotW} y1={yOf(v)} y2={yOf(v)} stroke="#d0d0d0" stroke-width="1" />
            <text x={left - 6} y={yOf(v) + 4} text-anchor="end" fill="#333333">
              {v}
            </text>
          </g>
        ))}
        {[0, 0.25, 0.5, 0.75, 1].map((r) => (
          <text x={left + plotW + 6} y={rateY(r) + 4} fill="#333333">
            {`${Math.round(r * 100)}%`}
          </text>
        ))}
        <text x={12} y={top + plotH / 2} transform={`rotate(-90 12 ${top + plotH / 2})`} text-anchor="middle" fill="#333333">
          件数
        </text>
        {years.map((y, i) => {
          const x = left + slot * i + (slot - barW) / 2;
          let base = 0;
          return (
            <g>
              {scale.map((c) => {
                const n = y.counts[c.code] ?? 0;
                if (n === 0) return null;
                const y0 = yOf(base + n);
                const h = yOf(base) - y0;
                base += n;
                return <rect x={x} y={y0} width={barW} height={h} fill={colorOfCode(scale, c.code)} stroke="#ffffff" stroke-width="0.5" />;
              })}
              <text x={x + barW / 2} y={top + plotH + 18} text-anchor="middle" fill="#111111">
                {shortYear(y.fiscalYear, era)}
              </text>
            </g>
          );
        })}
        <line x1={left} x2={left + plotW} y1={top + plotH} y2={top + plotH} stroke="#333333" stroke-width="1" />
        {points.length > 1 && <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#111111" stroke-width="2" />}
        {points.map((p) => (
          <g>
            <circle cx={p.x} cy={p.y} r="3.5" fill="#ffffff" stroke="#111111" stroke-width="2" />
            <text x={p.x} y={p.y - 8} text-anchor="middle" fill="#111111" font-size="11">
              {formatRate(p.rate)}
            </text>
          </g>
        ))}
        <text x={left + plotW / 2} y={height - 12} text-anchor="middle" fill="#333333">
          年度（棒: 評価別件数、折れ線: 達成率）
        </text>
      </g>
    </svg>
  );
}
