/**
 * The ratings as CSV open data: UTF-8 (no BOM), one header row, one record per row of
 * the detail tables × fiscal year, stable ids (item code + fiscal year), the 西暦 fiscal
 * year and its 和暦 label side by side. The plan's depth decides the path columns:
 * `level_1` … `level_{n-1}` name the nodes above an item of the rated tier n. Column
 * names are documented in docs/reports.md.
 */
import { stringify } from 'csv-stringify/sync';
import { longWareki, shortWareki } from '../fiscal/fiscal-year.js';
import { SPREADSHEET_SAFE_CSV } from '../web/spreadsheet-safe.js';
import { rowsWithPath, type ReportModel } from './report-model.js';

const HEAD = ['record_id', 'plan_slug', 'item_code'] as const;
const ITEM = ['item_tier', 'item_name', 'department'] as const;
const TAIL = [
  'fiscal_year',
  'fiscal_year_wareki',
  'fiscal_year_label',
  'rating',
  'rating_label',
  'counts_as_achieved',
  'annotation_marks',
  'annotation_meanings',
] as const;

/**
 * Columns a plan with an outputs part adds (rule proposals, 今後の方向性); a plan without
 * them keeps the columns above unchanged.
 */
const OUTPUTS = ['proposed_rating', 'override_reason', 'direction_code', 'direction_label', 'direction_note'] as const;

/** `level_1` … `level_{n-1}` for rows on tier n. */
export function levelColumns(model: Pick<ReportModel, 'structure'>): string[] {
  return Array.from({ length: model.structure.rowLevel - 1 }, (_, i) => `level_${i + 1}`);
}

/** The header of the model's CSV, in order. */
export function csvColumns(model: Pick<ReportModel, 'structure' | 'outputs'>): string[] {
  return [...HEAD, ...levelColumns(model), ...ITEM, ...TAIL, ...(model.outputs ? OUTPUTS : [])];
}

/** Each item-year's proposal and 今後の方向性, as the outputs part states them. */
function outputsByRecord(model: ReportModel): Map<string, Record<(typeof OUTPUTS)[number], string>> {
  const out = new Map<string, Record<(typeof OUTPUTS)[number], string>>();
  const at = (code: string, fy: number) => {
    const key = `${code}/${fy}`;
    const found = out.get(key);
    if (found) return found;
    const fresh = { proposed_rating: '', override_reason: '', direction_code: '', direction_label: '', direction_note: '' };
    out.set(key, fresh);
    return fresh;
  };
  for (const p of model.outputs?.proposals ?? [])
    Object.assign(at(p.itemCode, p.fiscalYear), { proposed_rating: p.proposedCode, override_reason: p.overrideReason ?? '' });
  for (const d of model.outputs?.directions ?? [])
    Object.assign(at(d.itemCode, d.fiscalYear), { direction_code: d.code, direction_label: d.label, direction_note: d.note });
  return out;
}

export function csvRecords(model: ReportModel): Record<string, string>[] {
  const codes = new Map(model.scale.map((c) => [c.code, c]));
  const meaning = new Map(model.annotationKinds.map((a) => [a.mark, a.meaning]));
  const levels = levelColumns(model);
  const outputs = model.outputs ? outputsByRecord(model) : null;
  const noOutputs = Object.fromEntries(OUTPUTS.map((c) => [c, '']));
  const out: Record<string, string>[] = [];
  for (const { row, path } of rowsWithPath(model)) {
    // A childless node above the rated tier is its own row: the levels below it stay empty.
    const names = Object.fromEntries(levels.map((column, i) => [column, path[i]?.name ?? '']));
    for (const r of row.ratings) {
      const scale = r.code === null ? undefined : codes.get(r.code);
      out.push({
        record_id: `${row.code}/${r.fiscalYear}`,
        plan_slug: model.plan.slug,
        item_code: row.code,
        ...names,
        item_tier: row.tierName,
        item_name: row.name,
        department: row.department ?? '',
        fiscal_year: String(r.fiscalYear),
        fiscal_year_wareki: longWareki(r.fiscalYear),
        fiscal_year_label: shortWareki(r.fiscalYear),
        rating: r.code ?? '',
        rating_label: scale?.label ?? '',
        counts_as_achieved: scale ? String(scale.countsAsAchieved) : '',
        annotation_marks: r.marks.join(''),
        annotation_meanings: r.marks.map((m) => meaning.get(m) ?? '').join(' / '),
        ...(outputs ? (outputs.get(`${row.code}/${r.fiscalYear}`) ?? noOutputs) : {}),
      });
    }
  }
  return out;
}

export function renderCsv(model: ReportModel): string {
  return stringify(csvRecords(model), { header: true, columns: csvColumns(model), record_delimiter: '\r\n', ...SPREADSHEET_SAFE_CSV });
}
