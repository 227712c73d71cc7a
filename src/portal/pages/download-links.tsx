/** The "download this table" line under a portal table. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { portalUrls } from '../urls.js';

export function DownloadLinks({ slug, table, prefs }: { slug: string; table: string; prefs: Preferences }) {
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
          {pt(lang, 'allSubItemsOpen')}
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
