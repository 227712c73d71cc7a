/**
 * Saves a parsed report into the plan store in one transaction: all or nothing.
 * Re-importing the same file leaves the same rows with the same ids: plans match
 * by slug, items by their parent and name, ratings by item and fiscal year, and
 * the imported narratives of the report's year are replaced as a set.
 * The order of the steps is the order rows are created in (ids follow it).
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit-log.js';
import type { Db, Queryable } from '../db/db.js';
import { crossCheckSummary, type SummaryMismatch } from '../evaluations/summary.js';
import { type StoredTree, writeItems, writeRatings } from './import-tree-store.js';
import { collectNarratives, defaultPlanSlug, lastPositions, parsedRatingFacts, reportedCounts, roundSections, targetId } from './report-facts.js';
import type { ParsedReport } from './report-types.js';

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

export async function storeReport(db: Db, report: ParsedReport, source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  const slug = options.slug ?? defaultPlanSlug(report.plan.name);
  const actor = options.actor ?? 'import';
  const sha256 = createHash('sha256').update(source.content).digest('hex');
  const mismatches = crossCheckSummary(parsedRatingFacts(report), reportedCounts(report), report.scale.codes);

  return db.transaction(async (tx) => {
    const scaleId = await writeScale(tx, slug, report.scale);
    const planId = await writePlanFacts(tx, slug, scaleId, report);
    const annotationIds = await writeAnnotationKinds(tx, planId, report.annotationKinds);
    const roundId = await writeRounds(tx, planId, report);
    const tree = await writeItems(tx, planId, report);
    const ratingCount = await writeRatings(tx, tree.subItems, scaleId, annotationIds);
    const narrativeCount = await writeNarratives(tx, planId, report, tree);
    await writeFootnotes(tx, planId, report, tree, annotationIds);
    await writeReportedAggregates(tx, planId, roundId, report);
    await writeRoundSections(tx, roundId, report);
    const unchanged = await writeSource(tx, planId, source, sha256);
    const counts = {
      pillars: report.pillars.length,
      measures: tree.measureIds.length,
      programs: tree.programCount,
      subItems: tree.subItems.length,
      ratings: ratingCount,
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

/** The scale belongs to the plan; its slug follows the plan's. */
async function writeScale(tx: Queryable, slug: string, scale: ParsedReport['scale']): Promise<number> {
  const row = await tx.query<{ id: number }>(
    `insert into rating_scales (slug, name) values ($1, $2)
     on conflict (slug) do update set name = excluded.name returning id`,
    [`${slug}-scale`, scale.name],
  );
  const scaleId = row.rows[0]!.id;
  // One statement per table, not per row: each round trip counts in an embedded database.
  const codes = scale.codes;
  await tx.query(
    `insert into rating_codes (scale_id, code, label, criteria, position, counts_as_achieved, is_not_evaluated, is_default)
     select $1, code, label, criteria, position, code = any($6::text[]), code = any($7::text[]), code = any($8::text[])
       from unnest($2::text[], $3::text[], $4::text[], $5::int[]) as t(code, label, criteria, position)
     on conflict (scale_id, code) do update set label = excluded.label, criteria = excluded.criteria,
       position = excluded.position, counts_as_achieved = excluded.counts_as_achieved, is_not_evaluated = excluded.is_not_evaluated, is_default = excluded.is_default`,
    [
      scaleId,
      codes.map((c) => c.code),
      codes.map((c) => c.label),
      codes.map((c) => c.criteria),
      codes.map((c) => c.position),
      codes.filter((c) => c.countsAsAchieved).map((c) => c.code),
      codes.filter((c) => c.isNotEvaluated).map((c) => c.code),
      codes.filter((c) => c.isDefault).map((c) => c.code),
    ],
  );
  return scaleId;
}

/** The plan row, its period extensions, designations and tier names. */
async function writePlanFacts(tx: Queryable, slug: string, scaleId: number, report: ParsedReport): Promise<number> {
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
  await tx.query(
    `insert into plan_tiers (plan_id, level, name) select $1, level, name from unnest($2::text[]) with ordinality as t(name, level)
     on conflict (plan_id, level) do update set name = excluded.name`,
    [planId, p.tiers],
  );
  return planId;
}

/** Annotation kinds by mark; returns their ids by mark. */
async function writeAnnotationKinds(tx: Queryable, planId: number, kinds: ParsedReport['annotationKinds']): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const a of kinds) {
    const r = await tx.query<{ id: number }>(
      `insert into annotation_kinds (plan_id, mark, meaning) values ($1, $2, $3)
       on conflict (plan_id, mark) do update set meaning = excluded.meaning returning id`,
      [planId, a.mark, a.meaning],
    );
    ids.set(a.mark, r.rows[0]!.id);
  }
  return ids;
}

