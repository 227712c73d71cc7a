/** The portal's front page: what it is, the search box and the published plans. */
import type { Preferences } from '../../web/preferences.js';
import { ItemList } from '../../web/ui/item-list.js';
import { pt } from '../messages.js';
import type { PublicPlanRef } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { href, yearLong } from './format.js';
import { PortalLayout } from './portal-layout.js';
import { SearchForm } from './search-form.js';

export function PortalHomePage({ plans, prefs, path }: { plans: PublicPlanRef[]; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  return (
    <PortalLayout title={pt(lang, 'homeTitle')} prefs={prefs} path={path}>
      <h1>{pt(lang, 'homeHeading')}</h1>
      <p>{pt(lang, 'homeIntro')}</p>
      <SearchForm prefs={prefs} query="" />
      <h2>{pt(lang, 'publishedPlans')}</h2>
      <ItemList
        items={plans}
        empty={pt(lang, 'noPublishedPlans')}
        item={(p) => (
          <>
            <a href={href(prefs, portalUrls.plan(p.slug))}>{p.name}</a>
            {pt(lang, 'publishedUntil', { year: yearLong(p.publishedUntilFiscalYear, prefs) })}
          </>
        )}
      />
    </PortalLayout>
  );
}
