/**
 * The ratings as CSV open data: UTF-8 (no BOM), one header row, one record per
 * sub-item × fiscal year, stable ids (item code + fiscal year), the 西暦 fiscal year
 * and its 和暦 label side by side. Column names are documented in docs/reports.md.
 */
import { stringify } from 'csv-stringify/sync';
import { longWareki, shortWareki } from '../fiscal/fiscal-year.js';
import { SPREADSHEET_SAFE_CSV } from '../web/spreadsheet-safe.js';
import type { ReportModel } from './report-model.js';

export const CSV_COLUMNS = [
  'record_id',
  'plan_slug',
  'item_code',
  'pillar',
  'measure',
  'program',
  'sub_item',
  'department',
  'fiscal_year',
  'fiscal_year_wareki',
  'fiscal_year_label',
  'rating',
  'rating_label',
  'counts_as_achieved',
  'annotation_marks',
  'annotation_meanings',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

export function csvRecords(model: ReportModel): Record<CsvColumn, string>[] {
  const codes = new Map(model.scale.map((c) => [c.code, c]));
  const meaning = new Map(model.annotationKinds.map((a) => [a.mark, a.meaning]));
  const out: Record<CsvColumn, string>[] = [];
  for (const pillar of model.pillars) {
    for (const measure of pillar.measures) {
      for (const program of measure.programs) {
        for (const sub of program.subItems) {
          for (const r of sub.ratings) {
            const scale = r.code === null ? undefined : codes.get(r.code);
            out.push({
              record_id: `${sub.code}/${r.fiscalYear}`,
              plan_slug: model.plan.slug,
              item_code: sub.code,
              pillar: pillar.name,
              measure: measure.name,
              program: program.name,
              sub_item: sub.name,
              department: sub.department ?? '',
              fiscal_year: String(r.fiscalYear),
              fiscal_year_wareki: longWareki(r.fiscalYear),
              fiscal_year_label: shortWareki(r.fiscalYear),
              rating: r.code ?? '',
              rating_label: scale?.label ?? '',
              counts_as_achieved: scale ? String(scale.countsAsAchieved) : '',
              annotation_marks: r.marks.join(''),
              annotation_meanings: r.marks.map((m) => meaning.get(m) ?? '').join(' / '),
            });
          }
        }
      }
    }
  }
  return out;
}

export function renderCsv(model: ReportModel): string {
  return stringify(csvRecords(model), { header: true, columns: [...CSV_COLUMNS], record_delimiter: '\r\n', ...SPREADSHEET_SAFE_CSV });
}
