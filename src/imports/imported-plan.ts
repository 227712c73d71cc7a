/**
 * ImportedPlan: the neutral shape every reader produces and the one store writes
 * (store-plan.ts). It knows no municipality: tiers, scales and roles are data, the
 * tree has any depth, and every fact keeps the place it was read from, so an error or
 * a doubt can be traced to a line of a text or a cell of a sheet.
 */
import { AppError } from '../errors.js';
import type { ScaleCode } from '../evaluations/summary.js';
import type { RoundKind } from '../evaluations/round-kinds.js';
import type { CostFigures, CostUnit } from '../indicators/cost-rollup.js';
import type { IndicatorSeries } from '../indicators/indicator-series.js';

/** Where a fact was read: a line of a text, or a cell (row from 1, column letter) of a table. */
export interface SourcePlace {
  file: string;
  line?: number;
  sheet?: string;
  row?: number;
  column?: string;
}

export type NarrativeRole = 'department' | 'division' | 'expert';
export type NarrativeKind = 'progress' | 'issues' | 'direction' | 'opinion';

export interface ImportedScale {
  /** Names the scale inside the plan; ratings refer to it. */
  key: string;
  name: string;
  /** The tier (0 = top) whose nodes this scale rates. */
  tierIndex: number;
  /** isDefault: a code the reader added that the source never published (kept visible as a default). */
  codes: (ScaleCode & { isDefault?: boolean })[];
}

export interface ImportedRating {
  fiscalYear: number;
  scaleKey: string;
  code: string;
  /** Annotation marks written with the code ("B※" → ["※"]). */
  marks: string[];
  source?: SourcePlace;
}

/** A node by its indexes from the roots (`[1, 0, 3]`: the 2nd root's 1st child's 4th child). */
export type NodePath = number[];

export interface ImportedNarrative {
  fiscalYear: number;
  role: NarrativeRole;
  kind: NarrativeKind;
  text: string;
  /** Other nodes the text is about (a paragraph about two programs). */
  mentions?: NodePath[];
  source?: SourcePlace;
}

/**
 * An indicator (KPI) of a node with its figures. Every number is exact decimal text
 * ("1234.5"), never a float; readers normalise full-width digits and separators.
 */
export interface ImportedIndicator extends Pick<IndicatorSeries, 'name' | 'unit' | 'kind' | 'direction' | 'cumulative' | 'decimals'> {
  baseline?: { fiscalYear: number; value: string };
  /** Targets as first set, each with its revisions in the order they were decided. */
  targets: ImportedTarget[];
  /** Per fiscal year: a value, or 測定不能 (notMeasurable, no value), with the source's note. */
  actuals: { fiscalYear: number; value: string | null; notMeasurable: boolean; sourceNote: string; source?: SourcePlace }[];
  source?: SourcePlace;
}

export interface ImportedTarget {
  kind: 'yearly' | 'final';
  fiscalYear: number;
  /** As first set; a stored target's value is never changed by a re-import (changes are revisions). */
  value: string;
  revisions: { oldValue: string; newValue: string; reason: string; decidedFiscalYear: number; source?: SourcePlace }[];
  /** The target value's cell. */
  source?: SourcePlace;
}

/** 今後の方向性 chosen for a node in a fiscal year: a code of the plan's list (ImportedPlan.directionCodes). */
export interface ImportedDirection {
  fiscalYear: number;
  code: string;
  note: string;
  source?: SourcePlace;
}

/** A node's costs in a fiscal year, exact decimal text in the unit given (blank figures null). */
export interface ImportedCost extends CostFigures {
  fiscalYear: number;
  unit: CostUnit;
  note: string;
  source?: SourcePlace;
}

export interface ImportedNode {
  /** The source's own code for the node, when it has one (normalised: half-width, trimmed). */
  code?: string;
  name: string;
  tierIndex: number;
  department?: string;
  /** 事業終了 when the source says so; otherwise the store infers it from the ratings. */
  endedFromFiscalYear?: number;
  ratings: ImportedRating[];
  narratives: ImportedNarrative[];
  /** Indicators in their order; absent or empty when the source has none. */
  indicators?: ImportedIndicator[];
  directions?: ImportedDirection[];
  costs?: ImportedCost[];
  children: ImportedNode[];
  source?: SourcePlace;
}

/**
 * An evaluation round the source is or names. The first round of a plan is the
 * source's own (stored as published now); later ones are earlier rounds it mentions.
 */
export interface ImportedRound {
  fiscalYear: number;
  kind: RoundKind;
  coversUntilFiscalYear?: number;
  /** Text of the round that belongs to no node (a report's guide, its headings), replaced as a set. */
  sections?: { key: string; heading: string; body: string }[];
}

/** A published footnote: under a node (a measure), which nodes carry the mark's meaning. */
export interface ImportedFootnote {
  fiscalYear: number;
  node: NodePath;
  mark: string;
  targets: NodePath[];
}

/** Counts a source prints itself (a summary table), kept to cross-check the computed ones. */
export interface ImportedReportedSummary {
  fiscalYear: number;
  scaleKey: string;
  /** Index in `rounds` of the round that published the figures. */
  roundIndex?: number;
  counts: Record<string, number>;
  source?: SourcePlace;
}

