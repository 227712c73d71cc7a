/**
 * 参考：この年度の変化（自動生成）— an optional section of the report, computed from
 * the report's own model (its summary and its rated rows): the round's year against the
 * year before, the items whose rating changed, the stagnant ones, and a chart of counts
 * across years. Marked as generated. Shown by default for rounds run in the app, not for
 * imported reports, whose text is the published one (evaluation_rounds.generated_section).
 */
import { DEFAULT_STAGNANT_YEARS } from '../../../analysis/stagnation.js';
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { fiscalYearLabel } from '../../../fiscal/fiscal-year.js';
import { it } from '../../../insights/messages.js';
import { yearChanges, type InsightInput, type InsightItem } from '../../../insights/year-changes.js';
import { RatingChart } from '../../../web/ui/rating-chart.js';
import { formatRate } from '../../../web/ui/format.js';
import type { ReportModel, ReportNode } from '../../report-model.js';
import { chartYears } from './summary.js';

/** How many consecutive not-achieved years make an item stagnant here (the portal's rule). */

/** The round's choice (report-queries: its setting, else on when the round was run in the app). */
export function showsInsightsSection(model: ReportModel): boolean {
  return model.round.generatedSection;
}

function rows(nodes: readonly ReportNode[], level: number, out: ReportNode[] = []): ReportNode[] {
  for (const n of nodes) {
    if (n.level === level) out.push(n);
    rows(n.children, level, out);
  }
  return out;
}

/** The report's rated rows and summary as the changes' input. */
export function reportInsightInput(model: ReportModel): InsightInput {
  const level = model.structure.rowLevel;
  const items: InsightItem[] = rows(model.nodes, level).map((n) => ({
    id: n.id,
    code: n.code,
    name: n.name,
    level,
    ratings: new Map(n.ratings.flatMap((r) => (r.code === null ? [] : [[r.fiscalYear, { code: r.code, marks: r.marks }] as const]))),
  }));
  const tierName = rows(model.nodes, level)[0]?.tierName ?? model.plan.tiers[level - 1] ?? '';
  return { tiers: [{ level, tierName, primary: true, scale: model.scale, years: model.summary.years }], items };
}

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

export function InsightsSection({ model, era }: { model: ReportModel; era: EraStyle }) {
  const input = reportInsightInput(model);
  const plan = yearChanges(input, model.round.untilFiscalYear, { stagnantYears: DEFAULT_STAGNANT_YEARS }).plan;
  if (!plan || plan.previousFiscalYear === null) return null;
  const year = fiscalYearLabel(plan.fiscalYear, era);
  const prev = fiscalYearLabel(plan.previousFiscalYear, era);
  const changed = plan.items.filter((c) => c.kind === 'up' || c.kind === 'down' || c.kind === 'new' || c.kind === 'ended');
  return (
    <section class="insights generated" aria-labelledby="insights-h">
      <h2 id="insights-h">{it('ja', 'reportSectionHeading', { year })}</h2>
      <p class="note">
        <strong>{it('ja', 'generatedMark')}</strong> {it('ja', 'reportSectionNote')}
      </p>
      <figure class="chart">
        <RatingChart
          id="insights-chart"
          title={it('ja', 'reportChartTitle', { tier: plan.tierName })}
          lang="ja"
          series={model.scale.map((c) => ({ code: c.code, label: c.code }))}
          years={chartYears(model.summary.years, era)}
        />
      </figure>
      <table class="summary">
        <caption>{it('ja', 'tierChangeCaption', { tier: plan.tierName, prev, year })}</caption>
        <thead>
          <tr>
            <th scope="col">{it('ja', 'code')}</th>
            <th scope="col" class="num">
              {prev}
            </th>
            <th scope="col" class="num">
              {year}
            </th>
            <th scope="col" class="num">
              {it('ja', 'delta')}
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.counts.map((c) => (
            <tr>
              <th scope="row">{c.code}</th>
              <td class="num">{c.previous ?? '—'}</td>
              <td class="num">{c.current}</td>
              <td class="num">{signed(c.delta)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{it('ja', 'rate')}</th>
            <td class="num">{formatRate(plan.rate.previous)}</td>
            <td class="num">{formatRate(plan.rate.current)}</td>
            <td class="num">
              {plan.rate.deltaPoints === null
                ? '—'
                : it('ja', 'ratePoints', { points: `${plan.rate.deltaPoints > 0 ? '+' : ''}${plan.rate.deltaPoints.toFixed(2)}` })}
            </td>
          </tr>
        </tbody>
      </table>
      {changed.length > 0 && (
        <ul class="insights-items">
          {changed.map((c) => (
            <li>{it('ja', 'itemChange', { name: c.name, from: c.from?.code ?? '—', to: c.to?.code ?? '—', kind: it('ja', `kind_${c.kind}`) })}</li>
          ))}
        </ul>
      )}
      <p>
        {it('ja', 'labelled', {
          label: it('ja', 'stagnant', { years: DEFAULT_STAGNANT_YEARS }),
          text: plan.stagnant.length === 0 ? it('ja', 'none') : plan.stagnant.map((s) => s.name).join(it('ja', 'listSeparator')),
        })}
      </p>
    </section>
  );
}
