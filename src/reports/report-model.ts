/**
 * The report model: everything an official evaluation report says, as plain typed
 * data, in document order. report-queries.ts reads the rows of one round and
 * report-assembly.ts turns them into this model, which is then rendered many ways
 * (HTML, PDF, Word, Excel, CSV, JSON). Renderers never query the database and never
 * invent content: sections, years and headings come from the data.
 *
 * Fiscal years are Gregorian start years (2022 = 令和4年度); renderers label them
 * through src/fiscal according to the reader's 和暦/西暦 choice.
 */
import { roundRate, type ScaleCode } from '../evaluations/summary.js';
import type { RoundKind } from '../evaluations/round-kinds.js';
import type { ReportOutputs } from './report-outputs.js';

export const REPORT_MODEL_VERSION = 2;

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

/**
 * One item of the plan at any tier. Every node has the same shape; what a renderer does
 * with it follows from its level and the model's `structure` (see the helpers below).
 */
export interface ReportNode {
  id: number;
  /** 1 = the plan's top tier; `tierName` is `plan.tiers[level - 1]`. */
  level: number;
  tierName: string;
  /** Stable dotted position in the plan ("2.1.4.3"). */
  code: string;
  name: string;
  department: string | null;
  /**
   * One entry per model fiscal year, in the same order, for every row of the detail
   * tables and for any other node that has ratings stored; empty otherwise.
   */
  ratings: ReportRating[];
  /**
   * Narratives printed in this node's section, in source order: those stored on it and,
   * for a table node, those stored on any node of its table. Empty below the table tier.
   */
  narratives: ReportNarrative[];
  /** Headings of the node's narrative blocks; null below the table tier. */
  headings: NodeHeadings | null;
  /** Annotation footnotes printed under the node's section. */
  footnotes: ReportFootnote[];
  /** Counts of the rated-tier rows under the node per model fiscal year; empty on the rows themselves. */
  summary: CountsByYear[];
  children: ReportNode[];
}

export interface NodeHeadings {
  /** Above a table: the departments' progress ("事務事業のR4年度進捗（各課回答まとめ）"). */
  department: string;
  /** Above the reviewing division's opinion. */
  division: string;
  /** Above the experts' opinion. */
  expert: string;
}

export interface ReportFootnote {
  mark: string;
  meaning: string;
  items: { code: string; name: string }[];
}

/**
 * How the tree is printed (levels count from 1 at the top tier). Each node of the row
 * tier is one row of a detail table; the tier two above it makes one table per node, the
 * tier between groups the rows (a merged first column); the tiers above the table tier
 * are section headings. When the row tier is the second, the top tier makes the tables
 * and rows are not grouped. The sample: 柱 (heading) → 施策 (table) → 事務事業 (group) →
 * 細目 (row).
 */
export interface ReportStructure {
  /** Number of tiers of the plan. */
  depth: number;
  /** The rated tier: one table row per node (a childless node above it is its own row). */
  rowLevel: number;
  /** The tier whose nodes make one table each. */
  tableLevel: number;
  /** The tier whose nodes group a table's rows, null when rows are not grouped. */
  groupLevel: number | null;
  /** Tiers above the table tier: section headings, top first. */
  headingLevels: number[];
}

export interface CountsByYear {
  fiscalYear: number;
  counts: Record<string, number>;
  total: number;
  achieved: number;
  /** achieved / total rounded to 4 decimals; null when total is 0. */
  achievementRate: number | null;
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
  /** The year's label as the imported summary table printed it ("R1"), null otherwise. */
  printedLabel: string | null;
}

/**
 * Where a table of the front matter sits among the paragraphs of its section, as the
 * imported report printed it; a renderer puts it there and nowhere else.
 */
export interface ReportTablePlace {
  /** Key of the section: a guide section ("guide-2") or "plan-expert-opinion". */
  section: string;
  /** criteria: the published rating criteria; summary: the plan's count table. */
  table: 'criteria' | 'summary';
  /** Paragraphs of the section before the table. */
  afterParagraphs: number;
  /** The caption printed above it ("表：…"), null when none was printed. */
  caption: string | null;
}

