/**
 * From the rows of one round to the report model: plain functions, no database.
 * Narratives and footnotes are placed under their pillar and measure, counts are
 * made per pillar, and headings fall back to the defaults when the round stores none.
 */
import { invalidInput } from '../errors.js';
import { longWareki, shortWareki } from '../fiscal/fiscal-year.js';
import type { ReportedCount, ScaleCode, YearSummary } from '../evaluations/summary.js';
import type { RoundKind } from '../evaluations/round-kinds.js';
import type { AnnotationKind, PlanDetail, PlanTree, TreeNode } from '../plans/plan-queries.js';
import { fill } from '../web/messages.js';
import { DEFAULT_HEADINGS, t } from './messages.js';
import { roundKindLabel } from '../evaluations/round-kinds.js';
import {
  REPORT_MODEL_VERSION,
  countLeaves,
  reportSubItems,
  type NarrativeRole,
  type ReportFootnote,
  type ReportMeasure,
  type ReportModel,
  type ReportNarrative,
  type ReportPillar,
  type ReportProgram,
  type ReportSection,
  type ReportSubItem,
  type ReportSummaryYear,
} from './report-model.js';
import { cleanText, paragraphsOf } from './text.js';

/** An evaluation round as stored. */
export interface RoundRow {
  id: number;
  fiscalYear: number;
  kind: RoundKind;
  status: string;
  coversUntilFiscalYear: number | null;
}

export interface SectionRow {
  key: string;
  heading: string;
  body: string;
}

export interface NarrativeRow {
  id: number;
  itemId: number | null;
  role: NarrativeRole;
  kind: string;
  position: number;
  body: string;
  mentions: number[] | null;
}

export interface FootnoteRow {
  measureId: number;
  mark: string;
  meaning: string;
  itemId: number;
}

/** Everything report-queries.ts reads for one round: the input of assembleReportModel. */
export interface ReportRows {
  plan: PlanDetail;
  round: RoundRow;
  tree: PlanTree;
  scale: ScaleCode[];
  /** Scale codes added by an importer, not published in the criteria table. */
  defaultCodes: string[];
  summary: YearSummary[];
  reported: ReportedCount[];
  sections: SectionRow[];
  narratives: NarrativeRow[];
  footnotes: FootnoteRow[];
  annotationKinds: AnnotationKind[];
}

const KIND_PREFERENCE: readonly RoundKind[] = ['final', 'midterm', 'yearly'];

/** The round of that year; without a kind, the final one is preferred, then midterm, then yearly. */
export function pickRound(rounds: readonly RoundRow[], fiscalYear: number, kind?: RoundKind): RoundRow | undefined {
  const ofYear = rounds.filter((x) => x.fiscalYear === fiscalYear && (kind === undefined || x.kind === kind));
  ofYear.sort((a, b) => KIND_PREFERENCE.indexOf(a.kind) - KIND_PREFERENCE.indexOf(b.kind));
  return ofYear[0];
}

/** "令和4年度（最終評価）" */
export function roundLabel(fiscalYear: number, kind: RoundKind): string {
  return `${longWareki(fiscalYear)}（${roundKindLabel(kind)}）`;
}

function leavesOf(node: TreeNode): TreeNode[] {
  if (node.children.length === 0) return [node];
  return node.children.flatMap(leavesOf);
}

interface PlacedNarratives {
  plan: ReportNarrative[];
  byPillar: Map<number, ReportNarrative[]>;
  byMeasure: Map<number, ReportNarrative[]>;
}

/** Where each narrative goes: by its item's pillar and measure ancestors. */
function placeNarratives(tree: PlanTree, rows: readonly NarrativeRow[]): PlacedNarratives {
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
  const placed: PlacedNarratives = { plan: [], byPillar: new Map(), byMeasure: new Map() };
  const push = (map: Map<number, ReportNarrative[]>, id: number, n: ReportNarrative) => {
    const list = map.get(id);
    if (list) list.push(n);
    else map.set(id, [n]);
  };
  for (const row of rows) {
    const n: ReportNarrative = {
      id: row.id,
      role: row.role,
      kind: row.kind,
      position: row.position,
      itemCode: row.itemId === null ? null : (codeOf(row.itemId) ?? null),
      mentionCodes: (row.mentions ?? []).map(codeOf).filter((c): c is string => c !== undefined),
      paragraphs: paragraphsOf(row.body),
    };
    if (row.itemId === null) placed.plan.push(n);
    else if (measureOf.has(row.itemId)) push(placed.byMeasure, measureOf.get(row.itemId)!.id, n);
    else if (pillarOf.has(row.itemId)) push(placed.byPillar, pillarOf.get(row.itemId)!.id, n);
    // A narrative on an item outside the tree cannot exist (foreign key with cascade).
  }
  return placed;
}

