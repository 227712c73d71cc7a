/** The staff's 「この年度の変化」 page of a plan: every stored rating, published or not. */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { planPath } from '../../plans/plan-urls.js';
import { Layout, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { ChangesView } from '../changes-view.js';
import { insightUrls, staffItemHref } from '../insights-urls.js';
import { it } from '../messages.js';
import type { YearChanges } from '../year-changes.js';

export function StaffChangesPage({
  plan,
  changes,
  years,
  prefs,
  path,
}: {
  plan: { slug: string; name: string };
  changes: YearChanges | undefined;
  years: readonly number[];
  prefs: Preferences;
  path: string;
}) {
  const lang = prefs.lang;
  const heading = changes ? it(lang, 'changesHeading', { year: fiscalYearLabel(changes.fiscalYear, prefs.era, 'long') }) : it(lang, 'changesTitle');
  return (
    <Layout title={`${heading} | ${plan.name}`} prefs={prefs} path={path}>
      <p>
        <a href={withPreference(planPath(plan.slug), prefs, {})}>{plan.name}</a>
      </p>
      <h1>{heading}</h1>
      <ChangesView
        changes={changes}
        none={it(lang, 'noYears')}
        years={years}
        prefs={prefs}
        itemHref={(code) => staffItemHref(prefs, plan.slug, code)}
        yearHref={(fy) => withPreference(insightUrls.changes(plan.slug, fy), prefs, {})}
      />
    </Layout>
  );
}
