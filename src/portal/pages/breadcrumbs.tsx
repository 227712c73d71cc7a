/** Where a portal page sits: portal › plan › the item's ancestors › the item. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset, PublicItem } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';

export function Breadcrumbs({ data, item, prefs }: { data: PublicDataset; item?: PublicItem; prefs: Preferences }) {
  const slug = data.plan.slug;
  const trail = item ? item.ancestorCodes.map((c) => data.itemsByCode.get(c)!).filter(Boolean) : [];
  return (
    <nav class="breadcrumbs" aria-label={pt(prefs.lang, 'breadcrumbs')}>
      <ol>
        <li>
          <a href={href(prefs, portalUrls.home())}>{pt(prefs.lang, 'portal')}</a>
        </li>
        <li>
          <a href={href(prefs, portalUrls.plan(slug))}>{data.plan.name}</a>
        </li>
        {trail.map((a) => (
          <li>
            <a href={href(prefs, portalUrls.item(slug, a.code))}>{a.name}</a>
          </li>
        ))}
        {item && <li aria-current="page">{item.name}</li>}
      </ol>
    </nav>
  );
}
