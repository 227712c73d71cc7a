/**
 * Building blocks of the Word report (report-docx.ts, docx-outputs.ts): the page, the
 * font, body text and headings, and bordered tables with a repeated header row.
 */
import {
  AlignmentType,
  BorderStyle,
  type HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { OFFICE_FONT } from './office-font.js';

/** A4 in twentieths of a point, with 20 mm margins. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const FONT = { ascii: OFFICE_FONT, eastAsia: OFFICE_FONT, hAnsi: OFFICE_FONT, cs: OFFICE_FONT };
/** Year columns are wide enough for "H29＊" in bold with narrow cell margins: a year label never wraps. */
export const YEAR_COLUMN_MIN = 760;
export const NARROW_MARGINS = { left: 40, right: 40 };
export const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '555555' };
export const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

export function body(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(text)], indent: { firstLine: 210 }, spacing: { after: 120 } });
}

export function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ text, heading: level, pageBreakBefore, keepNext: true });
}

export function cell(
  text: string,
  options: { header?: boolean; width: number; center?: boolean; rowSpan?: number; columnSpan?: number; fill?: string; color?: string; narrow?: boolean } = {
    width: 1000,
  },
): TableCell {
  return new TableCell({
    ...(options.narrow ? { margins: NARROW_MARGINS } : {}),
    children: [
      new Paragraph({
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.header ?? false, ...(options.color ? { color: options.color } : {}) })],
      }),
    ],
    width: { size: options.width, type: WidthType.DXA },
    borders: BORDERS,
    verticalAlign: VerticalAlign.TOP,
    ...(options.rowSpan && options.rowSpan > 1 ? { rowSpan: options.rowSpan } : {}),
    ...(options.columnSpan && options.columnSpan > 1 ? { columnSpan: options.columnSpan } : {}),
    ...(options.fill
      ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } }
      : options.header
        ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF5' } }
        : {}),
  });
}

export function tableCaption(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })], keepNext: true, spacing: { before: 120, after: 60 } });
}

export function gridTable(head: string[], rows: string[][], widths: number[], centerFrom = 1): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: head.map((h, i) => cell(h, { header: true, width: widths[i]!, center: i >= centerFrom, narrow: i >= centerFrom })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => cell(v, { width: widths[i]!, center: i >= centerFrom, header: i === 0, narrow: i >= centerFrom })),
          }),
      ),
    ],
  });
}