/**
 * The places of a table that fall inside text the report prints (a guide section it
 * has, the plan-wide opinion when it has paragraphs). A table with none is printed
 * after its section instead, so it is never lost.
 */
export function printedPlaces(model: Pick<ReportModel, 'tablePlaces' | 'guide' | 'planOpinion'>, table: ReportTablePlace['table']): ReportTablePlace[] {
  return model.tablePlaces.filter(
    (p) =>
      p.table === table && (model.guide.some((s) => s.key === p.section) || (p.section === 'plan-expert-opinion' && model.planOpinion.narratives.length > 0)),
  );
}

/** isDefault: added by an importer, not published; counted, but never printed as a criteria row. */
export type ReportScaleCode = ScaleCode & { isDefault: boolean };

/** The criteria rows the plan's owner published. */
export function publishedScale(scale: readonly ReportScaleCode[]): ReportScaleCode[] {
  return scale.filter((c) => !c.isDefault);
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
    /** Show the generated section (参考：この年度の変化): on for rounds run in the app, off for imported ones unless set. */
    generatedSection: boolean;
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
  scale: ReportScaleCode[];
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
  /** How the tree below is printed: which tier makes the tables, groups and rows. */
  structure: ReportStructure;
  /** The plan's items from the top tier down, in document order. */
  nodes: ReportNode[];
  /** Sections after the detail (closing remarks), in order. */
  closing: ReportSection[];
  /** The number of rows of every detail table together. */
  rowCount: number;
  /** Places of the front matter's tables; empty for a round not imported from a document. */
  tablePlaces: ReportTablePlace[];
  /** Indicators, rule, proposals, 今後の方向性 and costs (report-outputs.ts); absent when the plan has none. */
  outputs?: ReportOutputs;
}

/** Counts of the given rows' ratings per fiscal year. */
export function countLeaves(rows: readonly Pick<ReportNode, 'ratings'>[], fiscalYears: readonly number[], scale: readonly ScaleCode[]): CountsByYear[] {
  const achievedCodes = new Set(scale.filter((c) => c.countsAsAchieved).map((c) => c.code));
  return fiscalYears.map((fy, i) => {
    const counts: Record<string, number> = {};
    for (const c of scale) counts[c.code] = 0;
    let total = 0;
    let achieved = 0;
    for (const s of rows) {
      const code = s.ratings[i]?.code;
      if (code === null || code === undefined) continue;
      counts[code] = (counts[code] ?? 0) + 1;
      total++;
      if (achievedCodes.has(code)) achieved++;
    }
    return { fiscalYear: fy, counts, total, achieved, achievementRate: total === 0 ? null : roundRate(achieved / total) };
  });
}

/**
 * The printed shape of a plan whose rows are on `rowLevel` (clamped to the second tier
 * at least: a table needs a tier above its rows).
 */
export function structureOf(depth: number, ratedLevel: number): ReportStructure {
  const rowLevel = Math.min(Math.max(2, ratedLevel), Math.max(2, depth));
  const tableLevel = rowLevel >= 3 ? rowLevel - 2 : 1;
  const groupLevel = rowLevel >= 3 ? rowLevel - 1 : null;
  return { depth, rowLevel, tableLevel, groupLevel, headingLevels: Array.from({ length: tableLevel - 1 }, (_, i) => i + 1) };
}

type Tree = Pick<ReportModel, 'structure' | 'nodes'>;

