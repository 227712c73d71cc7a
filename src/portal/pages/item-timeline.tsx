/** An item's year-by-year story: each year's rating, its reason and the narratives of that year. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset, PublicItem, PublicNarrative } from '../public-data.js';
import { yearLong } from './format.js';
import { NarrativeBlock } from './narrative-block.js';

export function ItemTimeline({ data, item, narratives, prefs }: { data: PublicDataset; item: PublicItem; narratives: PublicNarrative[]; prefs: Preferences }) {
  const lang = prefs.lang;
  const years = [...new Set([...item.ratings.map((r) => r.fiscalYear), ...narratives.map((n) => n.fiscalYear)])].sort((a, b) => b - a);
  if (years.length === 0 || narratives.length + item.ratings.filter((r) => r.reason).length === 0) {
    return <p>{pt(lang, 'noPublishedNarratives')}</p>;
  }
  return (
    <ol class="timeline">
      {years.map((fy) => {
        const rating = item.ratings.find((r) => r.fiscalYear === fy);
        const ofYear = narratives.filter((n) => n.fiscalYear === fy);
        if (ofYear.length === 0 && !rating?.reason) return null;
        return (
          <li>
            <h3>
              {yearLong(fy, prefs)}
              {rating && (
                <>
                  {' — '}
                  {pt(lang, 'ratingPrefix')}
                  {rating.code}
                  {rating.marks.join('')}
                </>
              )}
            </h3>
            {rating?.reason && (
              <div class="narrative">
                <p class="who">{pt(lang, 'ratingReason')}</p>
                <p>{rating.reason}</p>
              </div>
            )}
            {ofYear.map((n) => (
              <NarrativeBlock data={data} narrative={n} prefs={prefs} />
            ))}
          </li>
        );
      })}
    </ol>
  );
}
