/**
 * Which heading a block is, in the profile's wording. Headings are what the readers
 * split the document at; a block that is not a heading (see blocks.ts) is never one
 * of these.
 */
import { normalizeText } from '../normalize-text.js';
import { type Block, headingText } from './blocks.js';
import type { TextProfile } from './profile.js';

/** The external expert's opinion ("進捗に係る学識経験者意見"). */
export function isExpertOpinionHeading(b: Block | undefined, profile: TextProfile): boolean {
  const t = headingText(b) ?? '';
  const { ending, role } = profile.headings.expertOpinion;
  return ending.test(t) && role.test(t);
}

/** A division's opinion ("進捗に関する意見（デジタル推進課）"). */
export function isDivisionOpinionHeading(b: Block | undefined, profile: TextProfile): boolean {
  return !isExpertOpinionHeading(b, profile) && profile.headings.divisionOpinion.test(headingText(b) ?? '');
}

/** The departments' own reports ("事務事業のR4年度進捗（各課かい回答まとめ）"). */
export function isNarrativeHeading(b: Block | undefined, profile: TextProfile): boolean {
  const t = headingText(b) ?? '';
  return profile.headings.departmentNarrative.some((re) => re.test(t));
}

/** A closing section after the last measure ("○令和5年度以降の取組みについて"). */
export function isClosingHeading(b: Block | undefined, profile: TextProfile): boolean {
  return profile.headings.closing.test(headingText(b) ?? '');
}

/** A caption right above a table ("表：…"): not a paragraph. */
export function isTableCaption(b: Block, following: Block | undefined, profile: TextProfile): boolean {
  return following?.kind === 'table' && profile.headings.tableCaption.test(headingText(b) ?? '');
}

/** "1 茅ヶ崎市地域情報化計画について" → "1 茅ヶ崎市地域情報化計画について" (number in ASCII). */
export function guideSectionHeading(b: Block, profile: TextProfile): string | undefined {
  if (headingText(b) === undefined) return undefined;
  const m = profile.headings.guideSection.exec(b.lines[0]?.raw ?? '');
  if (!m) return undefined;
  const number = (m[1] ?? '').normalize('NFKC');
  return `${number} ${normalizeText(m[2] ?? '')}`;
}
