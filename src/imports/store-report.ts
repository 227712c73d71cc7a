/**
 * Saves a parsed report into the plan store in one transaction: all or nothing.
 * Re-importing the same file leaves the same rows with the same ids: plans match
 * by slug, items by their parent and name, ratings by item and fiscal year, and
 * the imported narratives of the report's year are replaced as a set.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';
import { crossCheckSummary, type ScaleCode, type SummaryMismatch } from '../evaluations/summary.js';
import type { NarrativeTarget, ParsedMeasure, ParsedReport } from './report-types.js';

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

export function parsedScale(report: ParsedReport): ScaleCode[] {
  return report.scale.codes.map((c) => ({ ...c }));
}

interface ItemRow {
  id: number;
}

/** Inserts or updates one item, matched by plan, parent and name; returns its id. */
async function upsertItem(tx: Queryable, planId: number, parentId: number | null, level: number, code: string, position: number, name: string): Promise<number> {
  const existing = await tx.query<ItemRow>(
    'select id from plan_items where plan_id = $1 and parent_id is not distinct from $2 and name = $3',
    [planId, parentId, name],
  );
  const id = existing.rows[0]?.id;
  if (id !== undefined) {
    await tx.query('update plan_items set level = $2, code = $3, position = $4 where id = $1 and (level, code, position) is distinct from ($2, $3, $4)', [id, level, code, position]);
    return id;
  }
  const inserted = await tx.query<ItemRow>(
    'insert into plan_items (plan_id, parent_id, level, code, position, name) values ($1, $2, $3, $4, $5, $6) returning id',
    [planId, parentId, level, code, position, name],
  );
  return inserted.rows[0]!.id;
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
  const mismatches = crossCheckSummary(parsedRatingFacts(report), reportedCounts(report), parsedScale(report));

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

    // The tree, top-down, with positional codes ("2.1.4.3").
    const measureIds: MeasureIds[] = [];
    const pillarIds: number[] = [];
    const ratingRows: { itemId: number; fiscalYear: number; code: string; marks: string[] }[] = [];
    let programs = 0;
    let subItems = 0;
    for (const [pi, pillar] of report.pillars.entries()) {
      const pillarId = await upsertItem(tx, planId, null, 1, `${pi + 1}`, pi + 1, pillar.name);
      pillarIds.push(pillarId);
      for (const [mi, measure] of pillar.measures.entries()) {
        const mCode = `${pi + 1}.${mi + 1}`;
        const measureId = await upsertItem(tx, planId, pillarId, 2, mCode, mi + 1, measure.name);
        const ids: MeasureIds = { measureId, programIds: [], subItemIds: [] };
        for (const [gi, program] of measure.programs.entries()) {
          const gCode = `${mCode}.${gi + 1}`;
          const programId = await upsertItem(tx, planId, measureId, 3, gCode, gi + 1, program.name);
          ids.programIds.push(programId);
          programs++;
          const subIds: number[] = [];
          for (const [si, sub] of program.subItems.entries()) {
            const subId = await upsertItem(tx, planId, programId, 4, `${gCode}.${si + 1}`, si + 1, sub.name);
            subIds.push(subId);
            subItems++;
            for (const r of sub.ratings) ratingRows.push({ itemId: subId, fiscalYear: r.fiscalYear, code: r.code, marks: r.marks });
          }
          ids.subItemIds.push(subIds);
        }
        measureIds.push(ids);
      }
    }

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
    await tx.query('delete from annotation_footnotes where plan_id = $1 and fiscal_year = $2', [planId, report.fiscalYear]);
    const positions = { department: 0, division: 0, expert: 0 };
    let narrativeCount = 0;
    const addNarrative = async (role: keyof typeof positions, itemId: number | null, body: string, mentions: number[] = []) => {
      const r = await tx.query<{ id: number }>(
        `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
         values ($1, $2, $3, $4, 'progress', $5, $6, 'imported')
         on conflict (plan_id, fiscal_year, author_role, kind, position) do update
           set item_id = excluded.item_id, body = excluded.body, source = excluded.source,
               updated_at = case when (narratives.item_id, narratives.body) is distinct from (excluded.item_id, excluded.body) then now() else narratives.updated_at end
         returning id`,
        [planId, itemId, report.fiscalYear, role, ++positions[role], body],
      );
      narrativeCount++;
      const narrativeId = r.rows[0]!.id;
      await tx.query('delete from narrative_mentions where narrative_id = $1', [narrativeId]);
      const others = [...new Set(mentions)].filter((m) => m !== itemId);
      if (others.length) {
        await tx.query('insert into narrative_mentions (narrative_id, item_id) select $1, unnest($2::int[])', [narrativeId, others]);
      }
    };
    for (const para of report.planExpertOpinion) await addNarrative('expert', null, para.text);
    let measureIndex = 0;
    for (const [pi, pillar] of report.pillars.entries()) {
      for (const para of pillar.expertOpinion) await addNarrative('expert', pillarIds[pi]!, para.text);
      for (const measure of pillar.measures) {
        const ids = measureIds[measureIndex++]!;
        await storeMeasureTexts(measure, ids, addNarrative, async (kindId, itemId, position) => {
          await tx.query(
            'insert into annotation_footnotes (plan_id, fiscal_year, measure_item_id, annotation_kind_id, item_id, position) values ($1, $2, $3, $4, $5, $6)',
            [planId, report.fiscalYear, ids.measureId, kindId, itemId, position],
          );
        }, annotationIds);
      }
    }

    for (const [role, last] of Object.entries(positions)) {
      await tx.query(
        "delete from narratives where plan_id = $1 and fiscal_year = $2 and author_role = $3 and kind = 'progress' and source = 'imported' and position > $4",
        [planId, report.fiscalYear, role, last],
      );
    }

    await tx.query('delete from reported_aggregates where plan_id = $1 and round_id = $2', [planId, roundId]);
    for (const c of reportedCounts(report)) {
      await tx.query(
        `insert into reported_aggregates (plan_id, fiscal_year, code, count, round_id) values ($1, $2, $3, $4, $5)
         on conflict (plan_id, fiscal_year, code) do update set count = excluded.count, round_id = excluded.round_id`,
        [planId, c.fiscalYear, c.code, c.count, roundId],
      );
    }

    await tx.query('delete from round_sections where round_id = $1', [roundId]);
    const sections = [
      ...report.guide.map((g, i) => ({ key: `guide-${i + 1}`, heading: g.heading, body: g.paragraphs.map((x) => x.text).join('\n\n') })),
      { key: 'plan-expert-opinion', heading: report.planExpertOpinionHeading, body: '' },
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
      programs,
      subItems,
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

async function storeMeasureTexts(
  measure: ParsedMeasure,
  ids: MeasureIds,
  addNarrative: (role: 'department' | 'division' | 'expert', itemId: number | null, body: string, mentions?: number[]) => Promise<void>,
  addFootnote: (kindId: number, itemId: number, position: number) => Promise<void>,
  annotationIds: Map<string, number>,
): Promise<void> {
  for (const n of measure.departmentNarratives) {
    await addNarrative('department', targetId(ids, n.target), n.text, n.mentions.map((m) => targetId(ids, m)));
  }
  for (const f of measure.annotationFootnotes) {
    const kindId = annotationIds.get(f.mark);
    if (kindId === undefined) continue;
    for (const [i, t] of f.targets.entries()) await addFootnote(kindId, targetId(ids, t), i + 1);
  }
  for (const para of measure.divisionOpinion) await addNarrative('division', ids.measureId, para.text);
}
