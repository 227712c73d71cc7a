/**
 * Writes the text of a published evaluation report from a small spec, in the sample
 * report's layout: title lines, 評価要領 with numbered sections, the tier sentence and
 * the 評点/評価基準 table, the plan-wide part (title, expert heading, paragraphs, "表："
 * caption and the summary table computed from the spec's ratings), then one part per
 * heading tier (tier name / name, a cover page when asked, an optional expert
 * opinion and, above the last heading tier, an optional division opinion), the rating table under the last heading tier with the departments'
 * answers, "※…・・・" footnotes and the division opinion, and a closing section.
 * Any number of tiers: the tier sentence and the headings come from the spec.
 */

export interface SpecProgram {
  name: string;
  /** Sub-items with one cell per year as printed: "A", "B※", "—". */
  subItems: { name: string; cells: string[] }[];
}

export interface SpecTable {
  programs: SpecProgram[];
  /** Department paragraphs as written (the first names its program: 「名前」については…). */
  narratives: string[];
  footnote?: { mark: string; meaning: string; items: string[] };
  divisionOpinion: string[];
}

export interface SpecPart {
  name: string;
  /** Print a cover page (tier name and the name broken over lines) before the heading. */
  coverPage?: boolean;
  expertOpinion?: string[];
  /** A division's opinion under the name, above the last heading tier (the last tier's is in its table). */
  divisionOpinion?: string[];
  /** Parts of the next heading tier (above the last heading tier). */
  parts?: SpecPart[];
  /** On the last heading tier. */
  table?: SpecTable;
}

export interface PublishedTextSpec {
  planName: string;
  /** The fiscal year evaluated (2023 → 令和5年度); the table columns end at it. */
  fiscalYear: number;
  /** Fiscal years of the rating columns, ascending. */
  years: number[];
  /** Tier names from the top; the last two are the table columns. */
  tiers: string[];
  /** The count the tier sentence states; defaults to tiers.length. */
  statedTierCount?: number;
  planOpinion: string[];
  parts: SpecPart[];
  closing?: { heading: string; paragraphs: string[] };
}

const SCALE: [string, string][] = [
  ['A', '達成できた。'],
  ['B', '一部達成できなかった。'],
  ['C', '達成できなかった。'],
];

/** "R元" style as the sample's detail tables print years; the summary prints "R1". */
function yearLabel(fiscalYear: number, inSummary: boolean): string {
  if (fiscalYear >= 2019) return fiscalYear === 2019 && !inSummary ? 'R元' : `R${fiscalYear - 2018}`;
  return `H${fiscalYear - 1988}`;
}

function reiwa(fiscalYear: number): string {
  return fiscalYear === 2019 ? '令和元年度' : `令和${fiscalYear - 2018}年度`;
}

function tierSentence(tiers: readonly string[], stated: number): string {
  const last = tiers[tiers.length - 1] ?? '';
  return `本計画は${tiers.slice(0, -1).join('、')}及び${last}の${stated}つの階層構造をとっております。`;
}

/** Every sub-item's cells, in document order. */
function allCells(parts: readonly SpecPart[]): string[][] {
  return parts.flatMap((p) => [...(p.table?.programs.flatMap((g) => g.subItems.map((s) => s.cells)) ?? []), ...allCells(p.parts ?? [])]);
}

/** The printed summary: counts per code and year, the code letter without its marks. */
export function specSummary(spec: PublishedTextSpec): { fiscalYear: number; counts: Record<string, number> }[] {
  const cells = allCells(spec.parts);
  return spec.years.map((fiscalYear, i) => {
    const counts: Record<string, number> = { A: 0, B: 0, C: 0, '—': 0 };
    for (const row of cells) {
      const code = (row[i] ?? '').replace(/[※＊*]/g, '');
      counts[code] = (counts[code] ?? 0) + 1;
    }
    return { fiscalYear, counts };
  });
}

function summaryTable(spec: PublishedTextSpec): string[] {
  const summary = specSummary(spec);
  const codes = ['A', 'B', 'C', '—'];
  const total = summary.map((y) => Object.values(y.counts).reduce((a, b) => a + b, 0));
  return [
    `評価\t年度${'\t'.repeat(spec.years.length - 1)}`,
    `\t${spec.years.map((y) => yearLabel(y, true)).join('\t')}`,
    ...codes.map((c) => `${c}\t${summary.map((y) => y.counts[c] ?? 0).join('\t')}`),
    `合計\t${total.join('\t')}`,
  ];
}