export interface ImportWarning {
  message: string;
  place?: SourcePlace;
}

export interface ImportedPlan {
  plan: {
    name: string;
    slug?: string;
    startFiscalYear: number;
    /** Original end of the period, before extensions. */
    endFiscalYear: number;
    description?: string;
    predecessorName?: string;
    successorName?: string;
    adoptedFiscalYear?: number;
    extensions?: { fromEndFiscalYear: number; toEndFiscalYear: number; decidedFiscalYear?: number; reason: string }[];
    designations?: { name: string; fromFiscalYear?: number }[];
  };
  /** Tier names from the top; at least two. */
  tiers: string[];
  scales: ImportedScale[];
  annotationKinds: { mark: string; meaning: string }[];
  departments: string[];
  nodes: ImportedNode[];
  /** Narratives about the whole plan rather than one node. */
  planNarratives: ImportedNarrative[];
  rounds: ImportedRound[];
  annotationFootnotes: ImportedFootnote[];
  reportedSummaries: ImportedReportedSummary[];
  /** The plan's 今後の方向性 list in its order; absent when the source has none (nodes' directions then use the default list). */
  directionCodes?: { code: string; label: string }[];
  warnings: ImportWarning[];
  /** The file as read, kept in import_sources (text, or base64 for a workbook). */
  file: { name: string; content: string };
}

/**
 * An ImportedPlan from the parts a reader found, with no warnings yet: the direction
 * codes are kept only when the source has some (absent, nodes use the default list).
 */
export function importedPlanOf({
  directionCodes,
  file,
  ...parts
}: Omit<ImportedPlan, 'directionCodes' | 'warnings'> & { directionCodes: NonNullable<ImportedPlan['directionCodes']> }): ImportedPlan {
  return { ...parts, ...(directionCodes.length ? { directionCodes } : {}), warnings: [], file };
}

/** "シート「評価」 12行 F列", "12行 F列", "34行目": how a place is written in a message. */
export function describePlace(place: SourcePlace): string {
  const cell = place.row === undefined ? '' : `${place.row}行${place.column ? ` ${place.column}列` : ''}`;
  if (place.sheet !== undefined) return `シート「${place.sheet}」${cell ? ` ${cell}` : ''}`;
  if (cell) return cell;
  if (place.line !== undefined) return `${place.line}行目`;
  return `ファイル「${place.file}」`;
}

export interface PlacedProblem {
  message: string;
  place?: SourcePlace;
}

/** A source that cannot be imported; nothing was stored. Lists every problem found, the first in the message. */
export class ImportSourceError extends AppError {
  override name = 'ImportSourceError';
  constructor(readonly problems: PlacedProblem[]) {
    const first = problems[0] ?? { message: '取り込めません' };
    const text = (p: PlacedProblem) => (p.place ? `${describePlace(p.place)}: ${p.message}` : p.message);
    const more = problems.length > 1 ? `（ほか${problems.length - 1}件）` : '';
    super(422, 'parse-error', `${text(first)}${more}`, { place: first.place, problems: problems.map((p) => ({ ...p, text: text(p) })) });
  }
}

export function placedError(message: string, place?: SourcePlace): ImportSourceError {
  return new ImportSourceError([{ message, ...(place ? { place } : {}) }]);
}

/** Every node, parents before children, with its depth-first path of indexes. */
export function* walkNodes(nodes: readonly ImportedNode[], parentPath: number[] = []): Generator<{ node: ImportedNode; path: number[] }> {
  for (const [i, node] of nodes.entries()) {
    const path = [...parentPath, i];
    yield { node, path };
    yield* walkNodes(node.children, path);
  }
}

/** Nodes per tier, ratings and narratives: what an import would store, for the dry run and the result. */
export function countImportedPlan(plan: ImportedPlan): { nodesPerTier: number[]; ratings: number; narratives: number; fiscalYears: number[] } {
  const nodesPerTier = plan.tiers.map(() => 0);
  let ratings = 0;
  let narratives = plan.planNarratives.length;
  const years = new Set<number>();
  for (const { node } of walkNodes(plan.nodes)) {
    nodesPerTier[node.tierIndex] = (nodesPerTier[node.tierIndex] ?? 0) + 1;
    ratings += node.ratings.length;
    narratives += node.narratives.length;
    for (const r of node.ratings) years.add(r.fiscalYear);
  }
  return { nodesPerTier, ratings, narratives, fiscalYears: [...years].sort((a, b) => a - b) };
}

/** Indicators with their targets and actuals, directions and costs: what an import would store of them. */
export interface IndicatorFactCounts {
  indicators: number;
  targets: number;
  actuals: number;
  directions: number;
  costs: number;
}

export function countIndicatorFacts(plan: ImportedPlan): IndicatorFactCounts {
  const counts: IndicatorFactCounts = { indicators: 0, targets: 0, actuals: 0, directions: 0, costs: 0 };
  for (const { node } of walkNodes(plan.nodes)) {
    for (const i of node.indicators ?? []) {
      counts.indicators++;
      counts.targets += i.targets.length;
      counts.actuals += i.actuals.length;
    }
    counts.directions += node.directions?.length ?? 0;
    counts.costs += node.costs?.length ?? 0;
  }
  return counts;
}
