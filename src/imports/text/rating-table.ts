/** Reader for a measure's detail table: one row per sub-item, one column per fiscal year. */
import { parseFiscalYear } from '../../fiscal/fiscal-year.js';
import { normalizeText } from '../normalize-text.js';
import { ReportParseError, type ParsedProgram, type ParsedSubItem } from '../report-types.js';
import { type Block, splitCells, trimTrailingCells, withoutTrailingEmpty } from './blocks.js';
import { readRatingCell, type Scale } from './scale.js';
import type { TierLayout } from './tiers.js';
import { assertAscending, fiscalYearAt } from './years.js';

/**
 * Header "事務事業名 | 事務事業細目名 | H30 | R元 | …", then one row per sub-item. A
 * row with an empty first cell continues the program above (merged cell). Page
 * breaks split the table into several blocks without a new header; a repeated
 * header is skipped, and a program name repeated on the first row after a break is
 * read as a continuation.
 */
export function readRatingTable(blocks: readonly Block[], scale: Scale, tiers: TierLayout): { fiscalYears: number[]; programs: ParsedProgram[] } {
  const first = blocks[0]?.lines[0];
  if (!first) throw new ReportParseError(0, '評価表がありません');
  const header = withoutTrailingEmpty(splitCells(first.raw)).map(normalizeText);
  const yearLabels = header.slice(2);
  if (header.length < 3 || !yearLabels.every((c) => parseFiscalYear(c) !== undefined)) {
    throw new ReportParseError(first.no, `評価表の見出し行は「${tiers.program}名, ${tiers.subItem}名, 年度…」の形が必要ですが「${header.join(', ')}」です`);
  }
  const fiscalYears = yearLabels.map((l) => fiscalYearAt(l, first.no));
  assertAscending(fiscalYears, first.no, '評価表');
  const expected = header.length;
  const programs: ParsedProgram[] = [];
  blocks.forEach((block, blockIndex) => {
    block.lines.forEach((row, rowIndex) => {
      if (blockIndex === 0 && rowIndex === 0) return;
      const cells = trimTrailingCells(splitCells(row.raw), expected);
      if (cells.map(normalizeText).join('\t') === header.join('\t')) return;
      if (cells.length !== expected) {
        throw new ReportParseError(row.no, `評価表の行はセルが${expected}個必要ですが${cells.length}個です（${header.join(', ')}）`);
      }
      const programName = normalizeText(cells[0] ?? '');
      const subItemName = normalizeText(cells[1] ?? '');
      if (subItemName === '') throw new ReportParseError(row.no, `${header[1] ?? `${tiers.subItem}名`}が空欄です`);
      let program = programs[programs.length - 1];
      const continuesAfterBreak = rowIndex === 0 && program?.name === programName;
      if (programName !== '' && !continuesAfterBreak) {
        program = { name: programName, subItems: [], line: row.no };
        programs.push(program);
      }
      if (!program) throw new ReportParseError(row.no, `評価表の最初の行に${header[0] ?? `${tiers.program}名`}がありません`);
      const ratings = fiscalYears.map((fy, i) => readRatingCell(cells[i + 2] ?? '', fy, scale, row.no));
      const subItem: ParsedSubItem = { name: subItemName, ratings, line: row.no };
      program.subItems.push(subItem);
    });
  });
  if (programs.length === 0) throw new ReportParseError(first.no, `評価表に見出し行しかありません（${tiers.subItem}の行が必要です）`);
  return { fiscalYears, programs };
}
