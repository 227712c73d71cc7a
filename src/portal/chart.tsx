/**
 * The portal's rating chart: the shared chart (src/web/ui/rating-chart.tsx) fed with
 * the plan's yearly summary, under a note that the table below holds the same figures.
 */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { formatRate, type ScaleCode, type YearSummary } from '../evaluations/summary.js';
import type { Preferences } from '../web/preferences.js';
import { RatingChart as Chart } from '../web/ui/rating-chart.js';

export function RatingChart({ years, scale, prefs, id }: { years: YearSummary[]; scale: ScaleCode[]; prefs: Preferences; id: string }) {
  const ja = prefs.lang === 'ja';
  return (
    <figure class="chart">
      <Chart
        id={id}
        title={ja ? '年度別の評価件数と達成率（積み上げ棒グラフと折れ線）' : 'Ratings and achievement rate per fiscal year (stacked bars and line)'}
        lang={prefs.lang}
        series={scale.map((c) => ({ code: c.code, label: c.label ? `${c.code} ${c.label}` : c.code }))}
        years={years.map((y) => ({
          label: fiscalYearLabel(y.fiscalYear, prefs.era),
          counts: y.counts,
          total: y.total,
          rate: y.achievementRate,
          rateLabel: formatRate(y.achievementRate),
        }))}
      />
      <figcaption class="note">
        {ja
          ? '棒の下の数値は達成率（A の件数 ÷ 合計）。数値は下の表と同じです。'
          : 'Figures under the bars are achievement rates. The same figures are in the table.'}
      </figcaption>
    </figure>
  );
}
