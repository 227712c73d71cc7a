/**
 * Any ImportedPlan → the plan store, in one transaction with its audit entry: all or
 * nothing. Idempotent: the plan matches by slug, scales by plan and key, nodes by the
 * source's code when it has one (else by parent and name), ratings by node and fiscal
 * year, narratives by their place among the plan's narratives of the same year, role
 * and kind; so a re-import keeps every id. Nodes a later file no longer has are kept
 * (they may carry entered work); narratives it no longer has are removed.
 *
 * Each step writes one table of the same transaction; they run top to bottom in the
 * order rows are created (ids follow it), the steps of each resource in their own file
 * (store-plan-ratings, store-plan-tree, store-plan-texts).
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit-log.js';
import type { Db, Queryable } from '../db/db.js';
import { invalidInput } from '../errors.js';
import { checkImportedPlan } from './check-plan.js';
import { countImportedPlan, countIndicatorFacts, type ImportedPlan, type ImportWarning } from './imported-plan.js';
import { defaultPlanSlug } from './report-facts.js';
import { writeIndicatorFacts } from './store-plan-indicators.js';
import { primaryScaleKey, writeAnnotationKinds, writeRatings, writeScales } from './store-plan-ratings.js';
import { writeNarratives, writeFootnotes, writeReportedSummaries } from './store-plan-texts.js';
import { writeDepartments, writeNodes } from './store-plan-tree.js';

export interface StorePlanOptions {
  slug?: string;
  actor?: string;
  /** Which reader produced the plan, for the audit entry. */
  reader?: string;
  /** More facts for the audit entry (the report's cross-check). */
  auditDetails?: Record<string, unknown>;
  /** One more step of the same transaction (the web import removes its pending upload). */
  alsoInTransaction?: (tx: Queryable) => Promise<void>;
  /** Refresh the planner's statistics after an import of at least this many ratings (default ANALYZE_AFTER_RATINGS). */
  analyzeAfterRatings?: number;
}

