/**
 * What the importer reads out of a published evaluation report, before anything
 * touches the database. Plain data: the parser produces it, the store saves it.
 * Every text is already normalised (spacing noise, bold markers, broken lines).
 * `line` fields are 1-based line numbers in the source file, for error messages
 * and for tracing an imported fact back to the document.
 */
import { AppError } from '../errors.js';
import type { ScaleCode } from '../evaluations/summary.js';
import type { RoundKind } from '../evaluations/round-kinds.js';

export interface ParsedRatingCell {
  fiscalYear: number;
  /** Scale code as written, without annotation marks: "A", "B", "C", "—". */
  code: string;
  /** Annotation marks attached in the cell, e.g. ["※"] for "B※". */
  marks: string[];
}

export interface ParsedSubItem {
  name: string;
  ratings: ParsedRatingCell[];
  line: number;
}

export interface ParsedProgram {
  name: string;
  subItems: ParsedSubItem[];
  line: number;
}

/** Where a narrative paragraph belongs inside its table (the part of the last heading tier). */
export interface NarrativeTarget {
  programIndex: number;
  /** Set when the paragraph is about one sub-item rather than the whole program. */
  subItemIndex?: number;
}

export interface ParsedNarrative {
  /** The paragraph, normalised; paragraphs broken by page breaks are joined. */
  text: string;
  /** First item the paragraph is about (it is stored on this node). */
  target: NarrativeTarget;
  /** Every item the paragraph names (includes target), e.g. two programs in one paragraph. */
  mentions: NarrativeTarget[];
  line: number;
}

export interface ParsedAnnotationFootnote {
  mark: string;
  /** "新型コロナウイルス感染症の影響もありB評価となった事務事業細目" */
  meaning: string;
  /** Sub-items listed under the footnote. */
  targets: NarrativeTarget[];
  line: number;
}

export interface ParsedParagraph {
  text: string;
  line: number;
}

/** The detail of a part of the last heading tier: its rating table and the prose about it. */
export interface ParsedTable {
  /** Fiscal years of the rating columns, ascending, from the table header. */
  fiscalYears: number[];
  programs: ParsedProgram[];
  /** Heading as written, e.g. "事務事業のR4年度進捗（各課かい回答まとめ）". */
  departmentNarrativeHeading: string;
  departmentNarratives: ParsedNarrative[];
  annotationFootnotes: ParsedAnnotationFootnote[];
  /** "進捗に関する意見（デジタル推進課）" or its variant. */
  divisionOpinionHeading: string;
  divisionOpinion: ParsedParagraph[];
}

/**
 * A part of the text opened by a heading tier's name ("施策展開の柱" / name). Parts
 * nest by tier, as deep as the document's tier sentence says; the parts of the
 * last heading tier carry the detail table.
 */
export interface ParsedTierSection {
  /** Index of the tier from the top (0 = the first heading tier). */
  level: number;
  name: string;
  line: number;
  /** The expert's opinion written right under this part's name; empty when there is none. */
  expertOpinionHeading: string;
  expertOpinion: ParsedParagraph[];
  /**
   * A division's opinion written right under the name of a part above the last
   * heading tier (after its expert opinion, if any). The last heading tier's is in
   * its table, after the departments' answers.
   */
  divisionOpinionHeading?: string;
  divisionOpinion?: ParsedParagraph[];
  /** Parts of the next heading tier; empty on the last heading tier. */
  sections: ParsedTierSection[];
  /** Set exactly on the last heading tier. */
  table?: ParsedTable;
}

/** A part of the last heading tier with its table, and its position in the tree (0-based indexes from the top). */
export interface TableSection {
  section: ParsedTierSection;
  table: ParsedTable;
  path: number[];
}

/** Every part that carries a table, in document order. */
export function tableSections(sections: readonly ParsedTierSection[], parent: readonly number[] = []): TableSection[] {
  return sections.flatMap((section, i) => {
    const path = [...parent, i];
    return section.table ? [{ section, table: section.table, path }] : tableSections(section.sections, path);
  });
}

/** A code of the scale as the report's 評価基準 table defines it; the same shape the store keeps. */
/** isDefault: added by the importer, not in the published criteria table. */
export type ParsedScaleCode = ScaleCode & { isDefault?: boolean };

export interface ParsedSummaryYear {
  fiscalYear: number;
  /** Label exactly as printed in the report ("R1"). */
  printedLabel: string;
  counts: Record<string, number>;
  total: number;
}

export interface ParsedPeriodExtension {
  /** Original last fiscal year. */
  fromEndFiscalYear: number;
  toEndFiscalYear: number;
  /** Fiscal year in which the extension was decided, when stated. */
  decidedFiscalYear?: number;
  reason: string;
}

export interface ParsedDesignation {
  name: string;
  fromFiscalYear?: number;
}

/** Where a table of the front matter sits among the paragraphs of its section. */
export interface ParsedTablePlace {
  /** criteria: the 評点/評価基準 table; summary: the report's count table. */
  table: 'criteria' | 'summary';
  /** Paragraphs of the section printed before the table. */
  afterParagraphs: number;
  /** The caption printed above it ("表：…"), normalised, when there is one. */
  caption?: string;
}

export interface ParsedSection {
  heading: string;
  paragraphs: ParsedParagraph[];
  /** Tables printed inside the section, in order. */
  tables?: ParsedTablePlace[];
}

export interface ParsedReport {
  /** The fiscal year being evaluated (令和4年度 → 2022). */
  fiscalYear: number;
  roundKind: RoundKind;
  /** "事務事業進捗状況評価結果報告書" */
  reportTitle: string;
  plan: {
    name: string;
    predecessorName?: string;
    successorName?: string;
    /** Fiscal year the plan was adopted (策定), when stated. */
    adoptedFiscalYear?: number;
    startFiscalYear: number;
    /** Original end of the period, before extensions. */
    endFiscalYear: number;
    extensions: ParsedPeriodExtension[];
    designations: ParsedDesignation[];
    /** Tier names from the top, e.g. 施策展開の柱, 施策, 事務事業, 事務事業細目. */
    tiers: string[];
    /** Fiscal years of earlier evaluation rounds named in the text, e.g. the midterm in H30. */
    earlierRounds: { fiscalYear: number; kind: RoundKind; coversUntilFiscalYear?: number }[];
  };
  /** 評価要領: its numbered sections as written, for reproduction in the generated report. */
  guide: ParsedSection[];
  scale: { name: string; codes: ParsedScaleCode[] };
  annotationKinds: { mark: string; meaning: string }[];
  /** The plan-wide expert opinion (学識経験者意見). */
  planExpertOpinionHeading: string;
  planExpertOpinion: ParsedParagraph[];
  /** Tables printed among the plan-wide opinion's paragraphs (the summary table). */
  planExpertOpinionTables?: ParsedTablePlace[];
  /** The summary table as printed in the report. */
  reportedSummary: { line: number; years: ParsedSummaryYear[] };
  /** Parts of the top heading tier, each with the parts below it. */
  sections: ParsedTierSection[];
  /** Closing section, e.g. "○令和5年度以降の取組みについて". */
  closing?: ParsedSection;
}

/** A fatal problem in the source, with the line it was found on. */
export class ReportParseError extends AppError {
  override name = 'ReportParseError';
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(422, 'parse-error', line > 0 ? `${line}行目: ${detail}` : detail, { line });
  }
}
