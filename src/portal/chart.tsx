/**
 * The portal's rating chart: the shared chart (src/web/ui/rating-chart.tsx) fed with
 * the plan's yearly summary, under a note that the table below holds the same figures.
 */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { formatRate, type ScaleCode, type YearSummary } from '../evaluations/summary.js';
import type { Preferences } from '../web/preferences.js';
import { pt } from './messages.js';
import { RatingChart as Chart } from '../web/ui/rating-chart.js';

export function RatingChart({ years, scale, prefs, id }: { years: YearSummary[]; scale: ScaleCode[]; prefs: Preferences; id: string }) {
  return (
    <figure class="chart">
      <Chart
        id={id}
        title={pt(prefs.lang, 'chartTitle')}
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
      <figcaption class="note">{pt(prefs.lang, 'chartNote')}</figcaption>
    </figure>
  );
}
