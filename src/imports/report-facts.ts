/**
 * Facts the store derives from a parsed report before and while writing it: plain
 * functions over plain data (no database), so each rule can be tested alone.
 */
import { createHash } from 'node:crypto';
import { type ParsedReport, tableSections } from './report-types.js';

export function defaultPlanSlug(planName: string): string {
  return `plan-${createHash('sha256').update(planName).digest('hex').slice(0, 10)}`;
}

/** Ratings of the parsed tables, for cross-checking before anything is written. */
export function parsedRatingFacts(report: ParsedReport): { fiscalYear: number; code: string }[] {
  return tableSections(report.sections).flatMap(({ table }) =>
    table.programs.flatMap((g) => g.subItems.flatMap((s) => s.ratings.map((r) => ({ fiscalYear: r.fiscalYear, code: r.code })))),
  );
}

export function reportedCounts(report: ParsedReport): { fiscalYear: number; code: string; count: number }[] {
  return report.reportedSummary.years.flatMap((y) => Object.entries(y.counts).map(([code, count]) => ({ fiscalYear: y.fiscalYear, code, count })));
}

/**
 * 事業終了 as the tables show it: a sub-item rated normally and then "not evaluated"
 * through the last year ended in the first of those years. An item never rated
 * tells nothing about when it ended, so it stays undetermined (null).
 */
export function inferEndedFromFiscalYear(ratings: readonly { fiscalYear: number; code: string }[], notEvaluatedCodes: ReadonlySet<string>): number | null {
  const sorted = [...ratings].sort((a, b) => a.fiscalYear - b.fiscalYear);
  let firstOfTrailingRun: number | null = null;
  let ratedBefore = false;
  for (const r of sorted) {
    if (notEvaluatedCodes.has(r.code)) {
      if (firstOfTrailingRun === null && ratedBefore) firstOfTrailingRun = r.fiscalYear;
    } else {
      ratedBefore = true;
      firstOfTrailingRun = null;
    }
  }
  return firstOfTrailingRun;
}

/** The round section that records where tables sat: one line per table, see tablePlaceLines. */
export const TABLE_PLACES_KEY = 'table-places';

/**
 * "guide-2\tcriteria\t2\t" and "plan-expert-opinion\tsummary\t2\t表：…": the section
 * key, the table, the number of the section's paragraphs before it and its caption.
 */
function tablePlaceLines(report: ParsedReport): string {
  const lines = [
    ...report.guide.flatMap((g, i) => (g.tables ?? []).map((t) => ({ key: `guide-${i + 1}`, t }))),
    ...(report.planExpertOpinionTables ?? []).map((t) => ({ key: 'plan-expert-opinion', t })),
  ];
  return lines.map(({ key, t }) => [key, t.table, String(t.afterParagraphs), t.caption ?? ''].join('\t')).join('\n');
}

export interface RoundSection {
  key: string;
  heading: string;
  body: string;
}

/**
 * The round's sections: the guide, and the headings as this report words them, so a
 * regenerated report reads like the original.
 */
export function roundSections(report: ParsedReport): RoundSection[] {
  const tables = tableSections(report.sections);
  const firstMeasure = tables[0]?.table;
  const joined = (paragraphs: readonly { text: string }[]) => paragraphs.map((x) => x.text).join('\n\n');
  return [
    ...report.guide.map((g, i) => ({ key: `guide-${i + 1}`, heading: g.heading, body: joined(g.paragraphs) })),
    { key: 'plan-expert-opinion', heading: report.planExpertOpinionHeading, body: '' },
    { key: 'title', heading: report.reportTitle, body: '' },
    ...(firstMeasure
      ? [
          { key: 'department-narratives', heading: firstMeasure.departmentNarrativeHeading, body: '' },
          { key: 'division-opinion', heading: firstMeasure.divisionOpinionHeading, body: '' },
        ]
      : []),
    // Each table part's headings as worded there (a report may word one differently),
    // keyed by its code (its position, "1.2", as the store numbers nodes of this reader).
    ...tables.flatMap(({ table, path }) => {
      const code = path.map((i) => i + 1).join('.');
      return [
        { key: `department-narratives:${code}`, heading: table.departmentNarrativeHeading, body: '' },
        { key: `division-opinion:${code}`, heading: table.divisionOpinionHeading, body: '' },
      ];
    }),
    // Where the front matter's tables sat among the paragraphs of their sections.
    { key: TABLE_PLACES_KEY, heading: '', body: tablePlaceLines(report) },
    // The summary table's year labels as printed ("R1" there, "R元" in the detail tables).
    { key: 'summary-year-labels', heading: '', body: report.reportedSummary.years.map((y) => `${y.fiscalYear}\t${y.printedLabel}`).join('\n') },
    ...(report.closing ? [{ key: 'closing', heading: report.closing.heading, body: joined(report.closing.paragraphs) }] : []),
  ];
}
