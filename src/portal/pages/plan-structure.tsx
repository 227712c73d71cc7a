/** Partials of the plan's portal home: the trend sentence and the tree of pillars and measures. */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { trendsOf } from '../portal-stats.js';
import { leafItems, type PublicDataset, type PublicItem } from '../public-data.js';
import { ItemLink } from './item-link.js';

export function Trends({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  const years = data.fiscalYears;
  if (years.length < 2) return null;
  const counts = trendsOf(data);
  const span = `${fiscalYearLabel(years[0]!, prefs.era)}→${fiscalYearLabel(years[years.length - 1]!, prefs.era)}`;
  return (
    <p>
      {pt(prefs.lang, 'trendIntro', { span })}
      {pt(prefs.lang, 'trendCounts', counts)}
    </p>
  );
}

function childCount(data: PublicDataset, item: PublicItem): number {
  return leafItems(data).filter((l) => l.ancestorCodes.includes(item.code)).length;
}

export function PlanStructure({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  const { plan } = data;
  const slug = plan.slug;
  const pillars = data.items.filter((i) => i.parentCode === null);
  return (
    <div class="tree">
      <ul>
        {pillars.map((p) => (
          <li>
            <ItemLink slug={slug} item={p} prefs={prefs} />
            <ul>
              {p.childCodes.map((c) => {
                const m = data.itemsByCode.get(c)!;
                return (
                  <li>
                    <ItemLink slug={slug} item={m} prefs={prefs} />
                    {pt(prefs.lang, 'subItemCount', { tier: plan.tiers[plan.tiers.length - 1] ?? '', count: childCount(data, m) })}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
