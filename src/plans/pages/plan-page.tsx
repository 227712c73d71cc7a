/**
 * The plan's page: its facts, the summary table, and the tree with every rated
 * item's rating per fiscal year, laid out like the published report's tables
 * (plan-tree.tsx), for a plan of any depth. A plan of more than PLAN_PAGE_FULL_ITEMS
 * items shows its tables collapsed to counts, with one branch opened on request.
 */
import type { ScaleCode, TierSummary, YearSummary } from '../../evaluations/summary.js';
import { reportListPath } from '../../reports/report-urls.js';
import { t } from '../../web/i18n.js';
import { Layout, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { SummaryTable } from '../../web/ui/summary-table.js';
import { plt } from '../messages.js';
import type { PlanDetail, PlanTree } from '../plan-queries.js';
import { planPath } from '../plan-urls.js';
import { PlanFacts } from './plan-facts.js';
import { PlanTreeView, type OpenedBranch } from './plan-tree.js';
import { Section } from '../../web/ui/section.js';

/** Above this many items the page shows counts and opens one branch at a time. */
export const PLAN_PAGE_FULL_ITEMS = 1000;

export interface PlanPageData {
  plan: PlanDetail;
  tree: PlanTree;
  summary: YearSummary[];
  scale: ScaleCode[];
  annotationKinds: { mark: string; meaning: string }[];
  /** The rated tiers other than the primary one, each with its own table. */
  otherTiers?: TierSummary[];
}

export interface PlanPageView {
  /** The branch `?open=` named, found in the tree. */
  open?: { code: string; name: string; branch: OpenedBranch };
  /** Items above which the tables collapse (PLAN_PAGE_FULL_ITEMS unless a test says otherwise). */
  fullItems?: number;
}

function ReportLinks({ slug, prefs }: { slug: string; prefs: Preferences }) {
  return (
    <Section id="reports-heading" title={plt(prefs.lang, 'reports')}>
      <p>
        <a href={withPreference(reportListPath(slug), prefs, {})}>{plt(prefs.lang, 'reportsLink')}</a>
      </p>
      <p>
        <a href={withPreference(`${planPath(slug)}/changes`, prefs, {})}>{plt(prefs.lang, 'changesLink')}</a>
      </p>
    </Section>
  );
}

export function PlanPage({ data, prefs, path, view = {} }: { data: PlanPageData; prefs: Preferences; path: string; view?: PlanPageView }) {
  const { plan, tree, summary, scale, annotationKinds } = data;
  const lang = prefs.lang;
  const ratedTier = plan.tiers[plan.primaryLevel - 1] ?? '';
  const collapsed = tree.byId.size > (view.fullItems ?? PLAN_PAGE_FULL_ITEMS);
  return (
    <Layout title={plan.name} prefs={prefs} path={path}>
      <h1>{plan.name}</h1>
      <PlanFacts plan={plan} prefs={prefs} />
      <ReportLinks slug={plan.slug} prefs={prefs} />
      <h2 id="summary">{t(lang, 'summaryTitle')}</h2>
      <SummaryTable years={summary} scale={scale} prefs={prefs} />
      {(data.otherTiers ?? []).map((tier) => (
        <SummaryTable years={tier.years} scale={tier.scale} prefs={prefs} caption={plt(lang, 'tierSummaryCaption', { tier: tier.tierName })} />
      ))}
      <h2 id="ratings">{plt(lang, 'ratingsOf', { tier: ratedTier })}</h2>
      {annotationKinds.length > 0 && (
        <p class="note">
          {t(lang, 'annotations')}: {annotationKinds.map((a) => `${a.mark} ${a.meaning}`).join('　')}
        </p>
      )}
      {collapsed && (
        <p class="note">
          {plt(lang, 'collapsedNote', { count: tree.byId.size, tier: plan.tiers[plan.primaryLevel - 2] ?? ratedTier, rated: ratedTier })}
          {view.open && (
            <>
              {' '}
              {plt(lang, 'openedNote', { name: view.open.name })}{' '}
              <a href={`${withPreference(planPath(plan.slug), prefs, {})}#ratings`}>{plt(lang, 'showAll')}</a>
            </>
          )}
        </p>
      )}
      <PlanTreeView plan={plan} tree={tree} scale={scale} prefs={prefs} view={{ collapsed, ...(view.open ? { open: view.open.branch } : {}) }} />
    </Layout>
  );
}
