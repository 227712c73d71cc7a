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
  /** The year's label as the imported summary table printed it ("R1"), null otherwise. */
  printedLabel: string | null;
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
  pillars: ReportPillar[];
  /** Sections after the pillars (closing remarks), in order. */
  closing: ReportSection[];
  /** Sub-item count: the number of rows of every detail table together. */
  subItemCount: number;
}

/** Counts of the given leaves' ratings per fiscal year. */
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

/**
 * The reviewing division as the report names it: the "（デジタル推進課）" that ends the
 * division-opinion headings of an imported round; null when no heading names one.
 */
export function divisionNameOf(model: Pick<ReportModel, 'pillars'>): string | null {
  for (const p of model.pillars) {
    for (const m of p.measures) {
      const named = /[（(]([^（）()]+)[）)]\s*$/.exec(m.divisionOpinionHeading);
      if (named?.[1]) return named[1];
    }
  }
  return null;
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

