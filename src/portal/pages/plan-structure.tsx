/**
 * Partials of the plan's portal home: the trend sentence and the plan's tree down to
 * two tiers above the rated one (柱 → 施策 in the sample, 基本目標 in a 3-tier plan),
 * its deepest shown items counting the rated items under them.
 */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { trendsOf } from '../portal-stats.js';
import { primaryTierName, ratedItems, type PublicDataset, type PublicItem } from '../public-data.js';
import { ItemLink } from './item-link.js';

export function Trends({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  const years = data.fiscalYears;
  if (years.length < 2) return null;
  const counts = trendsOf(data);
  const span = `${fiscalYearLabel(years[0]!, prefs.era)}→${fiscalYearLabel(years[years.length - 1]!, prefs.era)}`;
  return (
    <p>
      {pt(prefs.lang, 'trendIntro', { span, tier: primaryTierName(data) })}
      {pt(prefs.lang, 'trendCounts', counts)}
    </p>
  );
}

/** Rated items under each item, counted once over the whole plan. */
function ratedCounts(data: PublicDataset): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of ratedItems(data)) for (const code of item.ancestorCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

export function PlanStructure({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  const slug = data.plan.slug;
  const deepest = Math.max(1, data.plan.primaryLevel - 2);
  const counts = ratedCounts(data);
  const tier = primaryTierName(data);
  const branch = (items: PublicItem[]) => (
    <ul>
      {items.map((item) => (
        <li>
          <ItemLink slug={slug} item={item} prefs={prefs} />
          {item.level >= deepest || item.childCodes.length === 0
            ? pt(prefs.lang, 'subItemCount', { tier, count: counts.get(item.code) ?? 0 })
            : branch(item.childCodes.map((c) => data.itemsByCode.get(c)!))}
        </li>
      ))}
    </ul>
  );
  return <div class="tree">{branch(data.items.filter((i) => i.parentCode === null))}</div>;
}
