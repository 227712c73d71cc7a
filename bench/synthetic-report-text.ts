/**
 * A published evaluation report's text at any size, in the sample report's layout (the
 * format src/imports/readers/published-text.ts reads): title, 評価要領 with the tier
 * sentence and the 評点 table, the plan-wide expert opinion and summary table, then per
 * 施策展開の柱 and 施策 their headings and opinions, and under each 施策 the table of
 * 事務事業 and 事務事業細目 with five years of ratings, the departments' answers, a ※
 * footnote and the division's opinion. Deterministic: same size and seed, same bytes.
 * Alike in layout to the tests' report writer, but the bench's own: bench code does not
 * import test-support.
 */
import { longWareki, shortWareki } from '../src/fiscal/fiscal-year.js';
import { seededRandom } from './seeded-random.js';

const TIERS = ['施策展開の柱', '施策', '事務事業', '事務事業細目'];
const FISCAL_YEAR = 2022;
const YEARS = [2018, 2019, 2020, 2021, 2022];
const SUB_ITEMS_PER_PROGRAM = 2;
const PROGRAMS_PER_MEASURE = 10;
const MEASURES_PER_PILLAR = 5;
const CODES = ['A', 'A', 'A', 'B', 'B', 'C'];
const FOOTNOTE = '新型コロナウイルス感染症の影響もありB評価となった事務事業';
const WORDS = ['窓口', '電子申請', '啓発', '講座', '補助', '施設', '情報発信', '見守り', 'オープンデータ', '相談'];

/** The detail tables print years as shortWareki does ("R元"); the summary prints the first year of an era as "R1". */
function yearLabel(fiscalYear: number, inSummary: boolean): string {
  return inSummary ? shortWareki(fiscalYear).replace('元', '1') : shortWareki(fiscalYear);
}

export interface SyntheticReport {
  text: string;
  subItems: number;
  programs: number;
  /** Rated cells per code letter (marks left off), every year together. */
  counts: Record<string, number>;
}

/** The report of a plan with `subItems` 事務事業細目 (rounded up to whole 事務事業). */
export function syntheticReportText(subItems: number, seed = 7331): SyntheticReport {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const programs = Math.ceil(subItems / SUB_ITEMS_PER_PROGRAM);
  const measures = Math.ceil(programs / PROGRAMS_PER_MEASURE);
  const counts: Record<string, number>[] = YEARS.map(() => ({ A: 0, B: 0, C: 0 }));
  const body: string[] = [];
  let program = 0;
  for (let m = 0; m < measures; m++) {
    if (m % MEASURES_PER_PILLAR === 0) {
      const pillar = m / MEASURES_PER_PILLAR + 1;
      body.push(
        TIERS[0]!,
        '',
        `柱${pillar} 暮らしを支える情報化の推進その${pillar}`,
        '',
        '進捗に係る学識経験者意見',
        '',
        `柱${pillar}の取組はおおむね順調に進んでいる。`,
        '',
      );
    }
    body.push(TIERS[1]!, '', `施策${m + 1} 行政サービスの向上その${m + 1}`, '');
    body.push(`${TIERS[2]}名\t${TIERS[3]}名\t${YEARS.map((y) => yearLabel(y, false)).join('\t')}`);
    const answers: string[] = [];
    const marked: string[] = [];
    for (let p = 0; p < PROGRAMS_PER_MEASURE && program < programs; p++, program++) {
      const programName = `事務事業${program + 1}（${pick(WORDS)}）`;
      for (let s = 0; s < SUB_ITEMS_PER_PROGRAM; s++) {
        const name = `${programName}の細目${s + 1}`;
        const cells = YEARS.map((_, y) => {
          const code = pick(CODES);
          counts[y]![code]!++;
          const mark = code === 'B' && random() < 0.05 ? '※' : '';
          if (mark && !marked.includes(name)) marked.push(name);
          return `${code}${mark}`;
        });
        body.push(`${s === 0 ? programName : ''}\t${name}\t${cells.join('\t')}`);
      }
      answers.push(`「${programName}」については、${pick(WORDS)}の取組を予定どおり実施し、利用者は前年度より増えた。`, '');
    }
    body.push('', `${TIERS[2]}の${yearLabel(FISCAL_YEAR, false)}年度進捗（各課回答まとめ）`, '', ...answers);
    if (marked.length > 0) body.push(`※${FOOTNOTE}・・・`, '', ...marked.flatMap((name) => [`「${name}」`, '']));
    body.push('進捗に関する意見（デジタル推進課）', '', '引き続き計画に沿って着実に進めていただきたい。', '');
  }
  const lines = [...reportFront(counts), ...body];
  const perCode: Record<string, number> = {};
  for (const year of counts) for (const [code, n] of Object.entries(year)) perCode[code] = (perCode[code] ?? 0) + n;
  return { text: lines.join('\n'), subItems: programs * SUB_ITEMS_PER_PROGRAM, programs, counts: perCode };
}

/** The report's front matter up to its first tier: title, 評価要領, the scale and the table of counts per year. */
function reportFront(counts: Record<string, number>[]): string[] {
  const total = counts.map((c) => Object.values(c).reduce((a, b) => a + b, 0));
  const planName = '合成市地域情報化計画';
  return [
    '',
    longWareki(FISCAL_YEAR),
    planName,
    '',
    '事務事業進捗状況評価結果報告書',
    '',
    '評価要領',
    '',
    `1 ${planName}について`,
    '',
    `${planName}（以下「本計画」という。）は、${longWareki(YEARS[0]! - 1)}に策定され、${longWareki(YEARS[0]!)}から${longWareki(FISCAL_YEAR)}までの計画期間において取り組む事務事業を整理しています。`,
    '',
    `2 ${longWareki(FISCAL_YEAR)}進捗の内部評価について`,
    '',
    `本計画は${TIERS.slice(0, -1).join('、')}及び${TIERS.at(-1)}の${TIERS.length}つの階層構造をとっております。事務事業担当課により${TIERS.at(-1)}ごとに進捗状況評価を実施しました。`,
    '',
    '進捗状況を評点式評価で確認しました。評点式評価の評価基準は次のとおりです。',
    '',
    '評点\t評価基準',
    'A\t達成できた。',
    'B\t一部達成できなかった。',
    'C\t達成できなかった。',
    '',
    '当初想定していた事務事業の遂行が十分にできなかったものがあります。これらは※印にて注釈をつけております。',
    '',
    `${planName}全体`,
    '',
    '進捗に係る学識経験者意見',
    '',
    '計画全体として目標の達成はおおむね順調である。',
    '',
    `表：${longWareki(YEARS[0]!)}～${longWareki(FISCAL_YEAR)}の各事業の評価`,
    '',
    `評価\t年度${'\t'.repeat(YEARS.length - 1)}`,
    `\t${YEARS.map((y) => yearLabel(y, true)).join('\t')}`,
    ...['A', 'B', 'C'].map((c) => `${c}\t${counts.map((y) => y[c]).join('\t')}`),
    `—\t${YEARS.map(() => 0).join('\t')}`,
    `合計\t${total.join('\t')}`,
    '',
    '停滞している事業については見直しが必要である。',
    '',
  ];
}