function footnotesByMeasure(tree: PlanTree, rows: readonly FootnoteRow[]): Map<number, ReportFootnote[]> {
  const byMeasure = new Map<number, ReportFootnote[]>();
  for (const f of rows) {
    const node = tree.byId.get(f.itemId);
    if (!node) continue;
    const list = byMeasure.get(f.measureId) ?? [];
    let entry = list.find((x) => x.mark === f.mark);
    if (!entry) {
      entry = { mark: cleanText(f.mark), meaning: cleanText(f.meaning), items: [] };
      list.push(entry);
    }
    entry.items.push({ code: node.code, name: cleanText(node.name) });
    byMeasure.set(f.measureId, list);
  }
  return byMeasure;
}

function subItemOf(leaf: TreeNode, fiscalYears: readonly number[]): ReportSubItem {
  return {
    id: leaf.id,
    code: leaf.code,
    name: cleanText(leaf.name),
    department: leaf.departmentName === null ? null : cleanText(leaf.departmentName),
    ratings: fiscalYears.map((fy) => {
      const cell = leaf.ratings.get(fy);
      return { fiscalYear: fy, code: cell?.code ?? null, marks: cell?.marks ?? [] };
    }),
  };
}

/** Headings a round may override with a stored section of the same key. */
interface Headings {
  /** The heading stored under that key, or the fallback. */
  of: (key: string, fallback: string) => string;
  title: string;
  guide: string;
  expertOpinion: string;
  departmentNarratives: string;
  divisionOpinion: string;
}

function headingsOf(sections: readonly SectionRow[], tiers: readonly string[], round: RoundRow): Headings {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const headingOf = (key: string, fallback: string) => cleanText(byKey.get(key)?.heading ?? '') || fallback;
  const tier = tiers[2] ?? tiers[tiers.length - 1] ?? '';
  return {
    of: headingOf,
    title: headingOf('title', DEFAULT_HEADINGS.title),
    guide: headingOf('guide', DEFAULT_HEADINGS.guide),
    expertOpinion: headingOf('plan-expert-opinion', DEFAULT_HEADINGS.expertOpinion),
    departmentNarratives: headingOf('department-narratives', fill(DEFAULT_HEADINGS.departmentNarratives, { tier, year: shortWareki(round.fiscalYear) })),
    divisionOpinion: headingOf('division-opinion', DEFAULT_HEADINGS.divisionOpinion),
  };
}

interface PillarInput {
  fiscalYears: readonly number[];
  scale: readonly ScaleCode[];
  headings: Headings;
  narratives: PlacedNarratives;
  footnotes: Map<number, ReportFootnote[]>;
}

function measureOf(measureNode: TreeNode, input: PillarInput): ReportMeasure {
  // A measure's children are its programs; a childless one is its own single row.
  const programs: ReportProgram[] = measureNode.children.map((programNode) => ({
    id: programNode.id,
    code: programNode.code,
    name: cleanText(programNode.name),
    subItems: leavesOf(programNode).map((leaf) => subItemOf(leaf, input.fiscalYears)),
  }));
  const texts = input.narratives.byMeasure.get(measureNode.id) ?? [];
  const byRole = (role: NarrativeRole) => texts.filter((n) => n.role === role);
  return {
    id: measureNode.id,
    code: measureNode.code,
    name: cleanText(measureNode.name),
    programs,
    departmentNarrativesHeading: input.headings.of(`department-narratives:${measureNode.code}`, input.headings.departmentNarratives),
    departmentNarratives: byRole('department'),
    footnotes: input.footnotes.get(measureNode.id) ?? [],
    divisionOpinionHeading: input.headings.of(`division-opinion:${measureNode.code}`, input.headings.divisionOpinion),
    divisionOpinion: byRole('division'),
    expertOpinion: byRole('expert'),
  };
}

