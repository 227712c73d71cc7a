/** A plan's portal home: period, latest achievement rate, the chart and summary, the structure, links onward. */
import type { Preferences } from '../../web/preferences.js';
import { formatRate } from '../../web/ui/format.js';
import { SummaryTable } from '../../web/ui/summary-table.js';
import { pt } from '../messages.js';
import { achievedOf, planWords, stagnationOf } from '../portal-stats.js';
import type { PublicDataset } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { RatingChart } from './chart.js';
import { DownloadLinks } from './download-links.js';
import { href, yearLong } from './format.js';
import { PlanStructure, Trends } from './plan-structure.js';
import { PlanPortalPage } from './plan-portal-page.js';
import { SearchForm } from './search-form.js';

export function PlanHomePage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const { plan } = data;
  const lang = prefs.lang;
  const slug = plan.slug;
  const latest = [...data.summary].reverse().find((y) => y.source === 'computed') ?? data.summary[data.summary.length - 1];
  const stagnant = stagnationOf(data);
  const words = planWords(data);
  return (
    <PlanPortalPage data={data} prefs={prefs} path={path} heading={plan.name}>
      <p>
        {pt(lang, 'planPeriod')}
        {yearLong(plan.startFiscalYear, prefs)}〜{yearLong(plan.effectiveEndFiscalYear, prefs)}
        {plan.effectiveEndFiscalYear !== plan.endFiscalYear && pt(lang, 'planExtended', { year: yearLong(plan.endFiscalYear, prefs) })}
      </p>
      {plan.description && <p>{plan.description}</p>}
      {latest && (
        <p class="kpi">
          {pt(lang, 'achievementIn', { year: yearLong(latest.fiscalYear, prefs) })}
          <strong>{formatRate(latest.achievementRate)}</strong>
          {pt(lang, 'achievementOf', { ...achievedOf(data, latest.counts), total: latest.total })}
        </p>
      )}
      <SearchForm prefs={prefs} query="" />
      <h2 id="summary">{pt(lang, 'ratingsByYear')}</h2>
      <RatingChart years={data.summary} scale={data.scale} prefs={prefs} id="rating-chart" />
      <SummaryTable years={data.summary} scale={data.scale} prefs={prefs} />
      {data.tierSummaries
        .filter((tier) => !tier.primary)
        .map((tier) => (
          <SummaryTable years={tier.years} scale={tier.scale} prefs={prefs} caption={pt(lang, 'tierSummaryCaption', { tier: tier.tierName })} />
        ))}
      <DownloadLinks slug={slug} table="summary" prefs={prefs} />
      <Trends data={data} prefs={prefs} />
      <h2 id="structure">{pt(lang, 'structure')}</h2>
      <PlanStructure data={data} prefs={prefs} />
      <h2 id="more">{pt(lang, 'more')}</h2>
      <ul>
        <li>
          <a href={href(prefs, portalUrls.stagnation(slug))}>{pt(lang, 'stagnationLink', words)}</a>
          {pt(lang, 'countInParens', { count: stagnant.length })}
        </li>
        <li>
          <a href={href(prefs, portalUrls.changes(slug))}>{pt(lang, 'changesLink')}</a>
        </li>
        <li>
          <a href={href(prefs, portalUrls.departments(slug))}>{pt(lang, 'byDepartment')}</a>
        </li>
        <li>
          <a href={href(prefs, portalUrls.downloads(slug))}>{pt(lang, 'downloadsLink')}</a>
        </li>
      </ul>
    </PlanPortalPage>
  );
}
