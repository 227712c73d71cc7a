/**
 * A deterministic synthetic plan for benchmarks: N sub-items × Y fiscal years of
 * ratings, with narratives, a published final round and reported figures, in the
 * same tables the importer fills. Same seed, same data, on every machine.
 */
import type { Db, Queryable } from '../src/db/db.js';
import { seededRandom as prng } from './seeded-random.js';

export interface SyntheticPlanOptions {
  subItems: number;
  years: number;
  /** Last fiscal year rated; the plan runs (lastFiscalYear - years + 1) .. lastFiscalYear. */
  lastFiscalYear?: number;
  slug?: string;
  seed?: number;
}

const SUB_ITEMS_PER_PROGRAM = 5;
const PROGRAMS_PER_MEASURE = 20;
const MEASURES_PER_PILLAR = 4;

interface PlanFrame {
  planId: number;
  scaleId: number;
  annotationId: number;
  roundId: number;
}

type ItemRow = { parentId: number | null; code: string; position: number; name: string };

/**
 * Writes the tables in foreign-key order, in one transaction; each step's generated ids
 * feed the next: the plan's frame (scale, plan, tiers, annotation, round), the item tree,
 * the ratings, the narratives and the reported figures.
 */
export async function generateSyntheticPlan(db: Db, options: SyntheticPlanOptions): Promise<{ planId: number; slug: string }> {
  const random = prng(options.seed ?? 20221);
  const last = options.lastFiscalYear ?? 2024;
  const first = last - options.years + 1;
  const slug = options.slug ?? `synthetic-${options.subItems}x${options.years}`;
  return db.transaction(async (tx) => {
    const frame = await insertPlanFrame(tx, options, slug, first, last);
    const tree = await insertItemTree(tx, frame.planId, options.subItems);
    const ratingCodes = await insertRatings(tx, frame, tree.subIds, { first, last, years: options.years, random });
    await insertNarratives(tx, frame.planId, last, tree);
    await tx.query(
      `insert into reported_aggregates (plan_id, fiscal_year, code, count, round_id)
       select $1, $2, code, n, $3 from (select code, count(*)::int as n from unnest($4::text[]) as t(code) group by code) c`,
      [frame.planId, first - 1, frame.roundId, ratingCodes.slice(0, options.subItems)],
    );
    return { planId: frame.planId, slug };
  });
}

/** The scale and its codes, the plan, its tiers, one annotation kind and a published final round. */
async function insertPlanFrame(tx: Queryable, options: SyntheticPlanOptions, slug: string, first: number, last: number): Promise<PlanFrame> {
  const scaleId = (await tx.query<{ id: number }>("insert into rating_scales (slug, name) values ($1, '評点式評価') returning id", [`${slug}-scale`])).rows[0]!
    .id;
  const codes: [string, string, number, boolean, boolean][] = [
    ['A', '達成できた。', 1, true, false],
    ['B', '一部達成できなかった。', 2, false, false],
    ['C', '達成できなかった。', 3, false, false],
    ['—', '評価対象外', 4, false, true],
  ];
  for (const [code, label, position, achieved, na] of codes) {
    await tx.query(
      'insert into rating_codes (scale_id, code, label, criteria, position, counts_as_achieved, is_not_evaluated) values ($1, $2, $3, $3, $4, $5, $6)',
      [scaleId, code, label, position, achieved, na],
    );
  }
  const planId = (
    await tx.query<{ id: number }>(
      `insert into plans (slug, name, description, rating_scale_id, start_fiscal_year, end_fiscal_year)
       values ($1, $2, '負荷測定用の合成計画', $3, $4, $5) returning id`,
      [slug, `合成計画（${options.subItems}細目×${options.years}年）`, scaleId, first, last],
    )
  ).rows[0]!.id;
  for (const [level, name] of ['施策展開の柱', '施策', '事務事業', '事務事業細目'].entries()) {
    await tx.query('insert into plan_tiers (plan_id, level, name) values ($1, $2, $3)', [planId, level + 1, name]);
  }
  const annotationId = (
    await tx.query<{ id: number }>(
      "insert into annotation_kinds (plan_id, mark, meaning) values ($1, '※', '外部要因の影響もありB評価となった事務事業細目') returning id",
      [planId],
    )
  ).rows[0]!.id;
  const roundId = (
    await tx.query<{ id: number }>(
      "insert into evaluation_rounds (plan_id, fiscal_year, kind, status, published_at) values ($1, $2, 'final', 'published', now()) returning id",
      [planId, last],
    )
  ).rows[0]!.id;
  return { planId, scaleId, annotationId, roundId };
}

