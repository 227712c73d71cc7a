/**
 * The rating chart: one stacked column per fiscal year, drawn as inline SVG on the
 * server (no script, no external asset). The SVG has a title and a description
 * that reads out every figure, and the page shows the same figures as a table.
 */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import type { ScaleCode, YearSummary } from '../evaluations/summary.js';
import { formatRate } from '../web/components.js';
import type { Preferences } from '../web/preferences.js';

/** Fill colours per scale position: dark enough for 3:1 against white (WCAG 1.4.11). */
const FILLS = ['#0d6b2f', '#a86b00', '#a1261d', '#5c5c5c', '#1f4e8c', '#6b3fa0'];

export function fillFor(scale: readonly ScaleCode[], code: string): string {
  const i = scale.findIndex((c) => c.code === code);
  return FILLS[i >= 0 ? i % FILLS.length : FILLS.length - 1]!;
}

export function chartDescription(years: readonly YearSummary[], scale: readonly ScaleCode[], prefs: Preferences): string {
  const ja = prefs.lang === 'ja';
  return years
    .map((y) => {
      const parts = scale.map((c) => `${c.code} ${y.counts[c.code] ?? 0}${ja ? '件' : ''}`).join(ja ? '、' : ', ');
      return `${fiscalYearLabel(y.fiscalYear, prefs.era)}: ${parts}${ja ? '、達成率 ' : ', achievement rate '}${formatRate(y.achievementRate)}`;
    })
    .join(ja ? '。' : '. ');
}

export function RatingChart({ years, scale, prefs, id }: { years: YearSummary[]; scale: ScaleCode[]; prefs: Preferences; id: string }) {
  const ja = prefs.lang === 'ja';
  const width = 640;
  const height = 300;
  const top = 30;
  const bottom = 40;
  const left = 40;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...years.map((y) => y.total));
  const slot = (width - left - 10) / Math.max(1, years.length);
  const barWidth = Math.min(60, slot * 0.6);
  const title = ja ? '年度別の評価件数（積み上げ棒グラフ）' : 'Ratings per fiscal year (stacked bars)';
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{chartDescription(years, scale, prefs)}</desc>
        <line x1={left} y1={top + plotHeight} x2={width - 5} y2={top + plotHeight} stroke="#1a1a1a" />
        <line x1={left} y1={top} x2={left} y2={top + plotHeight} stroke="#1a1a1a" />
        <text x={left - 6} y={top + 4} text-anchor="end" font-size="12" fill="#1a1a1a">{max}</text>
        <text x={left - 6} y={top + plotHeight} text-anchor="end" font-size="12" fill="#1a1a1a">0</text>
        {years.map((y, i) => {
          const x = left + slot * i + (slot - barWidth) / 2;
          let yCursor = top + plotHeight;
          return (
            <g>
              {scale.map((c) => {
                const n = y.counts[c.code] ?? 0;
                const h = (n / max) * plotHeight;
                yCursor -= h;
                return n > 0 ? <rect x={x} y={yCursor} width={barWidth} height={h} fill={fillFor(scale, c.code)} stroke="#ffffff" stroke-width="0.5" /> : null;
              })}
              <text x={x + barWidth / 2} y={top + plotHeight + 16} text-anchor="middle" font-size="13" fill="#1a1a1a">
                {fiscalYearLabel(y.fiscalYear, prefs.era)}
              </text>
              <text x={x + barWidth / 2} y={top + plotHeight + 32} text-anchor="middle" font-size="11" fill="#1a1a1a">
                {formatRate(y.achievementRate)}
              </text>
              <text x={x + barWidth / 2} y={top + plotHeight - (y.total / max) * plotHeight - 4} text-anchor="middle" font-size="11" fill="#1a1a1a">
                {y.total}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {scale.map((c) => (
            <li>
              <svg class="swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false"><rect width="1" height="1" fill={fillFor(scale, c.code)} /></svg>
              {c.code} {c.label}
            </li>
          ))}
        </ul>
        <span class="note">{ja ? '棒の下の数値は達成率（A の件数 ÷ 合計）。数値は下の表と同じです。' : 'Figures under the bars are achievement rates. The same figures are in the table.'}</span>
      </figcaption>
    </figure>
  );
}
