/**
 * The report model: everything an official evaluation report says, as plain typed
 * data, in document order. It is built once per request by loadReportModel and then
 * rendered many ways (HTML, PDF, Word, Excel, CSV, JSON). Renderers never query the
 * database and never invent content: sections, years and headings come from the data.
 *
 * Fiscal years are Gregorian start years (2022 = 令和4年度); renderers label them
 * through src/fiscal according to the reader's 和暦/西暦 choice.
 */
import { notFound } from '../errors.js';
import type { Queryable } from '../db/db.js';
import { longWareki, shortWareki } from '../fiscal/fiscal-year.js';
import { loadReportedCounts, loadScale, loadSummary, roundRate, type ScaleCode, type YearSummary } from '../evaluations/summary.js';
import { roundKindLabel, type RoundKind } from '../evaluations/round-kinds.js';
import { loadAnnotationKinds, loadPlanTree, resolvePlan, type PlanTree, type TreeNode } from '../plans/plan-queries.js';
import { DEFAULT_HEADINGS, fill } from './messages.js';
import { cleanText, paragraphsOf } from './text.js';

export const REPORT_MODEL_VERSION = 1;

export type NarrativeRole = 'department' | 'division' | 'expert';

export interface ReportSection {
  /** Stable key of the section within the round ("guide-1", "closing"). */
  key: string;
  heading: string;
  paragraphs: string[];
}

export interface ReportNarrative {
  /** Database id: stable across renders, unique per plan. */
  id: number;
  role: NarrativeRole;
  /** progress | issues | direction | opinion. */
  kind: string;
  /** Order within the plan, year and role, as in the source document. */
  position: number;
  /** Code of the item it is stored on, null for the whole plan. */
  itemCode: string | null;
  /** Codes of other items the paragraph names (a paragraph about two programs). */
  mentionCodes: string[];
  paragraphs: string[];
}

export interface ReportRating {
  fiscalYear: number;
  /** Scale code ("A", "B", "—"); null when no rating is stored for that year. */
  code: string | null;
  /** Annotation marks ("※"). */
  marks: string[];
}

export interface ReportSubItem {
  id: number;
  /** Stable dotted position in the plan ("2.1.4.3"). */
  code: string;
  name: string;
  department: string | null;
  /** One entry per model fiscal year, in the same order. */
  ratings: ReportRating[];
}

/** A row group of a measure's table: a program and its sub-items (merged cells in print). */
export interface ReportProgram {
  id: number;
  code: string;
  name: string;
  subItems: ReportSubItem[];
}

export interface ReportFootnote {
  mark: string;
  meaning: string;
  items: { code: string; name: string }[];
}

export interface ReportMeasure {
  id: number;
  code: string;
  name: string;
  programs: ReportProgram[];
  departmentNarrativesHeading: string;
  /** Department narratives of the round's year in source order. */
  departmentNarratives: ReportNarrative[];
  footnotes: ReportFootnote[];
  divisionOpinionHeading: string;
  divisionOpinion: ReportNarrative[];
  /** Expert narratives stored on the measure itself (none in the seed). */
  expertOpinion: ReportNarrative[];
}

export interface CountsByYear {
  fiscalYear: number;
  counts: Record<string, number>;
  total: number;
  achieved: number;
  /** achieved / total rounded to 4 decimals; null when total is 0. */
  achievementRate: number | null;
}

export interface ReportPillar {
  id: number;
  code: string;
  name: string;
  expertOpinionHeading: string;
  expertOpinion: ReportNarrative[];
  /** Department or division narratives stored on the pillar itself (none in the seed). */
  otherNarratives: ReportNarrative[];
  /** Counts over the pillar's sub-items, per model fiscal year (for its chart). */
  summary: CountsByYear[];
  measures: ReportMeasure[];
}