/** Four tiers, level by level with bulk inserts; the ids of each level by code. */
async function insertItemTree(tx: Queryable, planId: number, subItems: number) {
  const programs = Math.ceil(subItems / SUB_ITEMS_PER_PROGRAM);
  const measures = Math.ceil(programs / PROGRAMS_PER_MEASURE);
  const pillars = Math.ceil(measures / MEASURES_PER_PILLAR);
  const insertLevel = async (level: number, rows: ItemRow[]) => {
    const r = await tx.query<{ id: number; code: string }>(
      `insert into plan_items (plan_id, parent_id, level, code, position, name)
       select $1, parent_id, $2, code, position, name from unnest($3::int[], $4::text[], $5::int[], $6::text[]) as t(parent_id, code, position, name)
       returning id, code`,
      [planId, level, rows.map((x) => x.parentId) as number[], rows.map((x) => x.code), rows.map((x) => x.position), rows.map((x) => x.name)],
    );
    return new Map(r.rows.map((x) => [x.code, x.id]));
  };
  /** `count` children spread over the parent rows, `perParent` each, numbered under the parent's code. */
  const children = (parents: ItemRow[], ids: Map<string, number>, count: number, perParent: number, name: (i: number) => string): ItemRow[] =>
    Array.from({ length: count }, (_, i) => {
      const parentCode = parents[Math.floor(i / perParent)]!.code;
      return { parentId: ids.get(parentCode)!, code: `${parentCode}.${(i % perParent) + 1}`, position: (i % perParent) + 1, name: name(i) };
    });
  const pillarRows = Array.from({ length: pillars }, (_, p) => ({
    parentId: null,
    code: `${p + 1}`,
    position: p + 1,
    name: `柱${p + 1} ICTを活用したまちづくり`,
  }));
  const pillarIds = await insertLevel(1, pillarRows);
  const measureRows = children(pillarRows, pillarIds, measures, MEASURES_PER_PILLAR, (m) => `施策${m + 1} ICTによる行政サービスの向上`);
  const measureIds = await insertLevel(2, measureRows);
  const programRows = children(measureRows, measureIds, programs, PROGRAMS_PER_MEASURE, (g) => `事務事業${g + 1} 電子申請届出システムの普及及び活用`);
  const programIds = await insertLevel(3, programRows);
  const subRows = children(programRows, programIds, subItems, SUB_ITEMS_PER_PROGRAM, (i) => `細目${i + 1} マイナンバーカードの活用の推進`);
  const subIds = [...(await insertLevel(4, subRows)).values()];
  return { pillarIds, measureIds, programIds, subIds };
}

/** Ratings drift from mostly B toward mostly A, like a real plan; some B ratings annotated. Returns the codes in insertion order. */
async function insertRatings(
  tx: Queryable,
  frame: PlanFrame,
  subIds: number[],
  span: { first: number; last: number; years: number; random: () => number },
): Promise<string[]> {
  const itemIds: number[] = [];
  const years: number[] = [];
  const ratingCodes: string[] = [];
  for (const id of subIds) {
    for (let fy = span.first; fy <= span.last; fy++) {
      const progress = (fy - span.first) / Math.max(1, span.years - 1);
      const x = span.random();
      const code = x < 0.03 ? '—' : x < 0.03 + 0.55 + 0.35 * progress ? 'A' : x < 0.97 ? 'B' : 'C';
      itemIds.push(id);
      years.push(fy);
      ratingCodes.push(code);
    }
  }
  const ratingRows = await tx.query<{ id: number; code: string }>(
    `insert into ratings (item_id, fiscal_year, scale_id, code, reason)
     select item_id, fiscal_year, $4, code, '目標に対する進捗を記述式で評価した。' from unnest($1::int[], $2::int[], $3::text[]) as t(item_id, fiscal_year, code)
     returning id, code`,
    [itemIds, years, ratingCodes, frame.scaleId],
  );
  const annotated = ratingRows.rows.filter((r, i) => r.code === 'B' && i % 17 === 0).map((r) => r.id);
  await tx.query('insert into rating_annotations (rating_id, annotation_kind_id) select unnest($1::int[]), $2', [annotated, frame.annotationId]);
  return ratingCodes;
}

/** One department narrative per program, one division opinion per measure, one expert opinion per pillar and the plan. */
async function insertNarratives(
  tx: Queryable,
  planId: number,
  last: number,
  tree: { pillarIds: Map<string, number>; measureIds: Map<string, number>; programIds: Map<string, number> },
): Promise<void> {
  const narrativeItems: (number | null)[] = [null];
  const roles: string[] = ['expert'];
  const bodies: string[] = ['計画全体として目標達成率は良好である。'];
  const add = (ids: Iterable<number>, role: string, body: string) => {
    for (const id of ids) {
      narrativeItems.push(id);
      roles.push(role);
      bodies.push(body);
    }
  };
  add(tree.pillarIds.values(), 'expert', '柱全体の進捗は概ね順調である。');
  add(tree.measureIds.values(), 'division', '安定運用を継続し、更なる効率化を検討する。');
  add(tree.programIds.values(), 'department', '電子申請可能な手続きを増やし、マイナンバーカードの活用を進めた。');
  const positionByRole = new Map<string, number>();
  const positions = roles.map((r) => {
    const next = (positionByRole.get(r) ?? 0) + 1;
    positionByRole.set(r, next);
    return next;
  });
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, position, body, source)
     select $1, item_id, $2, role, position, body, 'imported' from unnest($3::int[], $4::text[], $5::int[], $6::text[]) as t(item_id, role, position, body)`,
    [planId, last, narrativeItems as number[], roles, positions, bodies],
  );
}
