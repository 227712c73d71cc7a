/** A link to an item's page labelled with its tier and name: "施策：…". */
import type { Preferences } from '../../web/preferences.js';
import type { PublicItem } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';

export function ItemLink({ slug, item, prefs }: { slug: string; item: PublicItem; prefs: Preferences }) {
  return (
    <a href={href(prefs, portalUrls.item(slug, item.code))}>
      {item.tierName}：{item.name}
    </a>
  );
}
