/**
 * From the rows of one round to the report model: plain functions, no database.
 * The plan's tree keeps its depth; narratives and footnotes are placed under the node
 * whose section prints them (see ReportStructure), counts are made per node above the
 * rows, and headings fall back to the defaults when the round stores none.
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
  reportRows,
  rowsOf,
  structureOf,
  type NarrativeRole,
  type ReportFootnote,
  type ReportModel,
  type ReportNarrative,
  type ReportNode,
  type ReportRating,
  type ReportSection,
  type ReportStructure,
  type ReportSummaryYear,
  type ReportTablePlace,
} from './report-model.js';
import { TABLE_PLACES_KEY } from '../imports/report-facts.js';
import { cleanText, paragraphsOf } from './text.js';
import { assembleOutputs, type OutputRows } from './report-outputs.js';

/** An evaluation round as stored. */
export interface RoundRow {
  id: number;
  fiscalYear: number;
  kind: RoundKind;
  status: string;
  coversUntilFiscalYear: number | null;
  /** Whether the report shows its generated section (the round's setting, else: run in the app). */
  generatedSection?: boolean;
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
  /** The plan's own words (plan settings): its reviewing division and its name for the round's kind; null = the defaults. */
  words?: { division: string | null; kindLabel: string | null };
  /** Indicators, rule, proposals, directions and costs of the plan; absent: none read. */
  outputs?: OutputRows;
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

/** The node whose section prints what is stored on a node: itself above the table tier, else its table's node. */
function sectionIds(tree: PlanTree, structure: ReportStructure): Map<number, number> {
  const sectionOf = new Map<number, number>();
  const walk = (n: TreeNode, table: TreeNode | undefined) => {
    const own = table ?? (n.level >= structure.tableLevel ? n : undefined);
    sectionOf.set(n.id, (own ?? n).id);
    for (const c of n.children) walk(c, own);
  };
  for (const r of tree.roots) walk(r, undefined);
  return sectionOf;
}

/** Each narrative under the node whose section prints it, in source order; the plan's own apart. */
function placeNarratives(
  tree: PlanTree,
  rows: readonly NarrativeRow[],
  sectionOf: Map<number, number>,
): { plan: ReportNarrative[]; byNode: Map<number, ReportNarrative[]> } {
  const codeOf = (id: number) => tree.byId.get(id)?.code;
  const placed = { plan: [] as ReportNarrative[], byNode: new Map<number, ReportNarrative[]>() };
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
    if (row.itemId === null) {
      placed.plan.push(n);
      continue;
    }
    // A narrative on an item outside the tree cannot exist (foreign key with cascade).
    const at = sectionOf.get(row.itemId);
    if (at === undefined) continue;
    const list = placed.byNode.get(at);
    if (list) list.push(n);
    else placed.byNode.set(at, [n]);
  }
  return placed;
}

