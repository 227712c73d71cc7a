/**
 * One reading of a mapped sheet, shared by the table reader's steps: where a cell is,
 * every problem and warning found so far, and the mapping's column references resolved
 * against the header row.
 */
import { DASH_CHARACTERS } from '../../decimal-text.js';
import { ImportSourceError, type ImportWarning, type SourcePlace } from '../../imported-plan.js';
import { cellPlace, ProblemList } from '../problem-list.js';
import type { ColumnRef, TableMapping } from './mapping-schema.js';
import { columnIndex, columnLetter, type SheetRows } from './sheet-rows.js';

const DASHES = new RegExp(`^[${DASH_CHARACTERS}]$`, 'u');

/** Half-width digits and letters, one space between words: `１　現状維持` → `1 現状維持`. */
export function normalizeCode(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** How a rating cell and a scale code are compared: NFKC, no spaces, any lone dash is "—". */
export function comparable(text: string): string {
  const s = normalizeCode(text).replace(/ /g, '');
  return DASHES.test(s) ? '—' : s;
}

/**
 * The choice a cell names among a list: exactly a code, exactly a label, or a code and
 * its own label ("2 拡充", "２　拡充"). A code with another choice's label ("2 縮小"), or
 * two labels, names none: guessing which was meant would invent a choice.
 */
export function matchChoice<T extends { code?: string | undefined; label: string }>(raw: string, values: readonly T[]): T | undefined {
  const whole = comparable(raw);
  const exact = values.find((v) => v.code !== undefined && comparable(v.code) === whole) ?? values.find((v) => comparable(v.label) === whole);
  if (exact) return exact;
  const pair = /^(\S+?)[ .．:：、]\s*(.+)$/u.exec(normalizeCode(raw));
  if (!pair) return undefined;
  return values.find((v) => v.code !== undefined && comparable(v.code) === comparable(pair[1]!) && comparable(v.label) === comparable(pair[2]!));
}

/** One reading of a sheet: where things are, and every problem and warning found so far. */
export class TableReading extends ProblemList {
  readonly warnings: ImportWarning[] = [];

  constructor(
    readonly sheet: SheetRows,
    readonly mapping: TableMapping,
  ) {
    super();
  }

  place(row: number, column?: number): SourcePlace {
    return cellPlace(this.sheet.file, this.sheet.sheet, row, column);
  }

  /** A cell's trimmed text; '' for a column the mapping leaves out. */
  cell(cells: readonly string[], index: number | undefined): string {
    return index === undefined ? '' : (cells[index] ?? '').trim();
  }

  /** Throws every problem found so far, if any. */
  stopOnProblems(): void {
    if (this.problems.length) throw new ImportSourceError(this.problems);
  }
}

/** Column references (letters or header texts) → indexes; an unknown one is a problem. */
export function columnResolver(reading: TableReading): (ref: ColumnRef | undefined) => number | undefined {
  const { sheet, mapping } = reading;
  const header = sheet.rows.find((r) => r.number === mapping.headerRow);
  if (!header) throw new ImportSourceError([{ message: `見出し行（${mapping.headerRow}行）がありません`, place: reading.place(mapping.headerRow) }]);
  const width = header.cells.length;
  const headerTexts = header.cells.map((c) => comparable(c));
  return (ref) => {
    if (ref === undefined) return undefined;
    if (typeof ref === 'string') {
      const index = columnIndex(ref);
      if (index >= width) reading.problem(`列 ${ref} は見出し行の範囲外です（最後の列は ${columnLetter(width - 1)}）`, reading.place(mapping.headerRow, index));
      return index;
    }
    const index = headerTexts.indexOf(comparable(ref.header));
    if (index < 0) {
      reading.problem(
        `見出し「${ref.header}」が見出し行にありません（見出し: ${header.cells.filter((c) => c.trim()).join('、')}）`,
        reading.place(mapping.headerRow),
      );
      return undefined;
    }
    return index;
  };
}
