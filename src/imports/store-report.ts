/**
 * Saves a parsed report into the plan store in one transaction: all or nothing.
 * Re-importing the same file leaves the same rows with the same ids: plans match
 * by slug, items by their parent and name, ratings by item and fiscal year, and
 * the imported narratives of the report's year are replaced as a set.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';
import { crossCheckSummary, type SummaryMismatch } from '../evaluations/summary.js';
import type { NarrativeTarget, ParsedReport } from './report-types.js';

export interface ImportSource {
  fileName: string;
  content: string;
}

export interface ImportOptions {
  /** Plan slug; defaults to one derived from the plan name. */
  slug?: string;
  actor?: string;
}

export interface ImportResult {
  planId: number;
  slug: string;
  roundId: number;
  counts: { pillars: number; measures: number; programs: number; subItems: number; ratings: number; narratives: number };
  /** Differences between the report's printed summary and the counts from its tables. */
  mismatches: SummaryMismatch[];
  /** True when this exact file had been imported before. */
  unchanged: boolean;
}

export function defaultPlanSlug(planName: string): string {
  return `plan-${createHash('sha256').update(planName).digest('hex').slice(0, 10)}`;
}

/** Ratings of the parsed tables, for cross-checking before anything is written. */
export function parsedRatingFacts(report: ParsedReport): { fiscalYear: number; code: string }[] {
  return report.pillars.flatMap((p) => p.measures.flatMap((m) => m.programs.flatMap((g) => g.subItems.flatMap((s) => s.ratings.map((r) => ({ fiscalYear: r.fiscalYear, code: r.code }))))));
}

export function reportedCounts(report: ParsedReport): { fiscalYear: number; code: string; count: number }[] {
  return report.reportedSummary.years.flatMap((y) => Object.entries(y.counts).map(([code, count]) => ({ fiscalYear: y.fiscalYear, code, count })));
}


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
    if (id === undefined) throw new Error(`item was not written: ${rows[i]!.name}`);
    return id;
  });
}

/**
 * 事業終了 as the tables show it: a sub-item rated normally and then "not evaluated"
 * through the last year ended in the first of those years. An item never rated
 * tells nothing about when it ended, so it stays undetermined (null).
 */
export function inferEndedFromFiscalYear(ratings: readonly { fiscalYear: number; code: string }[], notEvaluatedCodes: ReadonlySet<string>): number | null {
  const sorted = [...ratings].sort((a, b) => a.fiscalYear - b.fiscalYear);
  let firstOfTrailingRun: number | null = null;
  let ratedBefore = false;
  for (const r of sorted) {
    if (notEvaluatedCodes.has(r.code)) {
      if (firstOfTrailingRun === null && ratedBefore) firstOfTrailingRun = r.fiscalYear;
    } else {
      ratedBefore = true;
      firstOfTrailingRun = null;
    }
  }
  return firstOfTrailingRun;
}

interface MeasureIds {
  measureId: number;
  programIds: number[];
  subItemIds: number[][];
}

function targetId(ids: MeasureIds, t: NarrativeTarget): number {
  const id = t.subItemIndex === undefined ? ids.programIds[t.programIndex] : ids.subItemIds[t.programIndex]?.[t.subItemIndex];
  if (id === undefined) throw new Error(`narrative target out of range: ${JSON.stringify(t)}`);
  return id;
}