function footnotesByNode(tree: PlanTree, rows: readonly FootnoteRow[], sectionOf: Map<number, number>): Map<number, ReportFootnote[]> {
  const byNode = new Map<number, ReportFootnote[]>();
  for (const f of rows) {
    const node = tree.byId.get(f.itemId);
    const at = sectionOf.get(f.measureId);
    if (!node || at === undefined) continue;
    const list = byNode.get(at) ?? [];
    let entry = list.find((x) => x.mark === f.mark);
    if (!entry) {
      entry = { mark: cleanText(f.mark), meaning: cleanText(f.meaning), items: [] };
      list.push(entry);
    }
    entry.items.push({ code: node.code, name: cleanText(node.name) });
    byNode.set(at, list);
  }
  return byNode;
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

function headingsOf(sections: readonly SectionRow[], tiers: readonly string[], structure: ReportStructure, round: RoundRow, division: string | null): Headings {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const headingOf = (key: string, fallback: string) => cleanText(byKey.get(key)?.heading ?? '') || fallback;
  // The tier right under the tables' own tier: the departments report per node of it.
  const tier = tiers[structure.tableLevel] ?? tiers[tiers.length - 1] ?? '';
  return {
    of: headingOf,
    title: headingOf('title', DEFAULT_HEADINGS.title),
    guide: headingOf('guide', DEFAULT_HEADINGS.guide),
    expertOpinion: headingOf('plan-expert-opinion', DEFAULT_HEADINGS.expertOpinion),
    departmentNarratives: headingOf('department-narratives', fill(DEFAULT_HEADINGS.departmentNarratives, { tier, year: shortWareki(round.fiscalYear) })),
    divisionOpinion: headingOf('division-opinion', fill(DEFAULT_HEADINGS.divisionOpinion, { division: division ?? DEFAULT_HEADINGS.division })),
  };
}

interface NodeInput {
  tiers: readonly string[];
  structure: ReportStructure;
  fiscalYears: readonly number[];
  scale: readonly ScaleCode[];
  headings: Headings;
  narratives: Map<number, ReportNarrative[]>;
  footnotes: Map<number, ReportFootnote[]>;
}

function ratingsOf(node: TreeNode, fiscalYears: readonly number[]): ReportRating[] {
  return fiscalYears.map((fy) => {
    const cell = node.ratings.get(fy);
    return { fiscalYear: fy, code: cell?.code ?? null, marks: cell?.marks ?? [] };
  });
}

function nodeOf(t: TreeNode, input: NodeInput): ReportNode {
  const { structure } = input;
  const children = t.children.map((c) => nodeOf(c, input));
  const isRow = t.level === structure.rowLevel || (t.children.length === 0 && t.level > structure.tableLevel && t.level < structure.rowLevel);
  const hasSection = t.level <= structure.tableLevel;
  const node: ReportNode = {
    id: t.id,
    level: t.level,
    tierName: input.tiers[t.level - 1] ?? '',
    code: t.code,
    name: cleanText(t.name),
    department: t.departmentName === null ? null : cleanText(t.departmentName),
    ratings: isRow || t.ratings.size > 0 ? ratingsOf(t, input.fiscalYears) : [],
    narratives: input.narratives.get(t.id) ?? [],
    headings: hasSection
      ? {
          department: input.headings.of(`department-narratives:${t.code}`, input.headings.departmentNarratives),
          division: input.headings.of(`division-opinion:${t.code}`, input.headings.divisionOpinion),
          expert: input.headings.expertOpinion,
        }
      : null,
    footnotes: input.footnotes.get(t.id) ?? [],
    summary: [],
    children,
  };
  // Only the rated tier is counted, as in the plan's summary; a childless node that is its own row is shown, not counted.
  const counted = () => rowsOf({ structure, nodes: [] }, node).filter((r) => r.level === structure.rowLevel);
  if (t.level < structure.rowLevel && !isRow) node.summary = countLeaves(counted(), input.fiscalYears, input.scale);
  return node;
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

/** The "table-places" section an import stores: "guide-2\tcriteria\t2\t<caption>" per line. */
function tablePlacesOf(sections: readonly SectionRow[]): ReportTablePlace[] {
  const body = sections.find((s) => s.key === TABLE_PLACES_KEY)?.body ?? '';
  const places: ReportTablePlace[] = [];
  for (const line of body.split('\n')) {
    const [section, table, after, caption] = line.split('\t');
    const afterParagraphs = Number(after);
    if (!section || (table !== 'criteria' && table !== 'summary') || !Number.isInteger(afterParagraphs) || afterParagraphs < 0) continue;
    places.push({ section, table, afterParagraphs, caption: cleanText(caption ?? '') || null });
  }
  return places;
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
  // The primary rated tier (src/plans/rated-tiers.ts) makes the rows, as it makes the plan's summary.
  const structure = structureOf(tiers.length, plan.primaryLevel);
  const headings = headingsOf(rows.sections, tiers, structure, round, rows.words?.division ?? null);
  const shownAt = sectionIds(tree, structure);
  const narratives = placeNarratives(tree, rows.narratives, shownAt);
  const input: NodeInput = {
    tiers,
    structure,
    fiscalYears: tree.fiscalYears,
    scale: rows.scale,
    headings,
    narratives: narratives.byNode,
    footnotes: footnotesByNode(tree, rows.footnotes, shownAt),
  };
  const nodes = tree.roots.map((r) => nodeOf(r, input));
  const outputs = rows.outputs
    ? assembleOutputs(
        rows.outputs,
        plan,
        (id) => tree.byId.get(id)?.code,
        tree.roots.map((r) => r.id),
        until,
      )
    : null;
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
    round: {
      id: round.id,
      fiscalYear: round.fiscalYear,
      kind: round.kind,
      status: round.status,
      untilFiscalYear: until,
      generatedSection: round.generatedSection ?? false,
    },
    title: { yearLabel: longWareki(round.fiscalYear), planName, reportTitle: headings.title, kindLabel: rows.words?.kindLabel ?? roundKindLabel(round.kind) },
    fiscalYears: tree.fiscalYears,
    scale: rows.scale.map((c) => ({ ...c, label: cleanText(c.label), criteria: cleanText(c.criteria), isDefault: rows.defaultCodes.includes(c.code) })),
    annotationKinds: rows.annotationKinds.map((a) => ({ mark: cleanText(a.mark), meaning: cleanText(a.meaning) })),
    guideHeading: headings.guide,
    guide: rows.sections.filter((s) => s.key.startsWith('guide')).map(sectionOf),
    planOpinion: { heading: headings.expertOpinion, scopeLabel: fill(DEFAULT_HEADINGS.planWide, { plan: planName }), narratives: narratives.plan },
    summary: { years: summaryYearsOf(rows.summary, rows.reported, until, printedYearLabels(rows.sections)) },
    structure,
    nodes,
    closing: rows.sections.filter((s) => s.key === 'closing' || s.key.startsWith('closing-')).map(sectionOf),
    rowCount: reportRows({ structure, nodes }).length,
    tablePlaces: tablePlacesOf(rows.sections),
    ...(outputs ? { outputs } : {}),
  };
}
