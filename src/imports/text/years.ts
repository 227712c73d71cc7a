/**
 * Fiscal-year labels and small searches in Japanese prose, shared by the section
 * readers. Era labels (令和/平成/昭和) are the same in every municipality, so they
 * are not part of the text profile.
 */
import { requireFiscalYear } from '../../fiscal/fiscal-year.js';
import { ReportParseError } from '../report-types.js';

/** A fiscal-year label in prose: 令和4年度, 令和元年度, 平成30年度, 2022年度. */
export const YEAR_LABEL = '(?:(?:令和|平成|昭和)(?:元|[0-9０-９]{1,2})|[0-9]{4})年度';
// Compiled once: regex compilation dominates a cold parse.
export const YEAR_AT_START = new RegExp(`^${YEAR_LABEL}`);
/** Kanji, katakana and Latin: the characters of a compound term such as a plan name. */
const TERM_TAIL = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u30A0-\u30FF々〆・A-Za-z0-9]+$/;
export const HAS_KANJI_OR_KANA = /[\u3040-\u309F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

/** A fiscal year from its label, or a parse error at `line`. */
export function fiscalYearAt(label: string, line: number): number {
  try {
    return requireFiscalYear(label);
  } catch (e) {
    throw new ReportParseError(line, e instanceof Error ? e.message : `年度として読めません: ${label}`);
  }
}

export function assertAscending(years: readonly number[], line: number, where: string): void {
  for (let i = 1; i < years.length; i++) {
    if ((years[i] ?? 0) <= (years[i - 1] ?? 0)) throw new ReportParseError(line, `${where}の年度が古い順に並んでいません`);
  }
}

/** Splits prose into sentences, each keeping its "。". */
export function sentences(text: string): string[] {
  return text.match(/[^。]+。?|。/g) ?? [];
}

/**
 * The term written right before `end`: a quoted 「name」, or else the run of kanji,
 * katakana and Latin letters ("…するとともに市町村官民データ活用推進計画として" →
 * "市町村官民データ活用推進計画"). Hiragana and punctuation end the term.
 */
export function termBefore(text: string, end: number): string | undefined {
  const head = text.slice(0, end);
  const quoted = /「([^」]+)」$/.exec(head);
  if (quoted) return quoted[1];
  const m = TERM_TAIL.exec(head);
  return m?.[0];
}
