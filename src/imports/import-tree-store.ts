/**
 * Writes the imported item tree and its ratings, inside the import's transaction
 * (import-store.ts). Items match by parent and name and ratings by item and fiscal
 * year, so ids survive re-imports.
 */
import type { Queryable } from '../db/db.js';
import { invalidState } from '../errors.js';
import { inferEndedFromFiscalYear, type MeasureIds } from './report-facts.js';
import type { ParsedMeasure, ParsedProgram, ParsedReport, ParsedSubItem } from './report-types.js';

interface ItemInput {
  parentId: number | null;
  code: string;
  position: number;
  name: string;
}

const itemKey = (parentId: number | null, name: string) => `${parentId ?? ''}\u0000${name}`;

/**
 * Writes one level of the tree in at most two statements: items that exist
 * (matched by parent and name, so ids survive re-imports) are updated, the rest
 * inserted. Returns ids aligned with `rows`.
 */
async function upsertLevel(tx: Queryable, planId: number, level: number, rows: ItemInput[], existing: Map<string, number>): Promise<number[]> {
  const ids = rows.map((r) => existing.get(itemKey(r.parentId, r.name)));
  const known = rows.flatMap((r, i) => (ids[i] === undefined ? [] : [{ ...r, id: ids[i]! }]));
  if (known.length) {
    await tx.query(
      `update plan_items p set level = $2, code = t.code, position = t.position
         from unnest($3::int[], $4::text[], $5::int[]) as t(id, code, position)
        where p.id = t.id and p.plan_id = $1 and (p.level, p.code, p.position) is distinct from ($2, t.code, t.position)`,
      [planId, level, known.map((k) => k.id), known.map((k) => k.code), known.map((k) => k.position)],
    );
  }
  const fresh = rows.flatMap((r, i) => (ids[i] === undefined ? [{ ...r, index: i }] : []));
  if (fresh.length) {
    const inserted = await tx.query<{ id: number; code: string }>(
      `insert into plan_items (plan_id, parent_id, level, code, position, name)
       select $1, parent_id, $2, code, position, name from unnest($3::int[], $4::text[], $5::int[], $6::text[]) as t(parent_id, code, position, name)
       returning id, code`,
      [planId, level, fresh.map((f) => f.parentId) as number[], fresh.map((f) => f.code), fresh.map((f) => f.position), fresh.map((f) => f.name)],
    );
    const byCode = new Map(inserted.rows.map((r) => [r.code, r.id]));
    for (const f of fresh) ids[f.index] = byCode.get(f.code);
  }
  return ids.map((id, i) => {
    if (id === undefined) throw invalidState(`取り込み中の内部エラー: 「${rows[i]!.name}」を保存できませんでした`, { level, name: rows[i]!.name });
    return id;
  });
}

/** The written tree: ids per pillar and measure, and every sub-item with its id in document order. */
export interface StoredTree {
  pillarIds: number[];
  measureIds: MeasureIds[];
  programCount: number;
  subItems: { sub: ParsedSubItem; id: number }[];
}

