/** 「この年度の変化」: the published ratings of one fiscal year against the year before. */
import { ChangesView } from '../../insights/changes-view.js';
import type { YearChanges } from '../../insights/year-changes.js';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { DownloadLinks } from './download-links.js';
import { href, yearLong } from './format.js';
import { PlanPortalPage } from './plan-portal-page.js';

export function ChangesPage({
  data,
  changes,
  years,
  prefs,
  path,
}: {
  data: PublicDataset;
  changes: YearChanges | undefined;
  years: readonly number[];
  prefs: Preferences;
  path: string;
}) {
  const lang = prefs.lang;
  const slug = data.plan.slug;
  const heading = changes ? pt(lang, 'changesHeading', { year: yearLong(changes.fiscalYear, prefs) }) : pt(lang, 'changesTitle');
  return (
    <PlanPortalPage data={data} prefs={prefs} path={path} title={heading} heading={heading}>
      <ChangesView
        changes={changes}
        none={pt(lang, 'changesNone')}
        years={years}
        prefs={prefs}
        itemHref={(code) => href(prefs, portalUrls.item(slug, code))}
        yearHref={(fy) => href(prefs, portalUrls.changes(slug, fy))}
      />
      <DownloadLinks slug={slug} table="changes" prefs={prefs} />
    </PlanPortalPage>
  );
}