export async function storeReport(db: Db, report: ParsedReport, source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  const slug = options.slug ?? defaultPlanSlug(report.plan.name);
  const actor = options.actor ?? 'import';
  const sha256 = createHash('sha256').update(source.content).digest('hex');
  const mismatches = crossCheckSummary(parsedRatingFacts(report), reportedCounts(report), report.scale.codes);

  return db.transaction(async (tx) => {
    // The scale belongs to the plan; its slug follows the plan's.
    const scale = await tx.query<{ id: number }>(
      `insert into rating_scales (slug, name) values ($1, $2)
       on conflict (slug) do update set name = excluded.name returning id`,
      [`${slug}-scale`, report.scale.name],
    );
    const scaleId = scale.rows[0]!.id;
    for (const c of report.scale.codes) {
      await tx.query(
        `insert into rating_codes (scale_id, code, label, criteria, position, counts_as_achieved, is_not_evaluated)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (scale_id, code) do update set label = excluded.label, criteria = excluded.criteria,
           position = excluded.position, counts_as_achieved = excluded.counts_as_achieved, is_not_evaluated = excluded.is_not_evaluated`,
        [scaleId, c.code, c.label, c.criteria, c.position, c.countsAsAchieved, c.isNotEvaluated],
      );
    }

    const p = report.plan;
    const description = report.guide[0]?.paragraphs.map((x) => x.text).join('\n\n') ?? '';
    const planRow = await tx.query<{ id: number }>(
      `insert into plans (slug, name, description, rating_scale_id, predecessor_name, successor_name, adopted_fiscal_year, start_fiscal_year, end_fiscal_year)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (slug) do update set name = excluded.name, description = excluded.description, rating_scale_id = excluded.rating_scale_id,
         predecessor_name = excluded.predecessor_name, successor_name = coalesce(excluded.successor_name, plans.successor_name),
         adopted_fiscal_year = excluded.adopted_fiscal_year, start_fiscal_year = excluded.start_fiscal_year, end_fiscal_year = excluded.end_fiscal_year
       returning id`,
      [slug, p.name, description, scaleId, p.predecessorName ?? null, p.successorName ?? null, p.adoptedFiscalYear ?? null, p.startFiscalYear, p.endFiscalYear],
    );
    const planId = planRow.rows[0]!.id;

    for (const e of p.extensions) {
      await tx.query(
        `insert into plan_period_extensions (plan_id, from_end_fiscal_year, to_end_fiscal_year, decided_fiscal_year, reason) values ($1, $2, $3, $4, $5)
         on conflict (plan_id, to_end_fiscal_year) do update set from_end_fiscal_year = excluded.from_end_fiscal_year, decided_fiscal_year = excluded.decided_fiscal_year, reason = excluded.reason`,
        [planId, e.fromEndFiscalYear, e.toEndFiscalYear, e.decidedFiscalYear ?? null, e.reason],
      );
    }
    for (const d of p.designations) {
      await tx.query(
        `insert into plan_designations (plan_id, name, from_fiscal_year) values ($1, $2, $3)
         on conflict (plan_id, name) do update set from_fiscal_year = excluded.from_fiscal_year`,
        [planId, d.name, d.fromFiscalYear ?? null],
      );
    }
    for (const [i, name] of p.tiers.entries()) {
      await tx.query(
        'insert into plan_tiers (plan_id, level, name) values ($1, $2, $3) on conflict (plan_id, level) do update set name = excluded.name',
        [planId, i + 1, name],
      );
    }

    const annotationIds = new Map<string, number>();
    for (const a of report.annotationKinds) {
      const r = await tx.query<{ id: number }>(
        `insert into annotation_kinds (plan_id, mark, meaning) values ($1, $2, $3)
         on conflict (plan_id, mark) do update set meaning = excluded.meaning returning id`,
        [planId, a.mark, a.meaning],
      );
      annotationIds.set(a.mark, r.rows[0]!.id);
    }

    const round = await tx.query<{ id: number }>(
      `insert into evaluation_rounds (plan_id, fiscal_year, kind, status, published_at) values ($1, $2, $3, 'published', now())
       on conflict (plan_id, fiscal_year, kind) do update set status = evaluation_rounds.status returning id`,
      [planId, report.fiscalYear, report.roundKind],
    );
    const roundId = round.rows[0]!.id;
    for (const r of p.earlierRounds) {
      await tx.query(
        `insert into evaluation_rounds (plan_id, fiscal_year, kind, status, covers_until_fiscal_year) values ($1, $2, $3, 'published', $4)
         on conflict (plan_id, fiscal_year, kind) do update set covers_until_fiscal_year = coalesce(excluded.covers_until_fiscal_year, evaluation_rounds.covers_until_fiscal_year)`,
        [planId, r.fiscalYear, r.kind, r.coversUntilFiscalYear ?? null],
      );
    }

    // The tree, level by level, with positional codes ("2.1.4.3").
    const existingRows = await tx.query<{ id: number; parent_id: number | null; name: string }>('select id, parent_id, name from plan_items where plan_id = $1', [planId]);
    const existing = new Map(existingRows.rows.map((r) => [itemKey(r.parent_id, r.name), r.id]));
    const pillarIds = await upsertLevel(tx, planId, 1, report.pillars.map((pillar, pi) => ({ parentId: null, code: `${pi + 1}`, position: pi + 1, name: pillar.name })), existing);
    const measures = report.pillars.flatMap((pillar, pi) => pillar.measures.map((measure, mi) => ({ measure, parentId: pillarIds[pi]!, code: `${pi + 1}.${mi + 1}`, position: mi + 1 })));
    const measureItemIds = await upsertLevel(tx, planId, 2, measures.map((m) => ({ parentId: m.parentId, code: m.code, position: m.position, name: m.measure.name })), existing);
    const programs = measures.flatMap((m, mIndex) => m.measure.programs.map((program, gi) => ({ program, mIndex, parentId: measureItemIds[mIndex]!, code: `${m.code}.${gi + 1}`, position: gi + 1 })));
    const programIds = await upsertLevel(tx, planId, 3, programs.map((g) => ({ parentId: g.parentId, code: g.code, position: g.position, name: g.program.name })), existing);
    const subs = programs.flatMap((g, gIndex) => g.program.subItems.map((sub, si) => ({ sub, gIndex, parentId: programIds[gIndex]!, code: `${g.code}.${si + 1}`, position: si + 1 })));
    const subIds = await upsertLevel(tx, planId, 4, subs.map((x) => ({ parentId: x.parentId, code: x.code, position: x.position, name: x.sub.name })), existing);

    // programs and subs were flattened in document order, so walking the structure again lines the ids up.
    let programCursor = 0;
    let subCursor = 0;
    const measureIds: MeasureIds[] = measures.map((m, mIndex) => ({
      measureId: measureItemIds[mIndex]!,
      programIds: m.measure.programs.map(() => programIds[programCursor++]!),
      subItemIds: m.measure.programs.map((program) => program.subItems.map(() => subIds[subCursor++]!)),
    }));
    const ratingRows = subs.flatMap((x, sIndex) => x.sub.ratings.map((r) => ({ itemId: subIds[sIndex]!, fiscalYear: r.fiscalYear, code: r.code, marks: r.marks })));

    const notEvaluated = new Set(report.scale.codes.filter((c) => c.isNotEvaluated).map((c) => c.code));
    const ended = subs.map((x) => inferEndedFromFiscalYear(x.sub.ratings, notEvaluated));
    await tx.query(
      `update plan_items p set ended_from_fiscal_year = t.ended from unnest($1::int[], $2::int[]) as t(id, ended)
        where p.id = t.id and p.ended_from_fiscal_year is distinct from t.ended`,
      [subIds, ended as number[]],
    );

    // Ratings in one statement: upsert by (item, fiscal year).
    const upserted = await tx.query<{ id: number; item_id: number; fiscal_year: number }>(
      `insert into ratings (item_id, fiscal_year, scale_id, code)
       select item_id, fiscal_year, $4, code from unnest($1::int[], $2::int[], $3::text[]) as t(item_id, fiscal_year, code)
       on conflict (item_id, fiscal_year) do update set code = excluded.code, scale_id = excluded.scale_id,
         updated_at = case when ratings.code is distinct from excluded.code then now() else ratings.updated_at end
       returning id, item_id, fiscal_year`,
      [ratingRows.map((r) => r.itemId), ratingRows.map((r) => r.fiscalYear), ratingRows.map((r) => r.code), scaleId],
    );
    const ratingIdOf = new Map(upserted.rows.map((r) => [`${r.item_id}/${r.fiscal_year}`, r.id]));
    const ratingIds = upserted.rows.map((r) => r.id);
    await tx.query('delete from rating_annotations where rating_id = any($1::int[])', [ratingIds]);
    const annRating: number[] = [];
    const annKind: number[] = [];
    for (const r of ratingRows) {
      for (const mark of r.marks) {
        const kindId = annotationIds.get(mark);
        if (kindId === undefined) throw new Error(`annotation mark ${mark} has no meaning in the report`);
        annRating.push(ratingIdOf.get(`${r.itemId}/${r.fiscalYear}`)!);
        annKind.push(kindId);
      }
    }
    if (annRating.length) {
      await tx.query('insert into rating_annotations (rating_id, annotation_kind_id) select * from unnest($1::int[], $2::int[])', [annRating, annKind]);
    }

    // Narratives of the report's year are upserted by their place in the document,
    // so a re-import keeps their ids; paragraphs the file no longer has are removed.
    const narratives = collectNarratives(report, pillarIds, measureIds);
    const narrativeCount = narratives.length;
    const positions = { department: 0, division: 0, expert: 0 };
    for (const n of narratives) n.position = ++positions[n.role];
    const written = await tx.query<{ id: number; author_role: string; position: number }>(
      `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
       select $1, item_id, $2, role, 'progress', position, body, 'imported'
         from unnest($3::int[], $4::text[], $5::int[], $6::text[]) as t(item_id, role, position, body)
       on conflict (plan_id, fiscal_year, author_role, kind, position) do update
         set item_id = excluded.item_id, body = excluded.body, source = excluded.source,
             updated_at = case when (narratives.item_id, narratives.body) is distinct from (excluded.item_id, excluded.body) then now() else narratives.updated_at end
       returning id, author_role, position`,
      [planId, report.fiscalYear, narratives.map((n) => n.itemId) as number[], narratives.map((n) => n.role), narratives.map((n) => n.position), narratives.map((n) => n.body)],
    );
    const idByPlace = new Map(written.rows.map((r) => [`${r.author_role}/${r.position}`, r.id]));
    const narrativeIds = narratives.map((n) => idByPlace.get(`${n.role}/${n.position}`)!);
    await tx.query('delete from narrative_mentions where narrative_id = any($1::int[])', [narrativeIds]);
    const mentionPairs = narratives.flatMap((n, i) => [...new Set(n.mentions)].filter((m) => m !== n.itemId).map((m) => [narrativeIds[i]!, m] as const));
    if (mentionPairs.length) {
      await tx.query('insert into narrative_mentions (narrative_id, item_id) select * from unnest($1::int[], $2::int[])', [mentionPairs.map((p) => p[0]), mentionPairs.map((p) => p[1])]);
    }
    await tx.query(
      `delete from narratives n using unnest($3::text[], $4::int[]) as t(role, last)
        where n.plan_id = $1 and n.fiscal_year = $2 and n.author_role = t.role and n.kind = 'progress' and n.source = 'imported' and n.position > t.last`,
      [planId, report.fiscalYear, Object.keys(positions), Object.values(positions)],
    );

    await tx.query('delete from annotation_footnotes where plan_id = $1 and fiscal_year = $2', [planId, report.fiscalYear]);
    const footnotes = report.pillars.flatMap((p) => p.measures).flatMap((measure, mIndex) =>
      measure.annotationFootnotes.flatMap((f) => {
        const kindId = annotationIds.get(f.mark);
        return kindId === undefined ? [] : f.targets.map((t, i) => ({ measureId: measureIds[mIndex]!.measureId, kindId, itemId: targetId(measureIds[mIndex]!, t), position: i + 1 }));
      }),
    );
    if (footnotes.length) {
      await tx.query(
        `insert into annotation_footnotes (plan_id, fiscal_year, measure_item_id, annotation_kind_id, item_id, position)
         select $1, $2, * from unnest($3::int[], $4::int[], $5::int[], $6::int[])`,
        [planId, report.fiscalYear, footnotes.map((f) => f.measureId), footnotes.map((f) => f.kindId), footnotes.map((f) => f.itemId), footnotes.map((f) => f.position)],
      );
    }

    await tx.query('delete from reported_aggregates where plan_id = $1 and round_id = $2', [planId, roundId]);
    const reported = reportedCounts(report);
    await tx.query(
      `insert into reported_aggregates (plan_id, fiscal_year, code, count, round_id)
       select $1, fiscal_year, code, count, $2 from unnest($3::int[], $4::text[], $5::int[]) as t(fiscal_year, code, count)
       on conflict (plan_id, fiscal_year, code) do update set count = excluded.count, round_id = excluded.round_id`,
      [planId, roundId, reported.map((c) => c.fiscalYear), reported.map((c) => c.code), reported.map((c) => c.count)],
    );

    await tx.query('delete from round_sections where round_id = $1', [roundId]);
    const firstMeasure = report.pillars[0]?.measures[0];
    const sections = [
      ...report.guide.map((g, i) => ({ key: `guide-${i + 1}`, heading: g.heading, body: g.paragraphs.map((x) => x.text).join('\n\n') })),
      { key: 'plan-expert-opinion', heading: report.planExpertOpinionHeading, body: '' },
      // Headings as this report words them, so a regenerated report reads like the original.
      { key: 'title', heading: report.reportTitle, body: '' },
      ...(firstMeasure ? [
        { key: 'department-narratives', heading: firstMeasure.departmentNarrativeHeading, body: '' },
        { key: 'division-opinion', heading: firstMeasure.divisionOpinionHeading, body: '' },
      ] : []),
      ...(report.closing ? [{ key: 'closing', heading: report.closing.heading, body: report.closing.paragraphs.map((x) => x.text).join('\n\n') }] : []),
    ];
    for (const [i, s] of sections.entries()) {
      await tx.query('insert into round_sections (round_id, key, position, heading, body) values ($1, $2, $3, $4, $5)', [roundId, s.key, i + 1, s.heading, s.body]);
    }

    const seen = await tx.query(
      `insert into import_sources (plan_id, file_name, sha256, content) values ($1, $2, $3, $4)
       on conflict (plan_id, sha256) do nothing returning id`,
      [planId, source.fileName, sha256, source.content],
    );
    const unchanged = seen.rowCount === 0;
    const counts = {
      pillars: report.pillars.length,
      measures: measureIds.length,
      programs: programs.length,
      subItems: subs.length,
      ratings: ratingRows.length,
      narratives: narrativeCount,
    };
    await recordAudit(tx, {
      actor,
      action: 'import',
      entity: 'plan',
      entityId: slug,
      planId,
      roundId,
      after: { file: source.fileName, sha256, unchanged, counts, mismatches: mismatches.length },
    });
    return { planId, slug, roundId, counts, mismatches, unchanged };
  });
}

interface NarrativeRow {
  role: 'department' | 'division' | 'expert';
  itemId: number | null;
  body: string;
  mentions: number[];
  position: number;
}

/** Every narrative of the report in document order: plan-wide opinion, then per pillar and measure. */
function collectNarratives(report: ParsedReport, pillarIds: number[], measureIds: MeasureIds[]): NarrativeRow[] {
  const rows: NarrativeRow[] = report.planExpertOpinion.map((p) => ({ role: 'expert', itemId: null, body: p.text, mentions: [], position: 0 }));
  let mIndex = 0;
  for (const [pi, pillar] of report.pillars.entries()) {
    for (const p of pillar.expertOpinion) rows.push({ role: 'expert', itemId: pillarIds[pi]!, body: p.text, mentions: [], position: 0 });
    for (const measure of pillar.measures) {
      const ids = measureIds[mIndex++]!;
      for (const n of measure.departmentNarratives) {
        rows.push({ role: 'department', itemId: targetId(ids, n.target), body: n.text, mentions: n.mentions.map((m) => targetId(ids, m)), position: 0 });
      }
      for (const p of measure.divisionOpinion) rows.push({ role: 'division', itemId: ids.measureId, body: p.text, mentions: [], position: 0 });
    }
  }
  return rows;
}