function paragraphs(list: readonly string[]): string[] {
  return list.flatMap((p) => [p, '']);
}

function tableLines(spec: PublishedTextSpec, table: SpecTable): string[] {
  const [program, subItem] = spec.tiers.slice(-2);
  const rows = table.programs.flatMap((g) => g.subItems.map((s, i) => `${i === 0 ? g.name : ''}\t${s.name}\t${s.cells.join('\t')}`));
  const footnote = table.footnote
    ? [`${table.footnote.mark}${table.footnote.meaning}・・・`, '', ...paragraphs(table.footnote.items.map((x) => `「${x}」`))]
    : [];
  return [
    `${program}名\t${subItem}名\t${spec.years.map((y) => yearLabel(y, false)).join('\t')}`,
    ...rows,
    '',
    `${program}の${yearLabel(spec.fiscalYear, false)}年度進捗（各課回答まとめ）`,
    '',
    ...paragraphs(table.narratives),
    ...footnote,
    '進捗に関する意見（デジタル推進課）',
    '',
    ...paragraphs(table.divisionOpinion),
  ];
}

function partLines(spec: PublishedTextSpec, part: SpecPart, level: number): string[] {
  const tier = spec.tiers[level] ?? '';
  const half = Math.ceil(part.name.length / 2);
  const cover = part.coverPage ? [tier, '', part.name.slice(0, half), part.name.slice(half), ''] : [];
  const expert = part.expertOpinion ? ['進捗に係る学識経験者意見', '', ...paragraphs(part.expertOpinion)] : [];
  const division = part.divisionOpinion ? ['進捗に関する意見（デジタル推進課）', '', ...paragraphs(part.divisionOpinion)] : [];
  const body = part.table ? tableLines(spec, part.table) : (part.parts ?? []).flatMap((p) => partLines(spec, p, level + 1));
  return [...cover, tier, '', part.name, '', ...expert, ...division, ...body];
}

/** The report's text; lines are separated by "\n" and the file ends with a sentence. */
export function publishedReportText(spec: PublishedTextSpec): string {
  const first = spec.years[0] ?? spec.fiscalYear;
  const stated = spec.statedTierCount ?? spec.tiers.length;
  const lines = [
    '',
    reiwa(spec.fiscalYear),
    spec.planName,
    '',
    '事務事業進捗状況評価結果報告書',
    '',
    '評価要領',
    '',
    `1 ${spec.planName}について`,
    '',
    `${spec.planName}（以下「本計画」という。）は、${reiwa(first - 1)}に策定され、${reiwa(first)}から${reiwa(spec.fiscalYear)}までの計画期間において取り組む事務事業を整理しています。`,
    '',
    `2 ${reiwa(spec.fiscalYear)}進捗の内部評価について`,
    '',
    `${tierSentence(spec.tiers, stated)}事務事業担当課により${spec.tiers[spec.tiers.length - 1]}ごとに進捗状況評価を実施しました。`,
    '',
    '進捗状況を評点式評価で確認しました。評点式評価の評価基準は次のとおりです。',
    '',
    '評点\t評価基準',
    ...SCALE.map(([c, t]) => `${c}\t${t}`),
    '',
    '当初想定していた事務事業の遂行が十分にできなかったものがあります。これらは※印にて注釈をつけております。',
    '',
    `${spec.planName}全体`,
    '',
    '進捗に係る学識経験者意見',
    '',
    ...paragraphs(spec.planOpinion.slice(0, 1)),
    `表：${reiwa(first)}～${reiwa(spec.fiscalYear)}の各事業の評価`,
    '',
    ...summaryTable(spec),
    '',
    ...paragraphs(spec.planOpinion.slice(1)),
    ...spec.parts.flatMap((p) => partLines(spec, p, 0)),
    ...(spec.closing ? [spec.closing.heading, '', ...paragraphs(spec.closing.paragraphs)] : []),
  ];
  return lines.join('\n');
}

/** 1-based line of the first line equal to `text` (after `from`), for error-place assertions. */
export function lineOf(report: string, text: string, from = 0): number {
  const lines = report.split('\n');
  const i = lines.findIndex((l, n) => n >= from && l === text);
  if (i < 0) throw new Error(`line not found: ${text}`);
  return i + 1;
}
