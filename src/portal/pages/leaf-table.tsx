/** Rated items under a node (or any list of them) grouped by their parent, with ratings per year. */
import type { Preferences } from '../../web/preferences.js';
import { RatingGrid, type RatingGridGroup } from '../../web/ui/rating-grid.js';
import { pt } from '../messages.js';
import type { PublicDataset, PublicItem } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';

function groupByParent(data: PublicDataset, leaves: PublicItem[]): { parent: PublicItem | undefined; items: PublicItem[] }[] {
  const groups: { parent: PublicItem | undefined; items: PublicItem[] }[] = [];
  for (const leaf of leaves) {
    const last = groups[groups.length - 1];
    if (last && last.parent?.code === leaf.parentCode) last.items.push(leaf);
    else groups.push({ parent: leaf.parentCode ? data.itemsByCode.get(leaf.parentCode) : undefined, items: [leaf] });
  }
  return groups;
}

export function LeafTable({ data, leaves, caption, prefs }: { data: PublicDataset; leaves: PublicItem[]; caption: string; prefs: Preferences }) {
  const slug = data.plan.slug;
  const tiers = data.plan.tiers;
  const level = leaves[0]?.level ?? data.plan.primaryLevel;
  // The seed report names no departments: an empty column would only crowd phones.
  const showDepartment = leaves.some((l) => l.departmentName !== null);
  const groups: RatingGridGroup[] = groupByParent(data, leaves).map((g) => ({
    header: g.parent ? <a href={href(prefs, portalUrls.item(slug, g.parent.code))}>{g.parent.name}</a> : '',
    rows: g.items.map((leaf) => ({
      header: <a href={href(prefs, portalUrls.item(slug, leaf.code))}>{leaf.name}</a>,
      ...(showDepartment ? { extra: [leaf.departmentName ?? ''] } : {}),
      ratings: new Map(leaf.ratings.map((r) => [r.fiscalYear, r])),
    })),
  }));
  return (
    <RatingGrid
      caption={caption}
      groupColumn={tiers[level - 2] ?? ''}
      rowColumn={tiers[level - 1] ?? ''}
      extraColumns={showDepartment ? [pt(prefs.lang, 'department')] : []}
      fiscalYears={data.fiscalYears}
      era={prefs.era}
      groups={groups}
    />
  );
}

export function AnnotationNote({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  if (data.annotationKinds.length === 0) return null;
  return (
    <p class="note">
      {pt(prefs.lang, 'annotationsPrefix')}
      {data.annotationKinds.map((a) => `${a.mark} ${a.meaning}`).join('　')}
    </p>
  );
}
