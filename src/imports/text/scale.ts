/** Reader for the 評点/評価基準 table, and for rating cells against the scale it defines. */
import { normalizeText } from '../normalize-text.js';
import { ReportParseError, type ParsedRatingCell, type ParsedScaleCode } from '../report-types.js';
import { type Block, splitCells, withoutTrailingEmpty } from './blocks.js';
import type { TextProfile } from './profile.js';
import { HAS_KANJI_OR_KANA, termBefore } from './years.js';

export const NOT_EVALUATED_CODE = '—';

export interface Scale {
  name: string;
  codes: ParsedScaleCode[];
  /** Codes, longest first, for prefix matching of cells like "B※". */
  byLength: string[];
}

/**
 * Cell text as a scale code: NFKC (Ａ → A), no whitespace, and every dash variant
 * (-, －, ―, ー, –) read as "—", the not-evaluated mark.
 */
export function canonicalCode(raw: string): string {
  return normalizeText(raw)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[-‐‑‒–—―−ー─]/, NOT_EVALUATED_CODE);
}

/**
 * The 評点/評価基準 table: one row per code with its criteria. The first row is a
 * header when its first cell is a word ("評点") rather than a code. The scale's
 * name is the term before "の評価基準" in the guide text ("評点式評価").
 * Judgment calls (documented for the store): the label is the criteria without the
 * final "。"; only the first code counts as achieved (the report's achievement rate is
 * A / total); "—" is appended when missing, because the tables use it for items that
 * were not evaluated although the criteria table does not list it.
 */
export function readScaleTable(table: Block, guideText: string, profile: TextProfile): Scale {
  const rows = table.lines.map((l) => ({ no: l.no, cells: withoutTrailingEmpty(splitCells(l.raw)).map(normalizeText) }));
  const first = rows[0];
  const hasHeader = first !== undefined && rows.length > 1 && HAS_KANJI_OR_KANA.test(first.cells[0] ?? '');
  const body = hasHeader ? rows.slice(1) : rows;
  const codes: ParsedScaleCode[] = [];
  for (const row of body) {
    if (row.cells.length < 2 || row.cells.length > 3) {
      throw new ReportParseError(row.no, `評価基準の表の行はセルが2個（評点, 評価基準）必要ですが${row.cells.length}個です`);
    }
    const code = canonicalCode(row.cells[0] ?? '');
    const criteria = row.cells[row.cells.length - 1] ?? '';
    if (code === '' || criteria === '') throw new ReportParseError(row.no, '評価基準の表の行に評点か評価基準が空欄です');
    if (codes.some((c) => c.code === code)) throw new ReportParseError(row.no, `評点「${code}」が評価基準の表に2回あります`);
    const label = row.cells.length === 3 ? (row.cells[1] ?? '') : criteria.replace(/[。.]$/, '');
    codes.push({ code, label, criteria, position: codes.length + 1, countsAsAchieved: codes.length === 0, isNotEvaluated: false });
  }
  if (codes.length === 0) throw new ReportParseError(table.line, '評価基準の表に評点の行がありません');
  if (!codes.some((c) => c.code === NOT_EVALUATED_CODE)) {
    const { label, criteria } = profile.scale.notEvaluated;
    codes.push({ code: NOT_EVALUATED_CODE, label, criteria, position: codes.length + 1, countsAsAchieved: false, isNotEvaluated: true, isDefault: true });
  } else {
    for (const c of codes) if (c.code === NOT_EVALUATED_CODE) c.isNotEvaluated = true;
  }
  const at = guideText.indexOf(profile.scale.nameBefore);
  const fallback = profile.scale.defaultName;
  const name = (at >= 0 ? termBefore(guideText, at) : undefined) ?? (hasHeader ? (first?.cells[0] ?? fallback) : fallback);
  return { name, codes, byLength: codes.map((c) => c.code).sort((a, b) => b.length - a.length) };
}

export function scaleList(scale: Scale): string {
  return scale.codes.map((c) => c.code).join(', ');
}

/** A symbol (not a letter, digit or kana/kanji) with an optional number: "※", "※1", "*". */
const ANNOTATION_MARK = /[^A-Za-z0-9\s\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF][0-9]*/g;

/** "B※" → { code: "B", marks: ["※"] }. Anything that is not a scale code is an error. */
export function readRatingCell(raw: string, fiscalYear: number, scale: Scale, line: number): ParsedRatingCell {
  const text = canonicalCode(raw);
  if (text === '') throw new ReportParseError(line, `${fiscalYear}年度の評点が空欄です（使える評点: ${scaleList(scale)}）`);
  const code = scale.byLength.find((c) => text.startsWith(c));
  const rest = code === undefined ? text : text.slice(code.length);
  // Marks are symbols, optionally numbered ("※", "※1"); a letter means an unknown code.
  const marks = rest.match(ANNOTATION_MARK) ?? [];
  if (code === undefined || marks.join('') !== rest) {
    throw new ReportParseError(line, `評点「${normalizeText(raw)}」は評価基準にありません（使える評点: ${scaleList(scale)}）`);
  }
  return { fiscalYear, code, marks };
}