/** The tree, level by level, with positional codes ("2.1.4.3"), and each sub-item's end year. */
export async function writeItems(tx: Queryable, planId: number, report: ParsedReport): Promise<StoredTree> {
  const existingRows = await tx.query<{ id: number; parent_id: number | null; name: string }>('select id, parent_id, name from plan_items where plan_id = $1', [planId]);
  const existing = new Map(existingRows.rows.map((r) => [itemKey(r.parent_id, r.name), r.id]));
  const level = (n: number, rows: ItemInput[]) => upsertLevel(tx, planId, n, rows, existing);

  const pillarIds = await level(
    1,
    report.pillars.map((pillar, pi) => ({ parentId: null, code: `${pi + 1}`, position: pi + 1, name: pillar.name })),
  );
  const measures: { measure: ParsedMeasure; parentId: number; code: string; position: number }[] = report.pillars.flatMap((pillar, pi) =>
    pillar.measures.map((measure, mi) => ({ measure, parentId: pillarIds[pi]!, code: `${pi + 1}.${mi + 1}`, position: mi + 1 })),
  );
  const measureItemIds = await level(
    2,
    measures.map((m) => ({ parentId: m.parentId, code: m.code, position: m.position, name: m.measure.name })),
  );
  const programs: { program: ParsedProgram; parentId: number; code: string; position: number }[] = measures.flatMap((m, mIndex) =>
    m.measure.programs.map((program, gi) => ({ program, parentId: measureItemIds[mIndex]!, code: `${m.code}.${gi + 1}`, position: gi + 1 })),
  );
  const programIds = await level(
    3,
    programs.map((g) => ({ parentId: g.parentId, code: g.code, position: g.position, name: g.program.name })),
  );
  const subs = programs.flatMap((g, gIndex) => g.program.subItems.map((sub, si) => ({ sub, parentId: programIds[gIndex]!, code: `${g.code}.${si + 1}`, position: si + 1 })));
  const subIds = await level(
    4,
    subs.map((x) => ({ parentId: x.parentId, code: x.code, position: x.position, name: x.sub.name })),
  );

  // programs and subs were flattened in document order, so walking the structure again lines the ids up.
  let programCursor = 0;
  let subCursor = 0;
  const measureIds: MeasureIds[] = measures.map((m, mIndex) => ({
    measureId: measureItemIds[mIndex]!,
    programIds: m.measure.programs.map(() => programIds[programCursor++]!),
    subItemIds: m.measure.programs.map((program) => program.subItems.map(() => subIds[subCursor++]!)),
  }));
  const subItems = subs.map((x, i) => ({ sub: x.sub, id: subIds[i]! }));
  await writeEndedYears(tx, report, subItems);
  return { pillarIds, measureIds, programCount: programs.length, subItems };
}

async function writeEndedYears(tx: Queryable, report: ParsedReport, subItems: StoredTree['subItems']): Promise<void> {
  const notEvaluated = new Set(report.scale.codes.filter((c) => c.isNotEvaluated).map((c) => c.code));
  const ended = subItems.map((x) => inferEndedFromFiscalYear(x.sub.ratings, notEvaluated));
  await tx.query(
    `update plan_items p set ended_from_fiscal_year = t.ended from unnest($1::int[], $2::int[]) as t(id, ended)
      where p.id = t.id and p.ended_from_fiscal_year is distinct from t.ended`,
    [subItems.map((x) => x.id), ended as number[]],
  );
}

/** Ratings in one statement (upsert by item and fiscal year), then their annotation marks. Returns the rating count. */
export async function writeRatings(tx: Queryable, subItems: StoredTree['subItems'], scaleId: number, annotationIds: ReadonlyMap<string, number>): Promise<number> {
  const ratingRows = subItems.flatMap((x) => x.sub.ratings.map((r) => ({ itemId: x.id, fiscalYear: r.fiscalYear, code: r.code, marks: r.marks })));
  const upserted = await tx.query<{ id: number; item_id: number; fiscal_year: number }>(
    `insert into ratings (item_id, fiscal_year, scale_id, code)
     select item_id, fiscal_year, $4, code from unnest($1::int[], $2::int[], $3::text[]) as t(item_id, fiscal_year, code)
     on conflict (item_id, fiscal_year) do update set code = excluded.code, scale_id = excluded.scale_id,
       updated_at = case when ratings.code is distinct from excluded.code then now() else ratings.updated_at end
     returning id, item_id, fiscal_year`,
    [ratingRows.map((r) => r.itemId), ratingRows.map((r) => r.fiscalYear), ratingRows.map((r) => r.code), scaleId],
  );
  const ratingIdOf = new Map(upserted.rows.map((r) => [`${r.item_id}/${r.fiscal_year}`, r.id]));
  await tx.query('delete from rating_annotations where rating_id = any($1::int[])', [upserted.rows.map((r) => r.id)]);
  const annRating: number[] = [];
  const annKind: number[] = [];
  for (const r of ratingRows) {
    for (const mark of r.marks) {
      const kindId = annotationIds.get(mark);
      if (kindId === undefined) throw invalidState(`取り込み中の内部エラー: 注記「${mark}」の意味が報告書にありません`, { mark });
      annRating.push(ratingIdOf.get(`${r.itemId}/${r.fiscalYear}`)!);
      annKind.push(kindId);
    }
  }
  if (annRating.length) {
    await tx.query('insert into rating_annotations (rating_id, annotation_kind_id) select * from unnest($1::int[], $2::int[])', [annRating, annKind]);
  }
  return ratingRows.length;
}
