/**
 * Saves a parsed report: the report is turned into the neutral ImportedPlan
 * (readers/published-text.ts) and written by the one store (store-plan.ts), in one
 * transaction, all or nothing, with the same ids on a re-import. What this file adds is
 * the report's own check: its printed summary against the counts of its tables.
 */
import type { Db } from '../db/db.js';
import { crossCheckSummary, type SummaryMismatch } from '../evaluations/summary.js';
import { importedPlanFromReport } from './readers/published-text.js';
import { defaultPlanSlug, parsedRatingFacts, reportedCounts } from './report-facts.js';
import type { ParsedReport } from './report-types.js';
import { storeImportedPlan } from './store-plan.js';

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
  /** Nodes per tier, from the top, with the tier names the document uses; ratings and narratives stored. */
  counts: { tiers: { name: string; count: number }[]; ratings: number; narratives: number };
  /** Differences between the report's printed summary and the counts from its tables. */
  mismatches: SummaryMismatch[];
  /** True when this exact file had been imported before. */
  unchanged: boolean;
}

export async function storeReport(db: Db, report: ParsedReport, source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  const mismatches = crossCheckSummary(parsedRatingFacts(report), reportedCounts(report), report.scale.codes);
  const plan = importedPlanFromReport(report, { name: source.fileName, content: source.content });
  const stored = await storeImportedPlan(db, plan, {
    slug: options.slug ?? defaultPlanSlug(report.plan.name),
    reader: 'published-text',
    auditDetails: { mismatches: mismatches.length },
    ...(options.actor ? { actor: options.actor } : {}),
  });
  const tiers = report.plan.tiers.map((name, i) => ({ name, count: stored.counts.nodesPerTier[i] ?? 0 }));
  return {
    planId: stored.planId,
    slug: stored.slug,
    roundId: stored.roundIds[0]!,
    counts: { tiers, ratings: stored.counts.ratings, narratives: stored.counts.narratives },
    mismatches,
    unchanged: stored.unchanged,
  };
}