function pillarOf(pillarNode: TreeNode, input: PillarInput): ReportPillar {
  const measures = pillarNode.children.map((m) => measureOf(m, input));
  const texts = input.narratives.byPillar.get(pillarNode.id) ?? [];
  const subItems = measures.flatMap((m) => m.programs.flatMap((g) => g.subItems));
  return {
    id: pillarNode.id,
    code: pillarNode.code,
    name: cleanText(pillarNode.name),
    expertOpinionHeading: input.headings.expertOpinion,
    expertOpinion: texts.filter((n) => n.role === 'expert'),
    otherNarratives: texts.filter((n) => n.role !== 'expert'),
    summary: countLeaves(subItems, input.fiscalYears, input.scale),
    measures,
  };
}

/** "2019\tR1" lines of an imported round: the summary's year labels as printed. */
function printedYearLabels(sections: readonly SectionRow[]): Map<number, string> {
  const body = sections.find((s) => s.key === 'summary-year-labels')?.body ?? '';
  const labels = new Map<number, string>();
  for (const line of body.split('\n')) {
    const [year, label] = line.split('\t');
    if (year && label) labels.set(Number(year), cleanText(label));
  }
  return labels;
}

function summaryYearsOf(summary: readonly YearSummary[], reported: readonly ReportedCount[], until: number, printed: Map<number, string>): ReportSummaryYear[] {
  const reportedByYear = new Map<number, Record<string, number>>();
  for (const r of reported) {
    if (r.fiscalYear > until) continue;
    const counts = reportedByYear.get(r.fiscalYear) ?? {};
    counts[r.code] = r.count;
    reportedByYear.set(r.fiscalYear, counts);
  }
  return summary.map((y) => ({
    fiscalYear: y.fiscalYear,
    source: y.source,
    counts: y.counts,
    total: y.total,
    achievementRate: y.achievementRate,
    reportedCounts: reportedByYear.get(y.fiscalYear) ?? null,
    printedLabel: printed.get(y.fiscalYear) ?? null,
  }));
}

const sectionOf = (s: SectionRow): ReportSection => ({ key: s.key, heading: cleanText(s.heading), paragraphs: paragraphsOf(s.body) });

/**
 * The report of one round from its rows. Throws an invalid-input AppError (422) for a
 * round without ratings up to its last covered year: there is nothing to report.
 */
export function assembleReportModel(rows: ReportRows): ReportModel {
  const { plan, round, tree } = rows;
  const until = round.coversUntilFiscalYear ?? round.fiscalYear;
  const planName = cleanText(plan.name);
  if (tree.fiscalYears.length === 0) {
    throw invalidInput(t('ja', 'roundWithoutRatings', { plan: plan.name, round: roundLabel(round.fiscalYear, round.kind), until: longWareki(until) }));
  }
  const tiers = plan.tiers.map(cleanText);
  const headings = headingsOf(rows.sections, tiers, round);
  const input: PillarInput = {
    fiscalYears: tree.fiscalYears,
    scale: rows.scale,
    headings,
    narratives: placeNarratives(tree, rows.narratives),
    footnotes: footnotesByMeasure(tree, rows.footnotes),
  };
  const pillars = tree.roots.map((p) => pillarOf(p, input));
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
    title: { yearLabel: longWareki(round.fiscalYear), planName, reportTitle: headings.title, kindLabel: roundKindLabel(round.kind) },
    fiscalYears: tree.fiscalYears,
    scale: rows.scale.map((c) => ({ ...c, label: cleanText(c.label), criteria: cleanText(c.criteria), isDefault: rows.defaultCodes.includes(c.code) })),
    annotationKinds: rows.annotationKinds.map((a) => ({ mark: cleanText(a.mark), meaning: cleanText(a.meaning) })),
    guideHeading: headings.guide,
    guide: rows.sections.filter((s) => s.key.startsWith('guide')).map(sectionOf),
    planOpinion: { heading: headings.expertOpinion, scopeLabel: fill(DEFAULT_HEADINGS.planWide, { plan: planName }), narratives: input.narratives.plan },
    summary: { years: summaryYearsOf(rows.summary, rows.reported, until, printedYearLabels(rows.sections)) },
    pillars,
    closing: rows.sections.filter((s) => s.key === 'closing' || s.key.startsWith('closing-')).map(sectionOf),
    subItemCount: reportSubItems({ pillars }).length,
  };
}
