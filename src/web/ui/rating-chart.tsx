/**
 * The rating chart of hyoka: one stacked column of rating counts per fiscal year and
 * the achievement rate as a line on a 0–100% axis, drawn as inline SVG on the server
 * (no script, no external asset), so it prints and converts to PDF as it is.
 *
 * It knows no domain: callers pass the series (scale codes with their legend words)
 * and the years with labels already written. Each series has a colour and a pattern
 * (src/web/ui/palette.ts), so ratings are told apart without colour; the SVG carries a
 * title and a description that reads out every figure (role=img: assistive technology
 * reads those, not the drawing's own texts), and callers show the same
 * figures in a table. Percentages sit in their own row under the year labels, where
 * no bar can reach them.
 */
import type { ComponentChildren } from 'preact';
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
      const parts = [
        ...series.map((s) => t(lang, 'count', { code: s.code, n: y.counts[s.code] ?? 0 })),
        t(lang, 'total', { n: y.total }),
        t(lang, 'rate', { rate: y.rateLabel }),
      ];
      return `${y.label}: ${parts.join(t(lang, 'listSeparator'))}`;
    })
    .join(t(lang, 'yearSeparator'));
}

const ink = colorVar(CHART_COLORS.ink);
const muted = colorVar(CHART_COLORS.muted);
const paper = colorVar(CHART_COLORS.paper);

const TILE = 6;

/**
 * The marks of a pattern over one rectangle, as one path in 6×6 tiles aligned to the
 * chart's origin. Drawn as geometry, not as an SVG <pattern> fill: Chromium prints a
 * pattern fill as a bitmap per shape, which made a report PDF megabytes larger and blurry.
 */
export function patternMarksPath(pattern: SeriesPattern, x: number, y: number, w: number, h: number): string {
  if (pattern === 'solid') return '';
  const parts: string[] = [];
  const r = (n: number) => Math.round(n * 100) / 100;
  for (let ty = Math.floor(y / TILE) * TILE; ty < y + h; ty += TILE) {
    for (let tx = Math.floor(x / TILE) * TILE; tx < x + w; tx += TILE) {
      switch (pattern) {
        case 'diagonal':
          parts.push(`M${r(tx - 1)},${r(ty + 1)}l2,-2M${r(tx)},${r(ty + 6)}l6,-6M${r(tx + 5)},${r(ty + 7)}l2,-2`);
          break;
        case 'crosshatch':
          parts.push(`M${r(tx)},${r(ty)}l6,6M${r(tx + 6)},${r(ty)}l-6,6`);
          break;
        case 'dots':
          parts.push(`M${r(tx + 1.6)},${r(ty + 3)}a1.4,1.4 0 1,0 2.8,0a1.4,1.4 0 1,0 -2.8,0`);
          break;
        case 'horizontal':
          parts.push(`M${r(tx)},${r(ty + 3)}h6`);
          break;
        case 'vertical':
          parts.push(`M${r(tx + 3)},${r(ty)}v6`);
          break;
      }
    }
  }
  return parts.join('');
}

const MARK_STROKE: Record<SeriesPattern, string> = { solid: '0', diagonal: '1.5', crosshatch: '1.2', dots: '0', horizontal: '1.5', vertical: '1.5' };

/** A rectangle in a series' colour with its pattern's marks, clipped to the rectangle. */
function PatternedRect(props: {
  clipId: string;
  style: SeriesStyle;
  x: number;
  y: number;
  width: number;
  height: number;
  stroke: string;
  strokeWidth: string;
  class?: string;
}) {
  const { clipId, style, x, y, width, height } = props;
  const marks = patternMarksPath(style.pattern, x, y, width, height);
  const filled = style.pattern === 'dots';
  return (
    <g data-pattern={style.pattern}>
      <rect class={props.class} x={x} y={y} width={width} height={height} fill={colorVar(style)} />
      {marks && (
        <>
          <clipPath id={clipId}>
            <rect x={x} y={y} width={width} height={height} />
          </clipPath>
          <path
            d={marks}
            clip-path={`url(#${clipId})`}
            fill={filled ? paper : 'none'}
            stroke={filled ? 'none' : paper}
            stroke-width={MARK_STROKE[style.pattern]}
          />
        </>
      )}
      <rect x={x} y={y} width={width} height={height} fill="none" stroke={props.stroke} stroke-width={props.strokeWidth} />
    </g>
  );
}

const WIDTH = 640;
const HEIGHT = 320;
const LEFT = 48;
const RIGHT = 56;
const BOTTOM = 78;
const PLOT_W = WIDTH - LEFT - RIGHT;
const LEGEND_ROW = 20;

/** Vertical geometry: the legend's rows push the plot down. */
interface Frame {
  top: number;
  plotH: number;
  baseline: number;
}

interface LegendEntry {
  text: string;
  x: number;
  row: number;
  series: number | null;
}

/** Legend entries flowed into rows as wide as the chart; Japanese glyphs count double. */
function layoutLegend(series: readonly RatingSeries[], lang: Lang): LegendEntry[] {
  const texts = [...series.map((s) => s.label || s.code), t(lang, 'rateLegend')];
  let x = LEFT;
  let row = 0;
  return texts.map((text, i) => {
    const width = 36 + [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0xff ? 12.5 : 7.5), 0);
    if (x > LEFT && x + width > WIDTH) {
      x = LEFT;
      row++;
    }
    const entry = { text, x, row, series: i < series.length ? i : null };
    x += width;
    return entry;
  });
}

