/**
 * The shape of one download table (columns and rows as data) and how a table is
 * declared: its columns over its source rows, each column's key written once beside its
 * heading and its cell, so a key can never name a cell in one place and not the other.
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

/** One column of a table over source rows R: its key, its Japanese heading and its cell. */
export interface Column<R> {
  key: string;
  ja: string;
  cell: (row: R) => Cell;
}

/** Makes a column over the source rows R; a table's declaration is given one, so every cell's row is typed. */
export type ColumnOf<R> = (key: string, ja: string, cell: (row: R) => Cell) => Column<R>;

/** A table from its source rows and the columns `declare` returns; each row's cells follow the columns' order. */
export function tableOf<R>(head: Pick<Table, 'name' | 'titleJa' | 'titleEn'>, source: readonly R[], declare: (column: ColumnOf<R>) => Column<R>[]): Table {
  const columns = declare((key, ja, cell) => ({ key, ja, cell }));
  return {
    ...head,
    columns: columns.map(({ key, ja }) => ({ key, ja })),
    rows: source.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.cell(row)]))),
  };
}

/** The fiscal-year columns every dated table has: 西暦 for machines, 和暦 for readers. */
export function yearColumns<R>(column: ColumnOf<R>, fiscalYear: (row: R) => number): Column<R>[] {
  return [column('fiscal_year', '年度（西暦）', fiscalYear), column('fiscal_year_label', '年度（和暦）', (row) => longWareki(fiscalYear(row)))];
}
