/**
 * The shape of one download table (columns and rows as data) and the fiscal-year
 * columns every dated table starts with: 西暦 for machines, 和暦 for readers.
 */
import { longWareki } from '../fiscal/fiscal-year.js';

export type Cell = string | number | boolean | null;

export interface Table {
  /** File name without extension, e.g. "ratings". */
  name: string;
  titleJa: string;
  titleEn: string;
  columns: { key: string; ja: string }[];
  rows: Record<string, Cell>[];
}

export const YEAR_COLUMNS: readonly { key: string; ja: string }[] = [
  { key: 'fiscal_year', ja: '年度（西暦）' },
  { key: 'fiscal_year_label', ja: '年度（和暦）' },
];

/** The cells of YEAR_COLUMNS for one fiscal year. */
export function yearCells(fiscalYear: number): { fiscal_year: number; fiscal_year_label: string } {
  return { fiscal_year: fiscalYear, fiscal_year_label: longWareki(fiscalYear) };
}
