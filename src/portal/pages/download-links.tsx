/** The "download this table" line under a portal table. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { portalUrls } from '../urls.js';

/** `tier` names what the whole-plan ratings file holds (the rated tiers' names). */
export function DownloadLinks({ slug, table, prefs, tier = '' }: { slug: string; table: string; prefs: Preferences; tier?: string }) {
  const lang = prefs.lang;
  return (
    <p class="note">
      {pt(lang, 'downloadThisTable')}
      <a href={portalUrls.data(slug, `${table}.csv`)} download>
        CSV
      </a>
      {' / '}
      <a href={portalUrls.data(slug, `${table}.json`)}>JSON</a>
      {table.startsWith('ratings/') && (
        <>
          {pt(lang, 'allSubItemsOpen', { tier })}
          <a href={portalUrls.data(slug, 'ratings.csv')} download>
            CSV
          </a>
          {' / '}
          <a href={portalUrls.data(slug, 'ratings.json')}>JSON</a>
          {pt(lang, 'allSubItemsClose')}
        </>
      )}
    </p>
  );
}
