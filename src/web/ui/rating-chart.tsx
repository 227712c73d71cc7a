/**
 * The rating chart of hyoka: one stacked column of rating counts per fiscal year and
 * the achievement rate as a line on a 0–100% axis, drawn as inline SVG on the server
 * (no script, no external asset), so it prints and converts to PDF as it is.
 *
 * It knows no domain: callers pass the series (scale codes with their legend words)
 * and the years with labels already written. Each series has a colour and a pattern
 * (src/web/ui/palette.ts), so ratings are told apart without colour; the SVG carries a
 * title and a description that reads out every figure, and callers show the same
 * figures in a table. Percentages sit in their own row under the year labels, where
 * no bar can reach them.
 */
import type { Lang } from '../preferences.js';
import { defineMessages } from '../messages.js';
import { CHART_COLORS, colorVar, seriesStyle, type SeriesPattern, type SeriesStyle } from './palette.js';

export interface RatingSeries {
  code: string;
  /** Legend text; the code alone when empty. */
  label: string;
}

export interface RatingChartYear {
  /** "R4", "2022", "令和4年度": written by the caller in the reader's era style. */
  label: string;
  counts: Readonly<Record<string, number>>;
  total: number;
  /** 0–1, null when nothing was rated. */
  rate: number | null;
  /** The rate as the caller prints it elsewhere ("87.95%", "—"). */
  rateLabel: string;
}

export interface RatingChartProps {
  /** Unique in the page: prefixes the ids of the title, description and patterns. */
  id: string;
  title: string;
  lang: Lang;
  series: readonly RatingSeries[];
  years: readonly RatingChartYear[];
}

const t = defineMessages({
  count: { ja: '{code} {n}件', en: '{code} {n}' },
  total: { ja: '合計 {n}件', en: 'total {n}' },
  rate: { ja: '達成率 {rate}', en: 'achievement rate {rate}' },
  listSeparator: { ja: '、', en: ', ' },
  yearSeparator: { ja: '。', en: '. ' },
  rateLegend: { ja: '達成率', en: 'Achievement rate' },
  countAxis: { ja: '件数', en: 'Count' },
  xAxis: { ja: '年度（棒: 評価別件数、折れ線: 達成率）', en: 'Fiscal year (bars: ratings, line: achievement rate)' },
});

/** Smallest "nice" axis maximum ≥ value with 4–5 ticks. */
export function niceMax(value: number): { max: number; step: number } {
  if (value <= 0) return { max: 4, step: 1 };
  const raw = value / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const rounded = Number.isInteger(step) ? step : Math.ceil(step);
  return { max: Math.ceil(value / rounded) * rounded, step: rounded };
}

/** The text alternative: one sentence per year with every count, the total and the rate. */
export function ratingChartDescription(years: readonly RatingChartYear[], series: readonly RatingSeries[], lang: Lang): string {
  return years
    .map((y) => {
      const parts = [...series.map((s) => t(lang, 'count', { code: s.code, n: y.counts[s.code] ?? 0 })), t(lang, 'total', { n: y.total }), t(lang, 'rate', { rate: y.rateLabel })];
      return `${y.label}: ${parts.join(t(lang, 'listSeparator'))}`;
    })
    .join(t(lang, 'yearSeparator'));
}

const ink = colorVar(CHART_COLORS.ink);
const muted = colorVar(CHART_COLORS.muted);
const paper = colorVar(CHART_COLORS.paper);

/** The marks a pattern draws over its series colour, in the paper colour, on a 6×6 tile. */
function PatternMarks({ pattern }: { pattern: SeriesPattern }) {
  switch (pattern) {
    case 'solid':
      return null;
    case 'diagonal':
      return <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke={paper} stroke-width="1.5" />;
    case 'crosshatch':
      return <path d="M0,0 L6,6 M6,0 L0,6" stroke={paper} stroke-width="1.2" />;
    case 'dots':
      return <circle cx="3" cy="3" r="1.4" fill={paper} />;
    case 'horizontal':
      return <path d="M0,3 H6" stroke={paper} stroke-width="1.5" />;
    case 'vertical':
      return <path d="M3,0 V6" stroke={paper} stroke-width="1.5" />;
  }
}