/** The report's own round (kept in whatever status it has) and the earlier rounds the text names; returns the report's round id. */
async function writeRounds(tx: Queryable, planId: number, report: ParsedReport): Promise<number> {
  const round = await tx.query<{ id: number }>(
    `insert into evaluation_rounds (plan_id, fiscal_year, kind, status, published_at) values ($1, $2, $3, 'published', now())
     on conflict (plan_id, fiscal_year, kind) do update set status = evaluation_rounds.status returning id`,
    [planId, report.fiscalYear, report.roundKind],
  );
  for (const r of report.plan.earlierRounds) {
    await tx.query(
      `insert into evaluation_rounds (plan_id, fiscal_year, kind, status, covers_until_fiscal_year) values ($1, $2, $3, 'published', $4)
       on conflict (plan_id, fiscal_year, kind) do update set covers_until_fiscal_year = coalesce(excluded.covers_until_fiscal_year, evaluation_rounds.covers_until_fiscal_year)`,
      [planId, r.fiscalYear, r.kind, r.coversUntilFiscalYear ?? null],
    );
  }
  return round.rows[0]!.id;
}

/**
 * Narratives of the report's year are upserted by their place in the document, so a
 * re-import keeps their ids; paragraphs the file no longer has are removed. Returns
 * the narrative count.
 */
async function writeNarratives(tx: Queryable, planId: number, report: ParsedReport, tree: StoredTree): Promise<number> {
  const narratives = collectNarratives(report, tree.pillarIds, tree.measureIds);
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
    await tx.query('insert into narrative_mentions (narrative_id, item_id) select * from unnest($1::int[], $2::int[])', [
      mentionPairs.map((p) => p[0]),
      mentionPairs.map((p) => p[1]),
    ]);
  }
  const last = lastPositions(narratives);
  await tx.query(
    `delete from narratives n using unnest($3::text[], $4::int[]) as t(role, last)
      where n.plan_id = $1 and n.fiscal_year = $2 and n.author_role = t.role and n.kind = 'progress' and n.source = 'imported' and n.position > t.last`,
    [planId, report.fiscalYear, Object.keys(last), Object.values(last)],
  );
  return narratives.length;
}

/** The footnotes of the report's year, replaced as a set: which sub-items each mark's note lists. */
async function writeFootnotes(tx: Queryable, planId: number, report: ParsedReport, tree: StoredTree, annotationIds: ReadonlyMap<string, number>): Promise<void> {
  await tx.query('delete from annotation_footnotes where plan_id = $1 and fiscal_year = $2', [planId, report.fiscalYear]);
  const footnotes = report.pillars
    .flatMap((p) => p.measures)
    .flatMap((measure, mIndex) =>
      measure.annotationFootnotes.flatMap((f) => {
        const kindId = annotationIds.get(f.mark);
        const ids = tree.measureIds[mIndex]!;
        return kindId === undefined ? [] : f.targets.map((t, i) => ({ measureId: ids.measureId, kindId, itemId: targetId(ids, t), position: i + 1 }));
      }),
    );
  if (!footnotes.length) return;
  await tx.query(
    `insert into annotation_footnotes (plan_id, fiscal_year, measure_item_id, annotation_kind_id, item_id, position)
     select $1, $2, * from unnest($3::int[], $4::int[], $5::int[], $6::int[])`,
    [planId, report.fiscalYear, footnotes.map((f) => f.measureId), footnotes.map((f) => f.kindId), footnotes.map((f) => f.itemId), footnotes.map((f) => f.position)],
  );
}

/** The summary as printed in the report, kept beside the computed one. */
async function writeReportedAggregates(tx: Queryable, planId: number, roundId: number, report: ParsedReport): Promise<void> {
  await tx.query('delete from reported_aggregates where plan_id = $1 and round_id = $2', [planId, roundId]);
  const reported = reportedCounts(report);
  await tx.query(
    `insert into reported_aggregates (plan_id, fiscal_year, code, count, round_id)
     select $1, fiscal_year, code, count, $2 from unnest($3::int[], $4::text[], $5::int[]) as t(fiscal_year, code, count)
     on conflict (plan_id, fiscal_year, code) do update set count = excluded.count, round_id = excluded.round_id`,
    [planId, roundId, reported.map((c) => c.fiscalYear), reported.map((c) => c.code), reported.map((c) => c.count)],
  );
}

async function writeRoundSections(tx: Queryable, roundId: number, report: ParsedReport): Promise<void> {
  await tx.query('delete from round_sections where round_id = $1', [roundId]);
  const sections = roundSections(report);
  await tx.query(
    `insert into round_sections (round_id, key, position, heading, body)
     select $1, key, position, heading, body from unnest($2::text[], $3::text[], $4::text[]) with ordinality as t(key, heading, body, position)`,
    [roundId, sections.map((x) => x.key), sections.map((x) => x.heading), sections.map((x) => x.body)],
  );
}

/** Keeps the file; returns true when this exact file had been imported before. */
async function writeSource(tx: Queryable, planId: number, source: ImportSource, sha256: string): Promise<boolean> {
  const seen = await tx.query(
    `insert into import_sources (plan_id, file_name, sha256, content) values ($1, $2, $3, $4)
     on conflict (plan_id, sha256) do nothing returning id`,
    [planId, source.fileName, sha256, source.content],
  );
  return seen.rowCount === 0;
}