/** Every node, parents before children, in document order. */
export function allNodes(model: Pick<ReportModel, 'nodes'>): ReportNode[] {
  const out: ReportNode[] = [];
  const walk = (n: ReportNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  model.nodes.forEach(walk);
  return out;
}

/** The rows under a node: its nodes of the row tier, and childless nodes above it that are their own row. */
export function rowsOf(model: Tree, node: ReportNode): ReportNode[] {
  const { rowLevel, tableLevel } = model.structure;
  if (node.level === rowLevel) return [node];
  if (node.level > rowLevel) return [];
  if (node.children.length === 0) return node.level > tableLevel ? [node] : [];
  return node.children.flatMap((c) => rowsOf(model, c));
}

/** Nodes that print a section of their own (headings and tables), parents first, in document order. */
export function sectionNodes(model: Tree): ReportNode[] {
  return allNodes(model).filter((n) => n.level <= model.structure.tableLevel);
}

/** The nodes that make one detail table each, in document order. */
export function tableNodes(model: Tree): ReportNode[] {
  return allNodes(model).filter((n) => n.level === model.structure.tableLevel);
}

export const isTableNode = (model: Tree, node: ReportNode): boolean => node.level === model.structure.tableLevel;

/** The sections printed inside a heading node's section (its children of a section tier). */
export function subSections(model: Tree, node: ReportNode): ReportNode[] {
  return node.level < model.structure.tableLevel ? node.children : [];
}

/** A table's row groups: one per node of the group tier (group null: the rows are not grouped). */
export function rowGroupsOf(model: Tree, table: ReportNode): { group: ReportNode | null; rows: ReportNode[] }[] {
  if (model.structure.groupLevel === null) return [{ group: null, rows: rowsOf(model, table) }];
  return table.children.map((g) => ({ group: g, rows: rowsOf(model, g) }));
}

/** The nodes a table's outputs part speaks of, in document order: the table's node, each group, its rows. */
export function outputNodesOf(model: Tree, table: ReportNode): ReportNode[] {
  return [table, ...rowGroupsOf(model, table).flatMap((g) => [...(g.group ? [g.group] : []), ...g.rows])];
}

/** Every row of the report in document order. */
export function reportRows(model: Tree): ReportNode[] {
  return tableNodes(model).flatMap((t) => rowsOf(model, t));
}

/** Every row with the nodes above it (top tier first), in document order: the columns of flat exports. */
export function rowsWithPath(model: Tree): { row: ReportNode; path: ReportNode[] }[] {
  const out: { row: ReportNode; path: ReportNode[] }[] = [];
  const walk = (n: ReportNode, path: ReportNode[]) => {
    if (n.level > model.structure.tableLevel && rowsOf(model, n)[0] === n) {
      out.push({ row: n, path });
      return;
    }
    for (const c of n.children) walk(c, [...path, n]);
  };
  for (const n of model.nodes) walk(n, []);
  return out;
}

/** A node's narratives by role, in source order. */
export function narrativesOf(node: ReportNode, role: NarrativeRole): ReportNarrative[] {
  return node.narratives.filter((n) => n.role === role);
}

/**
 * A section's narratives in the order they are printed: a table node's departments'
 * progress, then the division's and the experts' opinions; a heading node's experts'
 * opinion first, then anything else stored on it.
 */
export function printedNarratives(model: Tree, node: ReportNode): ReportNarrative[] {
  if (isTableNode(model, node)) return [...narrativesOf(node, 'department'), ...narrativesOf(node, 'division'), ...narrativesOf(node, 'expert')];
  return [...narrativesOf(node, 'expert'), ...node.narratives.filter((n) => n.role !== 'expert')];
}

/**
 * The reviewing division as the report names it: the "（デジタル推進課）" that ends the
 * division-opinion headings of an imported round; null when no heading names one.
 */
export function divisionNameOf(model: Tree): string | null {
  for (const node of tableNodes(model)) {
    const named = /[（(]([^（）()]+)[）)]\s*$/.exec(node.headings?.division ?? '');
    if (named?.[1]) return named[1];
  }
  return null;
}

/** Every narrative of the report in document order. */
export function reportNarratives(model: ReportModel): ReportNarrative[] {
  return [...model.planOpinion.narratives, ...sectionNodes(model).flatMap((n) => printedNarratives(model, n))];
}
