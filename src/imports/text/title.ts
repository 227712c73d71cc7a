/** Reader for the title lines before the guide: year, plan name, report title, round. */
import { normalizeText } from '../normalize-text.js';
import type { RoundKind } from '../../evaluations/round-kinds.js';
import { ReportParseError } from '../report-types.js';
import type { Block } from './blocks.js';
import type { TextProfile } from './profile.js';
import { fiscalYearAt, YEAR_AT_START } from './years.js';

export interface TitleFacts {
  fiscalYear: number;
  roundKind: RoundKind;
  reportTitle: string;
  planName: string;
}

/** The round a word names: "最終評価" → final, "中間評価" → midterm, else yearly. */
export function roundKindOf(word: string, profile: TextProfile): RoundKind {
  const { final, midterm } = profile.roundWords;
  if (word.includes(final)) return 'final';
  if (word.includes(midterm)) return 'midterm';
  return 'yearly';
}

/**
 * Reads the title lines before 評価要領: the fiscal year, the plan name, the report
 * title (ends with 報告書) and the round in brackets. Parts are on separate lines in
 * the seed; on one line they are split at spaces between Japanese words.
 */
export function readTitle(blocks: readonly Block[], profile: TextProfile): TitleFacts {
  const lines = blocks.flatMap((b) => b.lines);
  const firstLine = lines[0]?.no ?? 1;
  const { round: roundPattern, reportTitle: titleEnd, planThenTitle } = profile.title;
  const { final, midterm, evaluation } = profile.roundWords;
  let fiscalYear: number | undefined;
  let roundKind: RoundKind = 'yearly';
  let reportTitle = '';
  let planName = '';
  for (const { raw, no } of lines) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \x00-\x7F is the ASCII range (split only between non-ASCII words)
    const segments = raw.split(/\u3000|\s{2,}|(?<=[^\x00-\x7F])\s+(?=[^\x00-\x7F])/);
    for (const seg of segments) {
      let text = normalizeText(seg);
      const round = roundPattern.exec(text);
      if (round) {
        const word = round[1] ?? '';
        roundKind = word.includes(final + evaluation) ? 'final' : word.includes(midterm + evaluation) ? 'midterm' : 'yearly';
        text = text.replace(round[0], '');
      }
      const year = YEAR_AT_START.exec(text);
      if (year && fiscalYear === undefined) {
        fiscalYear = fiscalYearAt(year[0], no);
        text = text.slice(year[0].length);
      }
      if (text === '') continue;
      if (titleEnd.test(text)) {
        // "計画名事務事業…報告書" written without a space: split after the plan's kind word.
        const both = planThenTitle.exec(text);
        if (both && planName === '') {
          planName = both[1] ?? '';
          reportTitle = both[2] ?? '';
        } else reportTitle = text;
      } else planName += text;
    }
  }
  if (fiscalYear === undefined) throw new ReportParseError(firstLine, '表題に評価の年度（例: 令和4年度）がありません');
  if (planName === '') throw new ReportParseError(firstLine, '表題に計画名がありません');
  if (reportTitle === '') throw new ReportParseError(firstLine, '表題に報告書名（…報告書）がありません');
  return { fiscalYear, roundKind, reportTitle, planName };
}
