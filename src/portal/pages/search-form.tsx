/** The portal's search box, on the home, plan and search pages. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';

export function SearchForm({ prefs, query }: { prefs: Preferences; query: string }) {
  // A GET form replaces the action's query with its fields (the hidden inputs below carry
  // the preferences live); the action keeps them too so the static export maps it per variant.
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is what every browser and screen reader knows; <search> is too new.
    <form class="search" role="search" method="get" action={href(prefs, portalUrls.search())}>
      <label for="portal-q">{pt(prefs.lang, 'searchLabel')}</label>
      <input id="portal-q" type="search" name="q" value={query} maxLength={100} />
      {prefs.lang !== 'ja' && <input type="hidden" name="lang" value={prefs.lang} />}
      {prefs.era !== 'wareki' && <input type="hidden" name="era" value={prefs.era} />}
      <button type="submit">{pt(prefs.lang, 'search')}</button>
    </form>
  );
}