export interface ReportSummaryYear {
  fiscalYear: number;
  /** computed from stored ratings, or reported: only the published figure exists. */
  source: 'computed' | 'reported';
  counts: Record<string, number>;
  total: number;
  achievementRate: number | null;
  /** The figures printed in the published report for this year, when stored. */
  reportedCounts: Record<string, number> | null;
}

export interface ReportModel {
  version: typeof REPORT_MODEL_VERSION;
  plan: {
    id: number;
    slug: string;
    name: string;
    description: string;
    tiers: string[];
    startFiscalYear: number;
    endFiscalYear: number;
    effectiveEndFiscalYear: number;
  };
  round: {
    id: number;
    fiscalYear: number;
    kind: RoundKind;
    status: string;
    /** Last fiscal year whose results are shown. */
    untilFiscalYear: number;
  };
  title: {
    /** 令和4年度 — the title page always uses the era, as published reports do. */
    yearLabel: string;
    planName: string;
    reportTitle: string;
    /** 最終評価 / 中間評価 / 年度評価. */
    kindLabel: string;
  };
  /** Columns of the detail tables: the fiscal years with stored ratings up to the round. */
  fiscalYears: number[];
  scale: ScaleCode[];
  annotationKinds: { mark: string; meaning: string }[];
  guideHeading: string;
  /** 評価要領 sections from the round, in order. */
  guide: ReportSection[];
  planOpinion: {
    heading: string;
    /** "茅ヶ崎市地域情報化計画全体" */
    scopeLabel: string;
    narratives: ReportNarrative[];
  };
  summary: {
    years: ReportSummaryYear[];
  };
  pillars: ReportPillar[];
  /** Sections after the pillars (closing remarks), in order. */
  closing: ReportSection[];
  /** Sub-item count: the number of rows of every detail table together. */
  subItemCount: number;
}

export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

interface RoundRow {
  id: number;
  fiscalYear: number;
  kind: RoundKind;
  status: string;
  coversUntilFiscalYear: number | null;
}

const KIND_PREFERENCE: readonly RoundKind[] = ['final', 'midterm', 'yearly'];

