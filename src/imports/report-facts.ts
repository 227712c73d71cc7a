/**
 * Facts the store derives from a parsed report before and while writing it: plain
 * functions over plain data (no database), so each rule can be tested alone.
 */
import { createHash } from 'node:crypto';
import { invalidState } from '../errors.js';
import type { NarrativeTarget, ParsedReport } from './report-types.js';

export function defaultPlanSlug(planName: string): string {
  return `plan-${createHash('sha256').update(planName).digest('hex').slice(0, 10)}`;
}

/** Ratings of the parsed tables, for cross-checking before anything is written. */
export function parsedRatingFacts(report: ParsedReport): { fiscalYear: number; code: string }[] {
  return report.pillars.flatMap((p) =>
    p.measures.flatMap((m) => m.programs.flatMap((g) => g.subItems.flatMap((s) => s.ratings.map((r) => ({ fiscalYear: r.fiscalYear, code: r.code }))))),
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

/** The stored ids of one measure and of its programs and sub-items, in table order. */
export interface MeasureIds {
  measureId: number;
  programIds: number[];
  subItemIds: number[][];
}

/** The stored item a narrative or footnote target points at. */
export function targetId(ids: MeasureIds, t: NarrativeTarget): number {
  const id = t.subItemIndex === undefined ? ids.programIds[t.programIndex] : ids.subItemIds[t.programIndex]?.[t.subItemIndex];
  if (id === undefined) throw invalidState('取り込み中の内部エラー: 記述の対象の事務事業が見つかりません', { target: t });
  return id;
}

export type NarrativeRole = 'department' | 'division' | 'expert';

export interface NarrativeRow {
  role: NarrativeRole;
  itemId: number | null;
  body: string;
  mentions: number[];
  /** Place among the narratives of its role, from 1, in document order. */
  position: number;
}

/** Every narrative of the report in document order: plan-wide opinion, then per pillar and measure. */
export function collectNarratives(report: ParsedReport, pillarIds: readonly number[], measureIds: readonly MeasureIds[]): NarrativeRow[] {
  const rows: NarrativeRow[] = report.planExpertOpinion.map((p) => ({ role: 'expert', itemId: null, body: p.text, mentions: [], position: 0 }));
  let mIndex = 0;
  for (const [pi, pillar] of report.pillars.entries()) {
    for (const p of pillar.expertOpinion) rows.push({ role: 'expert', itemId: pillarIds[pi]!, body: p.text, mentions: [], position: 0 });
    for (const measure of pillar.measures) {
      const ids = measureIds[mIndex++]!;
      for (const n of measure.departmentNarratives) {
        rows.push({ role: 'department', itemId: targetId(ids, n.target), body: n.text, mentions: n.mentions.map((m) => targetId(ids, m)), position: 0 });
      }
      for (const p of measure.divisionOpinion) rows.push({ role: 'division', itemId: ids.measureId, body: p.text, mentions: [], position: 0 });
    }
  }
  const positions: Record<NarrativeRole, number> = { department: 0, division: 0, expert: 0 };
  for (const n of rows) n.position = ++positions[n.role];
  return rows;
}

/** The last position per role: narratives after it are paragraphs an earlier import had and this file no longer has. */
export function lastPositions(rows: readonly NarrativeRow[]): Record<NarrativeRole, number> {
  const last: Record<NarrativeRole, number> = { department: 0, division: 0, expert: 0 };
  for (const n of rows) last[n.role] = Math.max(last[n.role], n.position);
  return last;
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
  const firstMeasure = report.pillars[0]?.measures[0];
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
    // Each measure's headings as worded there (a report may word one differently), keyed by its code.
    ...report.pillars.flatMap((p, pi) =>
      p.measures.flatMap((m, mi) => [
        { key: `department-narratives:${pi + 1}.${mi + 1}`, heading: m.departmentNarrativeHeading, body: '' },
        { key: `division-opinion:${pi + 1}.${mi + 1}`, heading: m.divisionOpinionHeading, body: '' },
      ]),
    ),
    // The summary table's year labels as printed ("R1" there, "R元" in the detail tables).
    { key: 'summary-year-labels', heading: '', body: report.reportedSummary.years.map((y) => `${y.fiscalYear}\t${y.printedLabel}`).join('\n') },
    ...(report.closing ? [{ key: 'closing', heading: report.closing.heading, body: joined(report.closing.paragraphs) }] : []),
  ];
}
