/** A narrative (progress, opinion) with who wrote it and what it is about, search matches marked. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset, PublicNarrative } from '../public-data.js';
import type { Fragment } from '../search.js';
import { roleLabel } from './format.js';

export function Highlighted({ fragments }: { fragments: Fragment[] }) {
  return <>{fragments.map((f) => (f.match ? <mark>{f.text}</mark> : f.text))}</>;
}

export function NarrativeBlock({
  data,
  narrative,
  prefs,
  highlight,
}: {
  data: PublicDataset;
  narrative: PublicNarrative;
  prefs: Preferences;
  highlight?: Fragment[];
}) {
  const about = narrative.itemCode ? data.itemsByCode.get(narrative.itemCode) : undefined;
  return (
    <div class="narrative">
      <p class="who">
        {roleLabel(narrative.authorRole, prefs, data)}
        {' — '}
        {about ? `${about.tierName}：${about.name}` : pt(prefs.lang, 'wholePlan')}
      </p>
      <p>{highlight ? <Highlighted fragments={highlight} /> : narrative.body}</p>
    </div>
  );
}