/** The round of that year; without a kind, the final one is preferred, then midterm, then yearly. */
export async function resolveRound(db: Queryable, planId: number, planName: string, fiscalYear: number, kind?: RoundKind): Promise<RoundRow> {
  const r = await db.query<RoundRow>(
    `select id, fiscal_year as "fiscalYear", kind, status, covers_until_fiscal_year as "coversUntilFiscalYear"
       from evaluation_rounds where plan_id = $1 order by fiscal_year, kind`,
    [planId],
  );
  const ofYear = r.rows.filter((x) => x.fiscalYear === fiscalYear && (kind === undefined || x.kind === kind));
  ofYear.sort((a, b) => KIND_PREFERENCE.indexOf(a.kind) - KIND_PREFERENCE.indexOf(b.kind));
  const found = ofYear[0];
  if (!found) {
    const wanted = `${longWareki(fiscalYear)}${kind ? `（${roundKindLabel(kind)}）` : ''}`;
    const existing = r.rows.map((x) => `${longWareki(x.fiscalYear)}（${roundKindLabel(x.kind)}）`).join('、');
    throw notFound(`${planName} に ${wanted} の評価の回がありません。${existing ? `登録されている回: ${existing}` : '評価の回がまだ登録されていません。'}`);
  }
  return found;
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

/** Counts of the given leaves' ratings per fiscal year. Pure. */
export function countLeaves(subItems: readonly ReportSubItem[], fiscalYears: readonly number[], scale: readonly ScaleCode[]): CountsByYear[] {
  const achievedCodes = new Set(scale.filter((c) => c.countsAsAchieved).map((c) => c.code));
  return fiscalYears.map((fy, i) => {
    const counts: Record<string, number> = {};
    for (const c of scale) counts[c.code] = 0;
    let total = 0;
    let achieved = 0;
    for (const s of subItems) {
      const code = s.ratings[i]?.code;
      if (code === null || code === undefined) continue;
      counts[code] = (counts[code] ?? 0) + 1;
      total++;
      if (achievedCodes.has(code)) achieved++;
    }
    return { fiscalYear: fy, counts, total, achieved, achievementRate: total === 0 ? null : roundRate(achieved / total) };
  });
}

/** Every sub-item of the report in document order. */
export function reportSubItems(model: Pick<ReportModel, 'pillars'>): ReportSubItem[] {
  return model.pillars.flatMap((p) => p.measures.flatMap((m) => m.programs.flatMap((g) => g.subItems)));
}

/** Every narrative of the report in document order. */
export function reportNarratives(model: ReportModel): ReportNarrative[] {
  return [
    ...model.planOpinion.narratives,
    ...model.pillars.flatMap((p) => [
      ...p.expertOpinion,
      ...p.otherNarratives,
      ...p.measures.flatMap((m) => [...m.departmentNarratives, ...m.divisionOpinion, ...m.expertOpinion]),
    ]),
  ];
}

function leavesOf(node: TreeNode): TreeNode[] {
  if (node.children.length === 0) return [node];
  return node.children.flatMap(leavesOf);
}

interface NarrativeRow {
  id: number;
  itemId: number | null;
  role: NarrativeRole;
  kind: string;
  position: number;
  body: string;
  mentions: number[] | null;
}

/**
 * Loads the report of one evaluation round. Throws a not-found AppError (Japanese message)
 * for an unknown plan or round and ReportInputError for a round without ratings.
 */
export async function loadReportModel(db: Queryable, planSlug: string, fiscalYear: number, kind?: RoundKind): Promise<ReportModel> {
  const plan = await resolvePlan(db, planSlug);
  const round = await resolveRound(db, plan.id, plan.name, fiscalYear, kind);
  const until = round.coversUntilFiscalYear ?? round.fiscalYear;

  const [tree, scale, summary, reported, sections, narratives, footnotes, annotationKinds] = await Promise.all([
    loadPlanTree(db, plan.id, { untilFiscalYear: until }),
    loadScale(db, plan.id),
    loadSummary(db, plan.id, { untilFiscalYear: until }),
    loadReportedCounts(db, plan.id),
    db.query<{ key: string; heading: string; body: string }>('select key, heading, body from round_sections where round_id = $1 order by position', [round.id]),
    db.query<NarrativeRow>(
      `select n.id, n.item_id as "itemId", n.author_role as role, n.kind, n.position, n.body,
              (select array_agg(m.item_id order by m.item_id) from narrative_mentions m where m.narrative_id = n.id) as mentions
         from narratives n where n.plan_id = $1 and n.fiscal_year = $2
        order by n.author_role, n.position`,
      [plan.id, round.fiscalYear],
    ),
    db.query<{ measureId: number; mark: string; meaning: string; itemId: number }>(
      `select f.measure_item_id as "measureId", k.mark, k.meaning, f.item_id as "itemId"
         from annotation_footnotes f join annotation_kinds k on k.id = f.annotation_kind_id
        where f.plan_id = $1 and f.fiscal_year = $2 order by f.measure_item_id, k.id, f.position`,
      [plan.id, round.fiscalYear],
    ),
    loadAnnotationKinds(db, plan.id),
  ]);

  if (tree.fiscalYears.length === 0) {
    throw new ReportInputError(
      `${plan.name} の ${longWareki(round.fiscalYear)}（${roundKindLabel(round.kind)}）には評価（評点）が1件もありません。${longWareki(until)}までの評価を入力または取り込んでから報告書を作成してください。`,
    );
  }
  const fiscalYears = tree.fiscalYears;
  const roundShort = shortWareki(round.fiscalYear);
  const tiers = plan.tiers.map(cleanText);
  const sectionByKey = new Map(sections.rows.map((s) => [s.key, s]));
  const headingOf = (key: string, fallback: string) => cleanText(sectionByKey.get(key)?.heading ?? '') || fallback;

  // Where each narrative goes: by its item's pillar and measure ancestors.
  const pillarOf = new Map<number, TreeNode>();
  const measureOf = new Map<number, TreeNode>();
  for (const pillar of tree.roots) {
    const walk = (n: TreeNode, measure: TreeNode | undefined) => {
      pillarOf.set(n.id, pillar);
      if (measure) measureOf.set(n.id, measure);
      for (const c of n.children) walk(c, measure ?? (n.level === 2 ? n : c.level === 2 ? c : undefined));
    };
    pillarOf.set(pillar.id, pillar);
    for (const c of pillar.children) walk(c, c);
  }
  const codeOf = (id: number) => tree.byId.get(id)?.code;
  const toNarrative = (n: NarrativeRow): ReportNarrative => ({
    id: n.id,
    role: n.role,
    kind: n.kind,
    position: n.position,
    itemCode: n.itemId === null ? null : (codeOf(n.itemId) ?? null),
    mentionCodes: (n.mentions ?? []).map(codeOf).filter((c): c is string => c !== undefined),
    paragraphs: paragraphsOf(n.body),
  });
  const planNarratives: ReportNarrative[] = [];
  const byPillar = new Map<number, ReportNarrative[]>();
  const byMeasure = new Map<number, ReportNarrative[]>();
  const push = (map: Map<number, ReportNarrative[]>, id: number, n: ReportNarrative) => {
    const list = map.get(id);
    if (list) list.push(n);
    else map.set(id, [n]);
  };
  for (const row of narratives.rows) {
    const n = toNarrative(row);
    if (row.itemId === null) planNarratives.push(n);
    else if (measureOf.has(row.itemId)) push(byMeasure, measureOf.get(row.itemId)!.id, n);
    else if (pillarOf.has(row.itemId)) push(byPillar, pillarOf.get(row.itemId)!.id, n);
    // A narrative on an item outside the tree cannot exist (foreign key with cascade).
  }

  const footnotesByMeasure = new Map<number, ReportFootnote[]>();
  for (const f of footnotes.rows) {
    const node = tree.byId.get(f.itemId);
    if (!node) continue;
    const list = footnotesByMeasure.get(f.measureId) ?? [];
    let entry = list.find((x) => x.mark === f.mark);
    if (!entry) list.push((entry = { mark: cleanText(f.mark), meaning: cleanText(f.meaning), items: [] }));
    entry.items.push({ code: node.code, name: cleanText(node.name) });
    footnotesByMeasure.set(f.measureId, list);
  }

  const toSubItem = (leaf: TreeNode): ReportSubItem => ({
    id: leaf.id,
    code: leaf.code,
    name: cleanText(leaf.name),
    department: leaf.departmentName === null ? null : cleanText(leaf.departmentName),
    ratings: fiscalYears.map((fy) => {
      const cell = leaf.ratings.get(fy);
      return { fiscalYear: fy, code: cell?.code ?? null, marks: cell?.marks ?? [] };
    }),
  });

  const expertHeading = headingOf('plan-expert-opinion', DEFAULT_HEADINGS.expertOpinion);
  const departmentHeading = headingOf(
    'department-narratives',
    fill(DEFAULT_HEADINGS.departmentNarratives, { tier: tiers[2] ?? tiers[tiers.length - 1] ?? '', year: roundShort }),
  );
  const divisionHeading = headingOf('division-opinion', DEFAULT_HEADINGS.divisionOpinion);
  const byRole = (list: ReportNarrative[] | undefined, role: NarrativeRole) => (list ?? []).filter((n) => n.role === role);

  const pillars: ReportPillar[] = tree.roots.map((pillarNode) => {
    const measures: ReportMeasure[] = pillarNode.children.map((measureNode) => {
      // A measure's children are its programs; a childless one is its own single row.
      const programs: ReportProgram[] = measureNode.children.map((programNode) => ({
        id: programNode.id,
        code: programNode.code,
        name: cleanText(programNode.name),
        subItems: leavesOf(programNode).map(toSubItem),
      }));
      const texts = byMeasure.get(measureNode.id);
      return {
        id: measureNode.id,
        code: measureNode.code,
        name: cleanText(measureNode.name),
        programs,
        departmentNarrativesHeading: departmentHeading,
        departmentNarratives: byRole(texts, 'department'),
        footnotes: footnotesByMeasure.get(measureNode.id) ?? [],
        divisionOpinionHeading: divisionHeading,
        divisionOpinion: byRole(texts, 'division'),
        expertOpinion: byRole(texts, 'expert'),
      };
    });
    const texts = byPillar.get(pillarNode.id) ?? [];
    const subItems = measures.flatMap((m) => m.programs.flatMap((g) => g.subItems));
    return {
      id: pillarNode.id,
      code: pillarNode.code,
      name: cleanText(pillarNode.name),
      expertOpinionHeading: expertHeading,
      expertOpinion: texts.filter((n) => n.role === 'expert'),
      otherNarratives: texts.filter((n) => n.role !== 'expert'),
      summary: countLeaves(subItems, fiscalYears, scale),
      measures,
    };
  });

  const reportedByYear = new Map<number, Record<string, number>>();
  for (const r of reported) {
    if (r.fiscalYear > until) continue;
    const counts = reportedByYear.get(r.fiscalYear) ?? {};
    counts[r.code] = r.count;
    reportedByYear.set(r.fiscalYear, counts);
  }
  const summaryYears: ReportSummaryYear[] = summary.map((y: YearSummary) => ({
    fiscalYear: y.fiscalYear,
    source: y.source,
    counts: y.counts,
    total: y.total,
    achievementRate: y.achievementRate,
    reportedCounts: reportedByYear.get(y.fiscalYear) ?? null,
  }));
  const planName = cleanText(plan.name);

  const toSection = (s: { key: string; heading: string; body: string }): ReportSection => ({ key: s.key, heading: cleanText(s.heading), paragraphs: paragraphsOf(s.body) });
  const guide = sections.rows.filter((s) => s.key.startsWith('guide')).map(toSection);
  const closing = sections.rows.filter((s) => s.key === 'closing' || s.key.startsWith('closing-')).map(toSection);

  return {
    version: REPORT_MODEL_VERSION,
    plan: {
      id: plan.id,
      slug: plan.slug,
      name: planName,
      description: cleanText(plan.description),
      tiers,
      startFiscalYear: plan.startFiscalYear,
      endFiscalYear: plan.endFiscalYear,
      effectiveEndFiscalYear: plan.effectiveEndFiscalYear,
    },
    round: { id: round.id, fiscalYear: round.fiscalYear, kind: round.kind, status: round.status, untilFiscalYear: until },
    title: {
      yearLabel: longWareki(round.fiscalYear),
      planName,
      reportTitle: headingOf('title', DEFAULT_HEADINGS.title),
      kindLabel: roundKindLabel(round.kind),
    },
    fiscalYears,
    scale: scale.map((c) => ({ ...c, label: cleanText(c.label), criteria: cleanText(c.criteria) })),
    annotationKinds: annotationKinds.map((a) => ({ mark: cleanText(a.mark), meaning: cleanText(a.meaning) })),
    guideHeading: headingOf('guide', DEFAULT_HEADINGS.guide),
    guide,
    planOpinion: {
      heading: expertHeading,
      scopeLabel: fill(DEFAULT_HEADINGS.planWide, { plan: planName }),
      narratives: planNarratives,
    },
    summary: { years: summaryYears },
    pillars,
    closing,
    subItemCount: pillars.reduce((n, p) => n + p.measures.reduce((m, x) => m + x.programs.reduce((k, g) => k + g.subItems.length, 0), 0), 0),
  };
}
