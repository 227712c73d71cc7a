/**
 * Reader for the tier sentence ("…施策展開の柱、施策、事務事業及び事務事業細目の4つの
 * 階層構造…"), and the one place that maps the document's tiers onto the parsed model.
 */
import { normalizeText } from '../normalize-text.js';
import { ReportParseError } from '../report-types.js';
import type { Block } from './blocks.js';
import type { TextProfile } from './profile.js';

const KANJI_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The tier names a sentence lists and the count it states; undefined when it is not the tier sentence. */
export function findTiers(text: string, profile: TextProfile): { tiers: string[]; stated: number } | undefined {
  const { marker, pattern, subject, separators } = profile.tierSentence;
  if (!text.includes(marker)) return undefined;
  const m = pattern.exec(text);
  if (!m) return undefined;
  const list = (m[1] ?? '').replace(subject, '');
  const tiers = list
    .split(separators)
    .map(normalizeText)
    .filter((t) => t !== '');
  const count = m[2] ?? '';
  const stated = KANJI_NUMBERS[count] ?? Number(count.normalize('NFKC'));
  return { tiers, stated };
}

/**
 * The document's tiers by the part they play. The top tiers (any number, at least
 * one) open parts of the text with their name as a heading line; the last two are
 * the columns of each detail table, which sits under the last heading tier. The
 * readers name tiers only through this layout, so the depth and the names come
 * from the document.
 */
export interface TierLayout {
  /** All tier names from the top, as the document lists them. */
  names: string[];
  /** Heading tiers, from the top ("施策展開の柱", "施策"). */
  headings: string[];
  /** The last heading tier ("施策"): each of its parts carries a detail table. */
  measure: string;
  /** Detail-table columns ("事務事業", "事務事業細目"). */
  program: string;
  subItem: string;
}

/** The heading tier a line names (its index from the top), or undefined. */
export function headingLevel(text: string, tiers: TierLayout): number | undefined {
  const i = tiers.headings.indexOf(text);
  return i < 0 ? undefined : i;
}

/** Reads the tier sentence (the first paragraph that has one) into a layout. */
export function readTierLayout(blocks: readonly Block[], profile: TextProfile, guideLine: number): TierLayout {
  const at = blocks.find((b) => b.kind === 'prose' && findTiers(b.text, profile) !== undefined);
  const found = at ? findTiers(at.text, profile) : undefined;
  if (!at || !found) throw new ReportParseError(guideLine, `${profile.partNames.guide}に階層の記述（例: ${profile.tierSentence.example}）がありません`);
  const { tiers, stated } = found;
  if (tiers.length !== stated)
    throw new ReportParseError(at.line, `階層の数が合いません（${stated}つと書かれていますが${tiers.length}個です: ${tiers.join('、')}）`);
  if (new Set(tiers).size !== tiers.length) throw new ReportParseError(at.line, `同じ名前の階層があります（${tiers.join('、')}）`);
  const headings = tiers.slice(0, -2);
  const [program, subItem] = tiers.slice(-2);
  const measure = headings[headings.length - 1];
  if (!measure || !program || !subItem) {
    throw new ReportParseError(at.line, `3階層以上の計画だけを読めます（見出しの階層と評価表の2列が必要です。${tiers.length}階層: ${tiers.join('、')}）`);
  }
  return { names: tiers, headings, measure, program, subItem };
}