function frameFor(legend: readonly LegendEntry[]): Frame {
  const rows = 1 + Math.max(0, ...legend.map((e) => e.row));
  const top = 24 + rows * LEGEND_ROW;
  const plotH = HEIGHT - top - BOTTOM;
  return { top, plotH, baseline: top + plotH };
}

function Legend({ id, entries }: { id: string; entries: readonly LegendEntry[] }) {
  return (
    <g class="rating-chart-legend">
      {entries.map((e) => (
        <g transform={`translate(${e.x}, ${8 + e.row * LEGEND_ROW})`}>
          {e.series === null ? (
            <>
              <line x1="0" y1="7" x2="18" y2="7" stroke={ink} stroke-width="2" />
              <circle cx="9" cy="7" r="3" fill={paper} stroke={ink} stroke-width="2" />
            </>
          ) : (
            <PatternedRect
              clipId={`${id}-legend-${e.series}`}
              style={seriesStyle(e.series)}
              x={0}
              y={0}
              width={18}
              height={14}
              stroke={ink}
              strokeWidth="0.5"
            />
          )}
          <text x="24" y="12" fill={ink} font-size="12">
            {e.text}
          </text>
        </g>
      ))}
    </g>
  );
}

function Axes({ frame, max, step, lang }: { frame: Frame; max: number; step: number; lang: Lang }) {
  const { top, plotH, baseline } = frame;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const yOf = (count: number) => baseline - (count / max) * plotH;
  return (
    <g class="rating-chart-axes">
      {ticks.map((v) => (
        <g>
          <line x1={LEFT} x2={LEFT + PLOT_W} y1={yOf(v)} y2={yOf(v)} stroke={colorVar(CHART_COLORS.grid)} stroke-width="1" />
          <text x={LEFT - 6} y={yOf(v) + 4} text-anchor="end" fill={muted}>
            {v}
          </text>
        </g>
      ))}
      {[0, 0.25, 0.5, 0.75, 1].map((r) => (
        <text x={LEFT + PLOT_W + 6} y={baseline - r * plotH + 4} fill={muted}>
          {`${Math.round(r * 100)}%`}
        </text>
      ))}
      <text x={12} y={top + plotH / 2} transform={`rotate(-90 12 ${top + plotH / 2})`} text-anchor="middle" fill={muted}>
        {t(lang, 'countAxis')}
      </text>
      <line x1={LEFT} x2={LEFT + PLOT_W} y1={baseline} y2={baseline} stroke={muted} stroke-width="1" />
      <text x={LEFT + PLOT_W / 2} y={HEIGHT - 8} text-anchor="middle" fill={muted}>
        {t(lang, 'xAxis')}
      </text>
    </g>
  );
}

export interface ChartSvgProps {
  /** Added to `chart`. */
  class: string;
  /** Prefix of the title's and description's ids. */
  id: string;
  width: number;
  height: number;
  title: string;
  /** The chart in words, for screen readers. */
  description: string;
  children: ComponentChildren;
}

/** The frame of an HTML chart: an SVG image named by its title and described in words. */
export function ChartSvg({ class: className, id, width, height, title, description, children }: ChartSvgProps) {
  return (
    <svg
      class={`chart ${className}`}
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      font-family="'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"
      font-size="12"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** Stacked bars of rating counts per year with the achievement-rate line. */
export function RatingChart({ id, title, lang, series, years }: RatingChartProps) {
  const legend = layoutLegend(series, lang);
  const frame = frameFor(legend);
  const { plotH, baseline } = frame;
  const { max, step } = niceMax(Math.max(0, ...years.map((y) => y.total)));
  const slot = PLOT_W / Math.max(1, years.length);
  const barW = Math.min(56, slot * 0.6);
  const yOf = (count: number) => baseline - (count / max) * plotH;
  const centre = (i: number) => LEFT + slot * i + slot / 2;
  const points = years.flatMap((y, i) => (y.rate === null ? [] : [{ x: centre(i), y: baseline - y.rate * plotH }]));
  const line = points.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <ChartSvg class="rating-chart" id={id} width={WIDTH} height={HEIGHT} title={title} description={ratingChartDescription(years, series, lang)}>
      <g>
        <Legend id={id} entries={legend} />
        <Axes frame={frame} max={max} step={step} lang={lang} />
        {years.map((y, i) => {
          const x = centre(i) - barW / 2;
          let base = 0;
          return (
            <g class="rating-chart-year">
              {series.map((s, k) => {
                const n = y.counts[s.code] ?? 0;
                if (n <= 0) return null;
                const top = yOf(base + n);
                const h = yOf(base) - top;
                base += n;
                return (
                  <PatternedRect
                    class="rating-chart-bar"
                    clipId={`${id}-bar-${i}-${k}`}
                    style={seriesStyle(k)}
                    x={x}
                    y={top}
                    width={barW}
                    height={h}
                    stroke={paper}
                    strokeWidth="0.75"
                  />
                );
              })}
              <text x={centre(i)} y={baseline + 18} text-anchor="middle" fill={ink}>
                {y.label}
              </text>
              <text class="rating-chart-rate" x={centre(i)} y={baseline + 36} text-anchor="middle" fill={ink} font-size="11">
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
    </ChartSvg>
  );
}
