/**
 * The plan's page: its facts, the summary table, and the tree with every
 * sub-item's rating per fiscal year, laid out like the published report's tables.
 */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { ScaleCode, YearSummary } from '../../evaluations/summary.js';
import { reportListPath } from '../../reports/report-urls.js';
import { t } from '../../web/i18n.js';
import { Layout, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { RatingGrid } from '../../web/ui/rating-grid.js';
import { SummaryTable } from '../../web/ui/summary-table.js';
import { plt } from '../messages.js';
import type { PlanDetail, PlanTree, TreeNode } from '../plan-queries.js';
import { PlanFacts } from './plan-facts.js';

export interface PlanPageData {
  plan: PlanDetail;
  tree: PlanTree;
  summary: YearSummary[];
  scale: ScaleCode[];
  annotationKinds: { mark: string; meaning: string }[];
}

/** The programs of one measure: program cells span their sub-items, as merged cells do in the report. */
export function MeasureTable({ measure, tiers, years, prefs }: { measure: TreeNode; tiers: string[]; years: number[]; prefs: Preferences }) {
  const groups = measure.children.map((program) => ({
    header: program.name,
    rows: program.children.map((sub) => ({
      header: (
        <>
          {sub.name}
          {sub.endedFromFiscalYear !== null && (
            <>
              {' '}
              <span class="badge">{plt(prefs.lang, 'endedFrom', { year: fiscalYearLabel(sub.endedFromFiscalYear, prefs.era) })}</span>
            </>
          )}
        </>
      ),
      ratings: sub.ratings,
    })),
  }));
  return <RatingGrid caption={measure.name} groupColumn={tiers[2] ?? ''} rowColumn={tiers[3] ?? ''} fiscalYears={years} era={prefs.era} groups={groups} />;
}

function ReportLinks({ slug, prefs }: { slug: string; prefs: Preferences }) {
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{plt(prefs.lang, 'reports')}</h2>
      <p>
        <a href={withPreference(reportListPath(slug), prefs, {})}>{plt(prefs.lang, 'reportsLink')}</a>
      </p>
    </section>
  );
}

export function PlanPage({ data, prefs, path }: { data: PlanPageData; prefs: Preferences; path: string }) {
  const { plan, tree, summary, scale, annotationKinds } = data;
  const lang = prefs.lang;
  return (
    <Layout title={plan.name} prefs={prefs} path={path}>
      <h1>{plan.name}</h1>
      <PlanFacts plan={plan} prefs={prefs} />
      <ReportLinks slug={plan.slug} prefs={prefs} />
      <h2 id="summary">{t(lang, 'summaryTitle')}</h2>
      <SummaryTable years={summary} scale={scale} prefs={prefs} />
      <h2 id="ratings">{t(lang, 'ratingsTitle')}</h2>
      {annotationKinds.length > 0 && (
        <p class="note">
          {t(lang, 'annotations')}: {annotationKinds.map((a) => `${a.mark} ${a.meaning}`).join('　')}
        </p>
      )}
      {tree.roots.map((pillar) => (
        <section aria-labelledby={`item-${pillar.id}`}>
          <h3 id={`item-${pillar.id}`}>
            {plan.tiers[0] ?? ''}：{pillar.name}
          </h3>
          {pillar.children.map((measure) => (
            <section aria-label={measure.name}>
              <h4>
                {plan.tiers[1] ?? ''}：{measure.name}
              </h4>
              <MeasureTable measure={measure} tiers={plan.tiers} years={tree.fiscalYears} prefs={prefs} />
            </section>
          ))}
        </section>
      ))}
    </Layout>
  );
}
