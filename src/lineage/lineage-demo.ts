/**
 * Demo data: a successor of the sample plan (named デモ, so nobody takes it for the
 * city's), with a few items mapped from the sample — carried over, merged, split, ended
 * and new — and one published year of made-up ratings, so the lineage can be tried at
 * once. The mapped items are the sample's own (its not-achieved sub-items of the last
 * year, then the next ones by code), found in the data, never hard-coded.
 */
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../db/db.js';
import type { ImportedNode, ImportedPlan } from '../imports/imported-plan.js';
import { storeImportedPlan } from '../imports/store-plan.js';
import { NOT_EVALUATED_MARK, scaleCodes } from '../evaluations/scale-codes.js';
import type { MappingRow } from './lineage-mapping.js';
import { saveLineage } from './lineage-store.js';

export const DEMO_SUCCESSOR_SLUG = 'demo-successor';
const ACTOR = 'system:demo';

const scale = {
  key: 'demo',
  name: '評点式評価',
  tierIndex: 1,
  codes: scaleCodes([
    ['A', '達成できた。'],
    ['B', '一部達成できなかった。'],
    ['C', '達成できなかった。'],
    [NOT_EVALUATED_MARK, '評価対象外'],
  ]),
};

/** Creates the demo successor and its mapping once; returns its slug, or null when the sample plan is absent. */
export async function ensureLineageDemo(db: Db, predecessorSlug: string): Promise<string | null> {
  // Done when the mapping exists; a run stopped between storing the plan and its mapping is completed.
  const existing = await db.query<{ mapped: number }>(
    'select (select count(*)::int from plan_item_lineage l where l.successor_plan_id = p.id) as mapped from plans p where p.slug = $1',
    [DEMO_SUCCESSOR_SLUG],
  );
  if ((existing.rows[0]?.mapped ?? 0) > 0) return DEMO_SUCCESSOR_SLUG;
  const picked = await pickSampleItems(db, predecessorSlug);
  if (!picked) return null;
  if (existing.rows.length === 0) await storeDemoPlan(db, demoPlan(picked));
  await saveLineage(db, { successorSlug: DEMO_SUCCESSOR_SLUG, predecessorSlug, rows: demoMapping(picked) }, ACTOR);
  return DEMO_SUCCESSOR_SLUG;
}

interface SampleItem {
  code: string;
  name: string;
  last: string | null;
  level: number;
}

/** The sample items the demo maps: three carried over, two merged, one split, one ended. */
interface Picked {
  carried: [SampleItem, SampleItem, SampleItem];
  merged: [SampleItem, SampleItem];
  split: SampleItem;
  ended: SampleItem;
}

/** The sample's not-achieved rated items of their last year first, then the next ones by code; null when it has too few. */
async function pickSampleItems(db: Db, predecessorSlug: string): Promise<Picked | null> {
  const r = await db.query<SampleItem>(
    `select i.code, i.name, i.level,
            (select code from ratings where item_id = i.id order by fiscal_year desc limit 1) as last
       from plan_items i join plans p on p.id = i.plan_id
      where p.slug = $1 and i.level = (select max(level) from plan_items where plan_id = p.id)
      order by i.position, i.id`,
    [predecessorSlug],
  );
  if (r.rows.length < 8) return null;
  const notAchieved = r.rows.filter((x) => x.last === 'B' || x.last === 'C');
  const picked = [...notAchieved, ...r.rows.filter((x) => !notAchieved.includes(x))].slice(0, 7);
  const [c1, c2, c3, m1, m2, s1, e1] = picked as [SampleItem, SampleItem, SampleItem, SampleItem, SampleItem, SampleItem, SampleItem];
  return { carried: [c1, c2, c3], merged: [m1, m2], split: s1, ended: e1 };
}

const DEMO_YEAR = 2023;

/** The successor plan as an import: two groups of items, one published year of made-up ratings. */
function demoPlan({ carried: [c1, c2, c3], merged: [m1, m2], split: s1 }: Picked): ImportedPlan {
  const fy = DEMO_YEAR;
  // A node's code is its place among its siblings; the store joins them into dotted codes (1.2).
  const node = (code: string, name: string, rating: string): ImportedNode => ({
    code: code.split('.').pop()!,
    name,
    tierIndex: 1,
    ratings: [{ fiscalYear: fy, scaleKey: 'demo', code: rating, marks: [] }],
    narratives: [],
    children: [],
  });
  const group = (code: string, name: string, children: ImportedNode[]): ImportedNode => ({ code, name, tierIndex: 0, ratings: [], narratives: [], children });
  const nodes: ImportedNode[] = [
    group('1', '【デモ】引き継いだ取組', [node('1.1', c1.name, 'A'), node('1.2', c2.name, 'B'), node('1.3', c3.name, 'A')]),
    group('2', '【デモ】見直した取組', [
      node('2.1', `${m1.name}・${m2.name}（統合）`, 'A'),
      node('2.2', `${s1.name}（前半）`, 'A'),
      node('2.3', `${s1.name}（後半）`, 'B'),
      node('2.4', '【デモ】新しい取組', 'B'),
    ]),
  ];
  return {
    plan: { name: '【デモ】後継計画（デジタル化推進方針）', slug: DEMO_SUCCESSOR_SLUG, startFiscalYear: fy, endFiscalYear: fy + 4 },
    tiers: ['基本方針', '取組'],
    scales: [scale],
    annotationKinds: [],
    departments: [],
    nodes,
    planNarratives: [],
    rounds: [{ fiscalYear: fy, kind: 'yearly' }],
    annotationFootnotes: [],
    reportedSummaries: [],
    warnings: [],
    file: { name: `${DEMO_SUCCESSOR_SLUG}.json`, content: JSON.stringify({ demo: true }) },
  };
}

/** Stores the plan with its round marked demo, like the workflow's demo round: every page says デモ beside it. */
async function storeDemoPlan(db: Db, plan: ImportedPlan): Promise<void> {
  await storeImportedPlan(db, plan, {
    actor: ACTOR,
    alsoInTransaction: async (tx) => {
      const marked = await tx.query<{ id: number; planId: number }>(
        `update evaluation_rounds r set demo = true from plans p where p.id = r.plan_id and p.slug = $1 returning r.id, r.plan_id as "planId"`,
        [DEMO_SUCCESSOR_SLUG],
      );
      for (const round of marked.rows) {
        await recordAudit(tx, {
          actor: ACTOR,
          action: 'mark-demo',
          entity: 'round',
          entityId: round.id,
          planId: round.planId,
          roundId: round.id,
          after: { demo: true },
        });
      }
    },
  });
}

/** The mapping as if read from a CSV (line 1 the header): predecessor codes from the sample, successor codes of demoPlan. */
function demoMapping({ carried: [c1, c2, c3], merged: [m1, m2], split: s1, ended: e1 }: Picked): MappingRow[] {
  const rows: [MappingRow['kind'], string | null, string | null][] = [
    ['carried_over', c1.code, '1.1'],
    ['carried_over', c2.code, '1.2'],
    ['carried_over', c3.code, '1.3'],
    ['merged_into', m1.code, '2.1'],
    ['merged_into', m2.code, '2.1'],
    ['split_into', s1.code, '2.2'],
    ['split_into', s1.code, '2.3'],
    ['ended', e1.code, null],
    ['new', null, '2.4'],
  ];
  return rows.map(([kind, predecessorCode, successorCode], i) => ({ line: i + 2, kind, predecessorCode, successorCode }));
}