export interface StorePlanResult {
  planId: number;
  slug: string;
  roundIds: number[];
  counts: { nodesPerTier: number[]; ratings: number; narratives: number };
  warnings: ImportWarning[];
  /** True when this exact file had been imported before. */
  unchanged: boolean;
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export async function storeImportedPlan(db: Db, plan: ImportedPlan, options: StorePlanOptions = {}): Promise<StorePlanResult> {
  checkImportedPlan(plan);
  const slug = options.slug ?? plan.plan.slug ?? defaultPlanSlug(plan.plan.name);
  if (!SLUG.test(slug)) throw invalidInput(`計画の識別子 (slug)「${slug}」は英小文字・数字・ハイフンで書いてください`);
  const actor = options.actor ?? 'import';
  const sha256 = createHash('sha256').update(plan.file.content).digest('hex');
  const counted = countImportedPlan(plan);

  const result = await db.transaction(async (tx) => {
    const scaleIds = await writeScales(tx, slug, plan);
    const planId = await writePlan(tx, slug, plan, scaleIds);
    const annotationIds = await writeAnnotationKinds(tx, planId, plan);
    const roundIds = await writeRounds(tx, planId, plan);
    const departmentIds = await writeDepartments(tx, plan);
    const nodeIds = await writeNodes(tx, planId, plan, departmentIds);
    await writeRatings(tx, plan, nodeIds, scaleIds, annotationIds);
    await writeIndicatorFacts(tx, planId, plan, nodeIds);
    await writeNarratives(tx, planId, plan, nodeIds);
    await writeFootnotes(tx, planId, plan, nodeIds, annotationIds);
    await writeReportedSummaries(tx, planId, plan, roundIds);
    const seen = await tx.query(
      `insert into import_sources (plan_id, file_name, sha256, content) values ($1, $2, $3, $4)
       on conflict (plan_id, sha256) do nothing returning id`,
      [planId, plan.file.name, sha256, plan.file.content],
    );
    const unchanged = seen.rowCount === 0;
    const counts = { nodesPerTier: counted.nodesPerTier, ratings: counted.ratings, narratives: counted.narratives };
    await options.alsoInTransaction?.(tx);
    await recordAudit(tx, {
      actor,
      action: 'import',
      entity: 'plan',
      entityId: slug,
      planId,
      roundId: roundIds[0] ?? null,
      after: {
        file: plan.file.name,
        sha256,
        unchanged,
        reader: options.reader ?? 'table',
        counts,
        indicatorFacts: countIndicatorFacts(plan),
        warnings: plan.warnings.length,
        ...options.auditDetails,
      },
    });
    return { planId, slug, roundIds, counts, warnings: plan.warnings, unchanged };
  });
  // The planner's statistics go stale after a large import (on PostgreSQL the summary of a
  // 20,000-item plan ran 2.5× slower until ANALYZE): refresh them for the tables it filled.
  if (!result.unchanged && counted.ratings >= (options.analyzeAfterRatings ?? ANALYZE_AFTER_RATINGS))
    await db.exec('analyze plan_items, ratings, rating_annotations, narratives');
  return result;
}

/** Imports with at least this many ratings refresh the planner's statistics afterwards. */
export const ANALYZE_AFTER_RATINGS = 5000;

/** The plan row, its period extensions, designations, and its tiers with the scale each one is rated on. */
async function writePlan(tx: Queryable, slug: string, plan: ImportedPlan, scaleIds: ReadonlyMap<string, number>): Promise<number> {
  const p = plan.plan;
  const row = await tx.query<{ id: number }>(
    `insert into plans (slug, name, description, rating_scale_id, predecessor_name, successor_name, adopted_fiscal_year, start_fiscal_year, end_fiscal_year)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (slug) do update set name = excluded.name, description = case when excluded.description = '' then plans.description else excluded.description end,
       rating_scale_id = excluded.rating_scale_id, predecessor_name = coalesce(excluded.predecessor_name, plans.predecessor_name),
       successor_name = coalesce(excluded.successor_name, plans.successor_name), adopted_fiscal_year = coalesce(excluded.adopted_fiscal_year, plans.adopted_fiscal_year),
       start_fiscal_year = excluded.start_fiscal_year, end_fiscal_year = excluded.end_fiscal_year
     returning id`,
    [
      slug,
      p.name,
      p.description ?? '',
      scaleIds.get(primaryScaleKey(plan))!,
      p.predecessorName ?? null,
      p.successorName ?? null,
      p.adoptedFiscalYear ?? null,
      p.startFiscalYear,
      p.endFiscalYear,
    ],
  );
  const planId = row.rows[0]!.id;
  for (const e of p.extensions ?? []) {
    await tx.query(
      `insert into plan_period_extensions (plan_id, from_end_fiscal_year, to_end_fiscal_year, decided_fiscal_year, reason) values ($1, $2, $3, $4, $5)
       on conflict (plan_id, to_end_fiscal_year) do update set from_end_fiscal_year = excluded.from_end_fiscal_year, decided_fiscal_year = excluded.decided_fiscal_year, reason = excluded.reason`,
      [planId, e.fromEndFiscalYear, e.toEndFiscalYear, e.decidedFiscalYear ?? null, e.reason],
    );
  }
  for (const d of p.designations ?? []) {
    await tx.query(
      `insert into plan_designations (plan_id, name, from_fiscal_year) values ($1, $2, $3)
       on conflict (plan_id, name) do update set from_fiscal_year = excluded.from_fiscal_year`,
      [planId, d.name, d.fromFiscalYear ?? null],
    );
  }
  const tierScale = plan.tiers.map((_, i) => {
    const bound = plan.scales.find((s) => s.tierIndex === i);
    return bound ? scaleIds.get(bound.key)! : null;
  });
  await tx.query(
    `insert into plan_tiers (plan_id, level, name, rating_scale_id)
     select $1, level, name, scale_id from unnest($2::text[], $3::int[]) with ordinality as t(name, scale_id, level)
     on conflict (plan_id, level) do update set name = excluded.name, rating_scale_id = excluded.rating_scale_id`,
    [planId, plan.tiers, tierScale as number[]],
  );
  return planId;
}

/** The source's own round (published now, its status kept on re-import), the earlier rounds it names, and the own round's sections. */
async function writeRounds(tx: Queryable, planId: number, plan: ImportedPlan): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, r] of plan.rounds.entries()) {
    const row = await tx.query<{ id: number }>(
      `insert into evaluation_rounds (plan_id, fiscal_year, kind, status, published_at, covers_until_fiscal_year)
       values ($1, $2, $3, 'published', case when $5 then now() end, $4)
       on conflict (plan_id, fiscal_year, kind) do update set covers_until_fiscal_year = coalesce(excluded.covers_until_fiscal_year, evaluation_rounds.covers_until_fiscal_year)
       returning id`,
      [planId, r.fiscalYear, r.kind, r.coversUntilFiscalYear ?? null, i === 0],
    );
    const roundId = row.rows[0]!.id;
    ids.push(roundId);
    if (r.sections) {
      await tx.query('delete from round_sections where round_id = $1', [roundId]);
      await tx.query(
        `insert into round_sections (round_id, key, position, heading, body)
         select $1, key, position, heading, body from unnest($2::text[], $3::text[], $4::text[]) with ordinality as t(key, heading, body, position)`,
        [roundId, r.sections.map((x) => x.key), r.sections.map((x) => x.heading), r.sections.map((x) => x.body)],
      );
    }
  }
  return ids;
}