function SeriesPatterns({ id, styles }: { id: string; styles: readonly SeriesStyle[] }) {
  return (
    <defs>
      {styles.map((s, i) => (
        <pattern id={`${id}-pattern-${i}`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill={colorVar(s)} />
          <PatternMarks pattern={s.pattern} />
        </pattern>
      ))}
    </defs>
  );
}

const WIDTH = 640;
const HEIGHT = 320;
const LEFT = 48;
const RIGHT = 56;
const TOP = 44;
const BOTTOM = 78;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;
const BASELINE = TOP + PLOT_H;

function Legend({ id, series, lang }: { id: string; series: readonly RatingSeries[]; lang: Lang }) {
  const items = [...series.map((s) => s.label || s.code), t(lang, 'rateLegend')];
  // Legend entries are as wide as their words: Japanese glyphs count double.
  const widths = items.map((text) => 34 + [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0xff ? 12 : 7), 0));
  let x = LEFT;
  return (
    <g class="legend">
      {items.map((text, i) => {
        const at = x;
        x += widths[i]!;
        const isRate = i === series.length;
        return (
          <g transform={`translate(${at}, 12)`}>
            {isRate ? (
              <>
                <line x1="0" y1="7" x2="18" y2="7" stroke={ink} stroke-width="2" />
                <circle cx="9" cy="7" r="3" fill={paper} stroke={ink} stroke-width="2" />
              </>
            ) : (
              <rect x="0" y="0" width="18" height="14" fill={`url(#${id}-pattern-${i})`} stroke={ink} stroke-width="0.5" />
            )}
            <text x="24" y="12" fill={ink}>
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function Axes({ max, step, lang }: { max: number; step: number; lang: Lang }) {
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const yOf = (count: number) => BASELINE - (count / max) * PLOT_H;
  return (
    <g class="axes">
      {ticks.map((v) => (
        <g>
          <line x1={LEFT} x2={LEFT + PLOT_W} y1={yOf(v)} y2={yOf(v)} stroke={colorVar(CHART_COLORS.grid)} stroke-width="1" />
          <text x={LEFT - 6} y={yOf(v) + 4} text-anchor="end" fill={muted}>
            {v}
          </text>
        </g>
      ))}
      {[0, 0.25, 0.5, 0.75, 1].map((r) => (
        <text x={LEFT + PLOT_W + 6} y={BASELINE - r * PLOT_H + 4} fill={muted}>
          {`${Math.round(r * 100)}%`}
        </text>
      ))}
      <text x={12} y={TOP + PLOT_H / 2} transform={`rotate(-90 12 ${TOP + PLOT_H / 2})`} text-anchor="middle" fill={muted}>
        {t(lang, 'countAxis')}
      </text>
      <line x1={LEFT} x2={LEFT + PLOT_W} y1={BASELINE} y2={BASELINE} stroke={muted} stroke-width="1" />
      <text x={LEFT + PLOT_W / 2} y={HEIGHT - 8} text-anchor="middle" fill={muted}>
        {t(lang, 'xAxis')}
      </text>
    </g>
  );
}

/** Stacked bars of rating counts per year with the achievement-rate line. */
export function RatingChart({ id, title, lang, series, years }: RatingChartProps) {
  const { max, step } = niceMax(Math.max(0, ...years.map((y) => y.total)));
  const slot = PLOT_W / Math.max(1, years.length);
  const barW = Math.min(56, slot * 0.6);
  const yOf = (count: number) => BASELINE - (count / max) * PLOT_H;
  const centre = (i: number) => LEFT + slot * i + slot / 2;
  const points = years.flatMap((y, i) => (y.rate === null ? [] : [{ x: centre(i), y: BASELINE - y.rate * PLOT_H }]));
  const line = points.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <svg
      class="chart rating-chart"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      font-family="'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"
      font-size="12"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{ratingChartDescription(years, series, lang)}</desc>
      <SeriesPatterns id={id} styles={series.map((_, i) => seriesStyle(i))} />
      <g aria-hidden="true">
        <Legend id={id} series={series} lang={lang} />
        <Axes max={max} step={step} lang={lang} />
        {years.map((y, i) => {
          const x = centre(i) - barW / 2;
          let base = 0;
          return (
            <g class="year">
              {series.map((s, k) => {
                const n = y.counts[s.code] ?? 0;
                if (n <= 0) return null;
                const top = yOf(base + n);
                const h = yOf(base) - top;
                base += n;
                return <rect class="bar" x={x} y={top} width={barW} height={h} fill={`url(#${id}-pattern-${k})`} stroke={paper} stroke-width="0.75" />;
              })}
              <text x={centre(i)} y={BASELINE + 18} text-anchor="middle" fill={ink}>
                {y.label}
              </text>
              <text class="rate-label" x={centre(i)} y={BASELINE + 36} text-anchor="middle" fill={ink} font-size="11">
                {y.rateLabel}
              </text>
            </g>
          );
        })}
        {points.length > 1 && (
          <>
            <polyline points={line} fill="none" stroke={paper} stroke-width="5" stroke-linejoin="round" />
            <polyline points={line} fill="none" stroke={ink} stroke-width="2" stroke-linejoin="round" />
          </>
        )}
        {points.map((p) => (
          <circle cx={p.x} cy={p.y} r="3.5" fill={paper} stroke={ink} stroke-width="2" />
        ))}
      </g>
    </svg>
  );
}
