/**
 * Reads of the reports domain: the rounds of a plan, and every row one round's
 * report needs (read in parallel, assembled in memory by report-assembly.ts).
 */
import type { Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import { longWareki } from '../fiscal/fiscal-year.js';
import { loadReportedCounts, loadScale, loadSummary } from '../evaluations/summary.js';
import type { RoundKind } from '../evaluations/round-kinds.js';
import { loadAnnotationKinds, loadPlanTree, resolvePlan } from '../plans/plan-queries.js';
import { t } from './messages.js';
import { roundKindLabel } from '../evaluations/round-kinds.js';
import { loadPlanVocabulary } from '../evaluations/plan-settings-queries.js';
import {
  assembleReportModel,
  pickRound,
  roundLabel,
  type FootnoteRow,
  type NarrativeRow,
  type ReportRows,
  type RoundRow,
  type SectionRow,
} from './report-assembly.js';
import type { ReportModel } from './report-model.js';
import type { OutputRows } from './report-outputs.js';
import {
  loadDirectionCodes,
  loadDirectionCounts,
  loadIndicatorSeries,
  loadItemCosts,
  loadItemDirections,
  loadRatingRule,
} from '../indicators/indicator-queries.js';
import { rollUpCosts } from '../indicators/cost-rollup.js';

/** The round of that year (see pickRound); a not-found AppError names the rounds that exist. */
export async function resolveRound(db: Queryable, planId: number, planName: string, fiscalYear: number, kind?: RoundKind): Promise<RoundRow> {
  const r = await db.query<RoundRow>(
    `select id, fiscal_year as "fiscalYear", kind, status, covers_until_fiscal_year as "coversUntilFiscalYear",
            coalesce(generated_section, exists (select 1 from round_entries e where e.round_id = evaluation_rounds.id)) as "generatedSection"
       from evaluation_rounds where plan_id = $1 order by fiscal_year, kind`,
    [planId],
  );
  const found = pickRound(r.rows, fiscalYear, kind);
  if (found) return found;
  const wanted = `${longWareki(fiscalYear)}${kind ? `（${roundKindLabel(kind)}）` : ''}`;
  const rounds = r.rows.map((x) => roundLabel(x.fiscalYear, x.kind)).join('、');
  const existing = rounds ? t('ja', 'roundsExisting', { rounds }) : t('ja', 'noRoundsYet');
  throw notFound(t('ja', 'roundMissing', { plan: planName, wanted, existing }));
}

export interface ReportRoundSummary {
  fiscalYear: number;
  kind: RoundKind;
  status: string;
  /** False when no rating exists up to the round's last covered year: no report can be made. */
  hasRatings: boolean;
}

export async function listReportRounds(db: Queryable, planId: number): Promise<ReportRoundSummary[]> {
  const r = await db.query<ReportRoundSummary>(
    `select e.fiscal_year as "fiscalYear", e.kind, e.status,
            exists (select 1 from ratings r join plan_items i on i.id = r.item_id
                     where i.plan_id = e.plan_id and r.fiscal_year <= coalesce(e.covers_until_fiscal_year, e.fiscal_year)) as "hasRatings"
       from evaluation_rounds e where e.plan_id = $1 order by e.fiscal_year desc, e.kind`,
    [planId],
  );
  return r.rows;
}

/** Codes the importer added to the plan's scale although the published criteria table lacks them. */
async function loadDefaultCodes(db: Queryable, planId: number): Promise<string[]> {
  const r = await db.query<{ code: string }>(
    'select c.code from plans p join rating_codes c on c.scale_id = p.rating_scale_id where p.id = $1 and c.is_default order by c.position',
    [planId],
  );
  return r.rows.map((x) => x.code);
}

async function loadSections(db: Queryable, roundId: number): Promise<SectionRow[]> {
  const r = await db.query<SectionRow>('select key, heading, body from round_sections where round_id = $1 order by position', [roundId]);
  return r.rows;
}

async function loadNarratives(db: Queryable, planId: number, fiscalYear: number): Promise<NarrativeRow[]> {
  const r = await db.query<NarrativeRow>(
    `select n.id, n.item_id as "itemId", n.author_role as role, n.kind, n.position, n.body,
            (select array_agg(m.item_id order by m.item_id) from narrative_mentions m where m.narrative_id = n.id) as mentions
       from narratives n where n.plan_id = $1 and n.fiscal_year = $2
      order by n.author_role, n.position`,
    [planId, fiscalYear],
  );
  return r.rows;
}

async function loadFootnotes(db: Queryable, planId: number, fiscalYear: number): Promise<FootnoteRow[]> {
  const r = await db.query<FootnoteRow>(
    `select f.measure_item_id as "measureId", k.mark, k.meaning, f.item_id as "itemId"
       from annotation_footnotes f join annotation_kinds k on k.id = f.annotation_kind_id
      where f.plan_id = $1 and f.fiscal_year = $2 order by f.measure_item_id, k.id, f.position`,
    [planId, fiscalYear],
  );
  return r.rows;
}

/** Every row of one round's report. */
export async function loadReportRows(db: Queryable, planSlug: string, fiscalYear: number, kind?: RoundKind): Promise<ReportRows> {
  const plan = await resolvePlan(db, planSlug);
  const round = await resolveRound(db, plan.id, plan.name, fiscalYear, kind);
  const until = round.coversUntilFiscalYear ?? round.fiscalYear;
  const [tree, scale, defaultCodes, summary, reported, sections, narratives, footnotes, annotationKinds, vocabulary, outputs] = await Promise.all([
    loadPlanTree(db, plan.id, { untilFiscalYear: until }),
    loadScale(db, plan.id),
    loadDefaultCodes(db, plan.id),
    loadSummary(db, plan.id, { untilFiscalYear: until }),
    loadReportedCounts(db, plan.id),
    loadSections(db, round.id),
    loadNarratives(db, plan.id, round.fiscalYear),
    loadFootnotes(db, plan.id, round.fiscalYear),
    loadAnnotationKinds(db, plan.id),
    loadPlanVocabulary(db, plan.id),
    loadOutputRows(db, plan.id),
  ]);
  const words = { division: vocabulary.divisionName ?? vocabulary.titles.division, kindLabel: vocabulary.kindLabels[round.kind] };
  return {
    plan,
    round,
    tree,
    scale,
    defaultCodes,
    summary,
    reported,
    sections,
    narratives,
    footnotes,
    annotationKinds,
    words,
    outputs: { ...outputs, costTotals: rollUpCosts(tree.roots, outputs.costs) },
  };
}

async function loadProposals(db: Queryable, planId: number): Promise<OutputRows['proposals']> {
  const r = await db.query<OutputRows['proposals'][number]>(
    `select r.item_id as "itemId", r.fiscal_year as "fiscalYear", r.code, r.proposed_code as "proposedCode", nullif(btrim(r.override_reason), '') as "overrideReason"
       from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.proposed_code is not null order by r.fiscal_year, i.level, i.position`,
    [planId],
  );
  return r.rows;
}

/**
 * The plan's indicators, rule, proposals, directions and costs (a handful of queries; a plan
 * without them costs as many empty reads). The portal reads the same rows and keeps the published years.
 */
export async function loadOutputRows(db: Queryable, planId: number): Promise<Omit<OutputRows, 'costTotals'>> {
  const [rule, series, proposals, directionCodes, directions, directionCounts, costs] = await Promise.all([
    loadRatingRule(db, planId),
    loadIndicatorSeries(db, planId),
    loadProposals(db, planId),
    loadDirectionCodes(db, planId),
    loadItemDirections(db, planId),
    loadDirectionCounts(db, planId),
    loadItemCosts(db, planId),
  ]);
  return { rule, series, proposals, directionCodes, directions, directionCounts, costs };
}

/**
 * The report of one evaluation round. Throws a not-found AppError for an unknown plan
 * or round and an invalid-input one for a round without ratings (Japanese messages).
 */
export async function loadReportModel(db: Queryable, planSlug: string, fiscalYear: number, kind?: RoundKind): Promise<ReportModel> {
  return assembleReportModel(await loadReportRows(db, planSlug, fiscalYear, kind));
}
