/**
 * The plan's page: its facts, the summary table, and the tree with every
 * sub-item's rating per fiscal year, laid out like the published report's tables.
 */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import type { ScaleCode, YearSummary } from '../evaluations/summary.js';
import { Layout, withPreference } from '../web/layout.js';
import { RatingText, SummaryTable, ratingClass } from '../web/components.js';
import { t } from '../web/i18n.js';
import type { Preferences } from '../web/preferences.js';
import type { PlanDetail, PlanSummaryRow, PlanTree, TreeNode } from './plan-queries.js';
import { ReportLinks } from '../reports/pages/report-links.js';

export interface PlanPageData {
  plan: PlanDetail;
  tree: PlanTree;
  summary: YearSummary[];
  scale: ScaleCode[];
  annotationKinds: { mark: string; meaning: string }[];
}

function yearLong(fy: number, prefs: Preferences): string {
  return fiscalYearLabel(fy, prefs.era, 'long');
}

function PlanFacts({ plan, prefs }: { plan: PlanDetail; prefs: Preferences }) {
  const ja = prefs.lang === 'ja';
  return (
    <dl class="facts">
      <dt>{t(prefs.lang, 'period')}</dt>
      <dd>
        {yearLong(plan.startFiscalYear, prefs)}〜{yearLong(plan.endFiscalYear, prefs)}
        {plan.extensions.map((e) => (
          <div>
            {ja ? `${yearLong(e.toEndFiscalYear, prefs)}まで延長` : `extended to ${yearLong(e.toEndFiscalYear, prefs)}`}
            {e.decidedFiscalYear !== null && (ja ? `（${yearLong(e.decidedFiscalYear, prefs)}決定）` : ` (decided ${yearLong(e.decidedFiscalYear, prefs)})`)}
            ：{e.reason}
          </div>
        ))}
      </dd>
      {plan.predecessorName && (
        <>
          <dt>{ja ? '前計画' : 'Predecessor'}</dt>
          <dd>{plan.predecessorName}</dd>
        </>
      )}
      {plan.successorName && (
        <>
          <dt>{ja ? '後継' : 'Successor'}</dt>
          <dd>{plan.successorName}</dd>
        </>
      )}
      {plan.designations.length > 0 && (
        <>
          <dt>{ja ? '位置付け' : 'Designations'}</dt>
          <dd>
            {plan.designations.map((d) => (
              <div>
                {d.name}
                {d.fromFiscalYear !== null && (ja ? `（${yearLong(d.fromFiscalYear, prefs)}〜）` : ` (from ${yearLong(d.fromFiscalYear, prefs)})`)}
              </div>
            ))}
          </dd>
        </>
      )}
      <dt>{ja ? '階層' : 'Tiers'}</dt>
      <dd>{plan.tiers.join(' → ')}</dd>
    </dl>
  );
}

/** A table of the programs of one measure: program cells span their sub-items, as merged cells do in the report. */
export function MeasureTable({ measure, tiers, years, prefs }: { measure: TreeNode; tiers: string[]; years: number[]; prefs: Preferences }) {
  return (
    <div class="table-wrap">
      <table class="ratings">
        <caption>{measure.name}</caption>
        <thead>
          <tr>
            <th scope="col">{tiers[2] ?? ''}</th>
            <th scope="col">{tiers[3] ?? ''}</th>
            {years.map((fy) => (
              <th scope="col" class="num">{fiscalYearLabel(fy, prefs.era)}</th>
            ))}
          </tr>
        </thead>
        {measure.children.map((program) => (
          <tbody>
            {program.children.map((sub, i) => (
              <tr>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={program.children.length}>{program.name}</th>
                )}
                <th scope="row">
                  {sub.name}
                  {sub.endedFromFiscalYear !== null && (
                    <>
                      {' '}
                      <span class="badge">
                        {prefs.lang === 'ja' ? `事業終了（${fiscalYearLabel(sub.endedFromFiscalYear, prefs.era)}〜）` : `ended ${fiscalYearLabel(sub.endedFromFiscalYear, prefs.era)}`}
                      </span>
                    </>
                  )}
                </th>
                {years.map((fy) => {
                  const cell = sub.ratings.get(fy);
                  return (
                    <td class={`rating ${cell ? ratingClass(cell.code) : ''}`}>
                      <RatingText cell={cell} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
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
          {t(lang, 'annotations')}:{' '}
          {annotationKinds.map((a) => `${a.mark} ${a.meaning}`).join('　')}
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

export function PlanListPage({ plans, prefs, path }: { plans: PlanSummaryRow[]; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  return (
    <Layout title={t(lang, 'plans')} prefs={prefs} path={path}>
      <h1>{t(lang, 'plans')}</h1>
      {plans.length === 0 ? (
        <p>{t(lang, 'noPlans')}</p>
      ) : (
        <ul>
          {plans.map((p) => (
            <li>
              <a href={withPreference(`/plans/${encodeURIComponent(p.slug)}`, prefs, {})}>{p.name}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
