/**
 * Figures of the report: the plan's summary table and chart, and the pillars' count
 * tables and charts. Charts are the shared rating chart, each paired with its table.
 */
import type { ComponentChildren } from 'preact';
import type { ScaleCode } from '../../../evaluations/summary.js';
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { RatingChart, type RatingChartYear } from '../../../web/ui/rating-chart.js';
import { formatRate, shortYear, summaryCaption, summaryYearLabel } from '../../labels.js';
import { t } from '../../messages.js';
import type { ReportModel } from '../../report-model.js';
import { Narratives } from './opinions.js';

/** Counts of one year: a pillar's or the plan's. */
export interface CountsYear {
  fiscalYear: number;
  counts: Record<string, number>;
  total: number;
  achievementRate: number | null;
}

export function chartYears(years: readonly CountsYear[], era: EraStyle): RatingChartYear[] {
  return years.map((y) => ({ label: shortYear(y.fiscalYear, era), counts: y.counts, total: y.total, rate: y.achievementRate, rateLabel: formatRate(y.achievementRate) }));
}

export function SummaryTable({ model, era }: { model: ReportModel; era: EraStyle }) {
  const years = model.summary.years;
  const anyReported = years.some((y) => y.source === 'reported');
  const mismatched = (y: (typeof years)[number]) =>
    y.source === 'computed' && y.reportedCounts !== null && model.scale.some((c) => (y.reportedCounts?.[c.code] ?? 0) !== (y.counts[c.code] ?? 0));
  return (
    <>
      <table class="summary">
        <caption>{summaryCaption(model, era)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ja', 'ratingRowHead')}</th>
            {years.map((y) => (
              <th scope="col" class="num" data-fy={y.fiscalYear}>
                {summaryYearLabel(y, era)}
                {y.source === 'reported' && '＊'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.scale.map((c) => (
            <tr data-code={c.code}>
              <th scope="row">{c.code}</th>
              {years.map((y) => (
                <td class="num">{y.counts[c.code] ?? 0}</td>
              ))}
            </tr>
          ))}
          <tr data-code="total">
            <th scope="row">{t('ja', 'total')}</th>
            {years.map((y) => (
              <td class="num">{y.total}</td>
            ))}
          </tr>
          <tr data-code="rate">
            <th scope="row">{t('ja', 'achievementRate')}</th>
            {years.map((y) => (
              <td class="num">{formatRate(y.achievementRate)}</td>
            ))}
          </tr>
        </tbody>
      </table>
      {anyReported && <p class="note">{t('ja', 'reportedNote')}</p>}
      {years.filter(mismatched).map((y) => (
        <p class="note mismatch">
          {t('ja', 'mismatchNote', { year: shortYear(y.fiscalYear, era), counts: model.scale.map((c) => `${c.code} ${y.reportedCounts?.[c.code] ?? 0}`).join('、') })}
        </p>
      ))}
    </>
  );
}

export function CountsTable({ caption, years, scale, era }: { caption: string; years: readonly CountsYear[]; scale: readonly ScaleCode[]; era: EraStyle }) {
  return (
    <table class="summary counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ja', 'ratingRowHead')}</th>
          {years.map((y) => (
            <th scope="col" class="num">
              {shortYear(y.fiscalYear, era)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {scale.map((c) => (
          <tr>
            <th scope="row">{c.code}</th>
            {years.map((y) => (
              <td class="num">{y.counts[c.code] ?? 0}</td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">{t('ja', 'total')}</th>
          {years.map((y) => (
            <td class="num">{y.total}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">{t('ja', 'achievementRate')}</th>
          {years.map((y) => (
            <td class="num">{formatRate(y.achievementRate)}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function ChartFigure(props: { id: string; title: string; years: readonly CountsYear[]; scale: readonly ScaleCode[]; era: EraStyle; children?: ComponentChildren }) {
  const { id, title, years, scale, era, children } = props;
  return (
    <figure class="chart-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <RatingChart id={id} title={title} lang="ja" series={scale.map((c) => ({ code: c.code, label: c.code }))} years={chartYears(years, era)} />
      {children}
    </figure>
  );
}

/** The plan as a whole: the experts' opinion, the summary table and the chart. */
export function PlanSummary({ model, era }: { model: ReportModel; era: EraStyle }) {
  return (
    <section class="plan-opinion">
      <h2 id="sec-plan-opinion">{model.planOpinion.scopeLabel}</h2>
      {model.planOpinion.narratives.length > 0 && (
        <>
          <h3>{model.planOpinion.heading}</h3>
          <Narratives list={model.planOpinion.narratives} />
        </>
      )}
      <SummaryTable model={model} era={era} />
      <ChartFigure id="chart-plan" title={t('ja', 'planChartTitle', { plan: model.plan.name })} years={model.summary.years} scale={model.scale} era={era} />
    </section>
  );
}
