/**
 * /plans/{plan}/lineage: the plan's item mapping with the plan before and the plan after
 * (public plans only), and for each the two plans compared on the carried-over items
 * only (lineage-compare.ts), each on its own scale.
 */
import { compareCarriedOver } from '../lineage/lineage-compare.js';
import type { LineageRow } from '../lineage/lineage-queries.js';
import type { PublicDataset } from '../portal/public-data.js';

export function lineageResource(data: PublicDataset, others: ReadonlyMap<string, PublicDataset>) {
  const links = data.lineage.filter((l) => others.has(l.otherPlanSlug));
  const comparisons = [...others.values()].map((other) => {
    const mine = links.filter((l) => l.otherPlanSlug === other.plan.slug);
    const direction = mine[0]?.direction ?? 'predecessor';
    const [before, after] = direction === 'predecessor' ? [other, data] : [data, other];
    const ref = (d: PublicDataset, code: string | null) => {
      const item = code === null ? undefined : d.itemsByCode.get(code);
      return item ? { id: item.id, code: item.code, name: item.name } : null;
    };
    const rows: LineageRow[] = mine.map((l) => ({
      kind: l.kind,
      predecessor: ref(before, direction === 'predecessor' ? l.otherCode : l.itemCode),
      successor: ref(after, direction === 'predecessor' ? l.itemCode : l.otherCode),
    }));
    const ids = new Set(rows.flatMap((r) => (r.kind === 'carried_over' && r.predecessor && r.successor ? [r.predecessor.id, r.successor.id] : [])));
    const ratings = [before, after].flatMap((d) =>
      d.items.filter((i) => ids.has(i.id)).flatMap((i) => i.ratings.map((r) => ({ itemId: i.id, fiscalYear: r.fiscalYear, code: r.code }))),
    );
    const compared = compareCarriedOver(
      rows.filter((r) => r.predecessor && r.successor),
      ratings,
      { predecessor: before.scale, successor: after.scale },
    );
    return { predecessor: before.plan.slug, successor: after.plan.slug, carriedOverItems: compared.items, years: compared.years };
  });
  return {
    planSlug: data.plan.slug,
    links: links.map((l) => ({ direction: l.direction, kind: l.kind, itemCode: l.itemCode, otherPlanSlug: l.otherPlanSlug, otherCode: l.otherCode })),
    comparisons,
  };
}
