/**
 * Figures of the report: the plan's summary table and chart, and the pillars' count
 * tables and charts. Charts are the shared rating chart, each paired with its table.
 */
import type { ComponentChildren } from 'preact';
import type { ScaleCode } from '../../../evaluations/summary.js';
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { RatingChart, type RatingChartYear } from '../../../web/ui/rating-chart.js';
import { YearRow } from '../../../web/ui/year-row.js';
import { formatRate, shortYear, summaryCaption, summaryYearLabel } from '../../labels.js';
import { NARRATIVE_KIND_LABELS, t } from '../../messages.js';
import { printedPlaces, type ReportModel, type ReportNarrative, type ReportTablePlace } from '../../report-model.js';

/** Counts of one year: a pillar's or the plan's. */
export interface CountsYear {
  fiscalYear: number;
  /** The label the city printed for the year ("R1"), when known. */
  printedLabel?: string | null;
  counts: Record<string, number>;
  total: number;
  achievementRate: number | null;
}

export function chartYears(years: readonly CountsYear[], era: EraStyle): RatingChartYear[] {
  return years.map((y) => ({
    label: summaryYearLabel(y, era),
    counts: y.counts,
    total: y.total,
    rate: y.achievementRate,
    rateLabel: formatRate(y.achievementRate),
  }));
}

/**
 * The plan's summary table as the city prints it (評価 × 年度, the codes and the total,
 * its own caption and year labels in 和暦); the achievement-rate row is hyoka's and
 * says so (参考), as do the notes under the table.
 */
export function SummaryTable({ model, era, caption }: { model: ReportModel; era: EraStyle; caption?: string | null }) {
  const years = model.summary.years;
  const anyReported = years.some((y) => y.source === 'reported');
  const mismatched = (y: (typeof years)[number]) =>
    y.source === 'computed' && y.reportedCounts !== null && model.scale.some((c) => (y.reportedCounts?.[c.code] ?? 0) !== (y.counts[c.code] ?? 0));
  // The printed caption is in 和暦; read in 西暦 the caption is made from the years.
  const title = era === 'wareki' && caption ? caption : summaryCaption(model, era);
  return (
    <div class="summary-block">
      <table class="summary" data-table="summary">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('ja', 'ratingRowHead')}
            </th>
            <th scope="colgroup" colSpan={years.length}>
              {t('ja', 'yearHead')}
            </th>
          </tr>
          <tr>
            {years.map((y) => (
              <th scope="col" class="num" data-fy={y.fiscalYear}>
                {summaryYearLabel(y, era)}
                {y.source === 'reported' && <span class="addition-mark">＊</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.scale.map((c) => (
            <YearRow code={c.code} head={c.code} years={years} value={(y) => y.counts[c.code] ?? 0} />
          ))}
          <YearRow code="total" head={t('ja', 'total')} years={years} value={(y) => y.total} />
        </tbody>
        <tbody class="addition">
          <YearRow code="rate" head={t('ja', 'achievementRateAddition')} years={years} value={(y) => formatRate(y.achievementRate)} />
        </tbody>
      </table>
      {anyReported && <p class="note">{t('ja', 'reportedNote')}</p>}
      {years.filter(mismatched).map((y) => (
        <p class="note mismatch">
          {t('ja', 'mismatchNote', {
            year: shortYear(y.fiscalYear, era),
            counts: model.scale.map((c) => `${c.code} ${y.reportedCounts?.[c.code] ?? 0}`).join('、'),
          })}
        </p>
      ))}
    </div>
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
          <YearRow head={c.code} years={years} value={(y) => y.counts[c.code] ?? 0} />
        ))}
        <YearRow head={t('ja', 'total')} years={years} value={(y) => y.total} />
        <YearRow head={t('ja', 'achievementRate')} years={years} value={(y) => formatRate(y.achievementRate)} />
      </tbody>
    </table>
  );
}

export function ChartFigure(props: {
  id: string;
  title: string;
  years: readonly CountsYear[];
  scale: readonly ScaleCode[];
  era: EraStyle;
  children?: ComponentChildren;
}) {
  const { id, title, years, scale, era, children } = props;
  return (
    <figure class="chart-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <RatingChart id={id} title={title} lang="ja" series={scale.map((c) => ({ code: c.code, label: c.code }))} years={chartYears(years, era)} />
      {children}
    </figure>
  );
}

/** Narratives with the tables placed among their paragraphs (counted across the narratives). */
function NarrativesWithTables({
  list,
  places,
  table,
}: {
  list: readonly ReportNarrative[];
  places: readonly ReportTablePlace[];
  table: (place: ReportTablePlace) => ComponentChildren;
}) {
  let before = 0;
  const total = list.reduce((n, x) => n + x.paragraphs.length, 0);
  const at = (n: number) => places.filter((p) => Math.min(p.afterParagraphs, total) === n).map(table);
  return (
    <div class="narratives">
      {at(0)}
      {list.map((n) => {
        const first = before;
        before += n.paragraphs.length;
        const label = NARRATIVE_KIND_LABELS[n.kind] ?? n.kind;
        // A table between two narratives goes between their blocks; one inside a narrative, between its paragraphs.
        return (
          <>
            <div class="narrative" data-narrative-id={n.id} data-item={n.itemCode ?? ''}>
              {label && <p class="kind">【{label}】</p>}
              {n.paragraphs.map((text, i) => (
                <>
                  <p>{text}</p>
                  {i + 1 < n.paragraphs.length && at(first + i + 1)}
                </>
              ))}
            </div>
            {at(before)}
          </>
        );
      })}
    </div>
  );
}

/**
 * The plan as a whole: the expert's opinion with the summary table where the city
 * printed it (after its last paragraph when the place is unknown), then hyoka's chart
 * of the same figures, marked as a reference.
 */
export function PlanSummary({ model, era }: { model: ReportModel; era: EraStyle }) {
  const places = model.tablePlaces.filter((p) => p.section === 'plan-expert-opinion');
  const summaryPlaced = printedPlaces(model, 'summary').length > 0;
  const table = (place: ReportTablePlace) => (place.table === 'summary' ? <SummaryTable model={model} era={era} caption={place.caption} /> : null);
  return (
    <section class="plan-opinion">
      <h2 id="sec-plan-opinion">{model.planOpinion.scopeLabel}</h2>
      {model.planOpinion.narratives.length > 0 && (
        <>
          <h3>{model.planOpinion.heading}</h3>
          <NarrativesWithTables list={model.planOpinion.narratives} places={places} table={table} />
        </>
      )}
      {!summaryPlaced && <SummaryTable model={model} era={era} />}
      <ChartFigure id="chart-plan" title={t('ja', 'planChartTitle', { plan: model.plan.name })} years={model.summary.years} scale={model.scale} era={era} />
    </section>
  );
}
