/**
 * Parser for the text of a published evaluation report (事務事業進捗状況評価結果報告書),
 * as extracted from PDF: one paragraph or heading per line, blank lines between them,
 * tables as tab-separated rows. Pure: text in, ParsedReport out, ReportParseError on
 * anything it cannot read. Cross-checks between the printed summary and the detail
 * tables are the caller's job.
 *
 * The document, top to bottom (names in brackets come from the text itself):
 *   title lines          令和4年度 / 計画名 / …報告書 / (最終評価)
 *   評価要領             numbered sections "1 …"; the tier sentence; the 評点/評価基準 table
 *   plan-wide opinion    "…全体" / "進捗に係る学識経験者意見" / paragraphs + summary table
 *   per pillar           [tier 1] / name (a cover page may repeat marker + name) /
 *                        expert-opinion heading / paragraphs
 *   per measure          [tier 2] / name / rating table (may be split by page breaks) /
 *                        "事務事業のR4年度進捗（各課かい回答まとめ）" / paragraphs /
 *                        optional "※…・・・" footnote with its items /
 *                        "進捗に関する意見（…）" / paragraphs
 *   closing              "○…" / paragraphs
 */
import { parseFiscalYear, requireFiscalYear } from '../fiscal/fiscal-year.js';
import {
  bigramCodes,
  diceFromCounts,
  endsSentence,
  joinBrokenLines,
  joinPageBreaks,
  nameKey,
  normalizeText,
  type TextParagraph,
} from './normalize-text.js';
import {
  ReportParseError,
  type NarrativeTarget,
  type ParsedAnnotationFootnote,
  type ParsedDesignation,
  type ParsedMeasure,
  type ParsedNarrative,
  type ParsedParagraph,
  type ParsedPeriodExtension,
  type ParsedPillar,
  type ParsedProgram,
  type ParsedRatingCell,
  type ParsedReport,
  type ParsedScaleCode,
  type ParsedSection,
  type ParsedSubItem,
  type ParsedSummaryYear,
} from './report-types.js';
import type { RoundKind } from '../evaluations/round-kinds.js';

// ---------------------------------------------------------------------------
// Source lines and blocks
// ---------------------------------------------------------------------------

interface SourceLine {
  /** 1-based line number. */
  no: number;
  raw: string;
}

/**
 * A run of non-blank lines of one kind. Blank lines separate paragraphs (and page
 * breaks); tab-separated rows are table lines.
 */
interface Block {
  kind: 'prose' | 'table';
  lines: SourceLine[];
  /** First line number. */
  line: number;
  /** Normalised text of a prose block (lines joined without separators); '' for tables. */
  text: string;
  /** The text when the block looks like a heading (see headingText); computed once. */
  heading: string | undefined;
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

function isBlankLine(raw: string): boolean {
  return /^[\s\u3000]*$/.test(raw);
}

/**
 * Rejects input that is not text: NUL and other control characters (binary files),
 * U+FFFD (bytes that were not valid UTF-8). Tabs, form feeds and line ends are fine.
 */
function assertReadableText(lines: readonly string[]): void {
  lines.forEach((raw, i) => {
    const bad = /[\u0000-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/.exec(raw);
    if (!bad) return;
    const code = bad[0].codePointAt(0) ?? 0;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const detail =
      code === 0xfffd
        ? `文字化け（${hex}）があります。UTF-8のテキストとして読めないファイルです`
        : `制御文字（${hex}）があります。テキストファイルではないようです`;
    throw new ReportParseError(i + 1, detail);
  });
}

function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  lines.forEach((raw, i) => {
    if (isBlankLine(raw)) {
      current = undefined;
      return;
    }
    const kind = raw.includes('\t') ? 'table' : 'prose';
    const line: SourceLine = { no: i + 1, raw };
    if (current && current.kind === kind) {
      current.lines.push(line);
      return;
    }
    current = { kind, lines: [line], line: line.no, text: '', heading: undefined };
    blocks.push(current);
  });
  for (const b of blocks) {
    if (b.kind !== 'prose') continue;
    b.text = joinBrokenLines(b.lines.map((l) => l.raw));
    b.heading = looksLikeHeading(b) ? b.text : undefined;
  }
  return blocks;
}

function lastLineOf(b: Block): number {
  return b.lines[b.lines.length - 1]?.no ?? b.line;
}

/** A sequential reader over the blocks, with error helpers that know the file end. */
class Cursor {
  private index = 0;
  constructor(
    private readonly blocks: readonly Block[],
    readonly eofLine: number,
  ) {}
  get atEnd(): boolean {
    return this.index >= this.blocks.length;
  }
  peek(offset = 0): Block | undefined {
    return this.blocks[this.index + offset];
  }
  next(): Block {
    const b = this.blocks[this.index];
    if (!b) throw new ReportParseError(this.eofLine, 'ファイルが途中で終わっています');
    this.index++;
    return b;
  }
  /** Takes blocks up to (not including) the first one for which `stop` is true. */
  takeUntil(stop: (b: Block) => boolean): Block[] {
    const out: Block[] = [];
    for (let b = this.peek(); b && !stop(b); b = this.peek()) out.push(this.next());
    return out;
  }
  /** Throws "expected X" at the block found instead, or at the end of the file. */
  fail(expected: string): never {
    const found = this.peek();
    if (!found) {
      throw new ReportParseError(this.eofLine, `${expected}が必要ですが、ファイルがここで終わっています（途中で切れている可能性があります）`);
    }
    throw new ReportParseError(found.line, `${expected}が必要ですが「${snippet(found)}」があります`);
  }
}

function snippet(b: Block): string {
  const text = b.kind === 'table' ? normalizeText((b.lines[0]?.raw ?? '').replace(/\t/g, ' | ')) : b.text;
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

// ---------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------

const GUIDE_HEADINGS = new Set(['評価要領', '評価方法']);

function isProse(b: Block | undefined): b is Block {
  return b !== undefined && b.kind === 'prose';
}

/**
 * A heading is a short single line without a full stop (headings may end with a
 * bracket: "…（デジタル推進課）").
 */
function looksLikeHeading(b: Block): boolean {
  return b.kind === 'prose' && b.lines.length === 1 && b.text.length <= 60 && !/[。．！？!?]/.test(b.text);
}

/** The text of a heading; undefined for prose paragraphs, tables and the end of the file. */
function headingText(b: Block | undefined): string | undefined {
  return b?.heading;
}

function isHeadingLike(b: Block | undefined): boolean {
  return headingText(b) !== undefined;
}

/** "進捗に係る学識経験者意見" and the like: the external expert's opinion. */
function isExpertOpinionHeading(b: Block | undefined): boolean {
  const t = headingText(b) ?? '';
  return /意見$/.test(t) && /学識|有識|外部|専門家/.test(t);
}

/** "進捗に関する意見（デジタル推進課）" / "進捗に係る意見（デジタル推進課）": a division's opinion. */
function isDivisionOpinionHeading(b: Block | undefined): boolean {
  return !isExpertOpinionHeading(b) && /意見[（(][^）)]+[）)]$/.test(headingText(b) ?? '');
}

/** "事務事業のR4年度進捗（各課かい回答まとめ）": the departments' own reports. */
function isNarrativeHeading(b: Block | undefined): boolean {
  const t = headingText(b) ?? '';
  return /年度進捗/.test(t) || /回答まとめ/.test(t);
}

/** "○令和5年度以降の取組みについて": a closing section after the last measure. */
function isClosingHeading(b: Block | undefined): boolean {
  return /^[○◯●◎■□◆◇]/.test(headingText(b) ?? '');
}

/** Caption such as "表：平成29～令和4年度の各事業の評価" right above a table; not a paragraph. */
function isTableCaption(b: Block, following: Block | undefined): boolean {
  return following?.kind === 'table' && /^表[0-9０-９\-－]*[：:]/.test(headingText(b) ?? '');
}

/** "1 茅ヶ崎市地域情報化計画について": a numbered section of the 評価要領. */
function guideSectionHeading(b: Block): string | undefined {
  if (headingText(b) === undefined) return undefined;
  const m = /^[\s\u3000]*([0-9０-９]{1,2})[\s\u3000.．、)）]+(\S.*)$/.exec(b.lines[0]?.raw ?? '');
  if (!m) return undefined;
  const number = (m[1] ?? '').normalize('NFKC');
  return `${number} ${normalizeText(m[2] ?? '')}`;
}

// ---------------------------------------------------------------------------
// Year labels and small text searches
// ---------------------------------------------------------------------------

/** A fiscal-year label in prose: 令和4年度, 令和元年度, 平成30年度, 2022年度. */
const YEAR_LABEL = '(?:(?:令和|平成|昭和)(?:元|[0-9０-９]{1,2})|[0-9]{4})年度';
// Compiled once: regex compilation dominates a cold parse.
const YEAR_AT_START = new RegExp(`^${YEAR_LABEL}`);
const ADOPTED_IN = new RegExp(`(${YEAR_LABEL})に策定`);
const PERIOD_FROM_TO = new RegExp(`(${YEAR_LABEL})から(${YEAR_LABEL})まで`);
const EXTENDED_UNTIL = new RegExp(`(${YEAR_LABEL})まで(?:計画期間を)?延長`);
const EXTENDED_BY = /([0-9０-９]+)年(?:間)?(?:の)?延長/;
const DECIDED_IN = new RegExp(`(${YEAR_LABEL})(?:に|には|において|中に)`);
const ROUND_HELD = new RegExp(`(${YEAR_LABEL})に(中間評価|最終評価|[^、。]{0,8}評価)を実施`, 'g');
/** Kanji, katakana and Latin: the characters of a compound term such as a plan name. */
const TERM_TAIL = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u30A0-\u30FF々〆・A-Za-z0-9]+$/;
const HAS_KANJI_OR_KANA = /[\u3040-\u309F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

function fiscalYearAt(label: string, line: number): number {
  try {
    return requireFiscalYear(label);
  } catch (e) {
    throw new ReportParseError(line, e instanceof Error ? e.message : `年度として読めません: ${label}`);
  }
}

/** Splits prose into sentences, each keeping its "。". */
function sentences(text: string): string[] {
  return text.match(/[^。]+。?|。/g) ?? [];
}

/**
 * The term written right before `end`: a quoted 「name」, or else the run of kanji,
 * katakana and Latin letters ("…するとともに市町村官民データ活用推進計画として" →
 * "市町村官民データ活用推進計画"). Hiragana and punctuation end the term.
 */
function termBefore(text: string, end: number): string | undefined {
  const head = text.slice(0, end);
  const quoted = /「([^」]+)」$/.exec(head);
  if (quoted) return quoted[1];
  const m = TERM_TAIL.exec(head);
  return m?.[0];
}

// ---------------------------------------------------------------------------
// Title
// ---------------------------------------------------------------------------

interface TitleFacts {
  fiscalYear: number;
  roundKind: RoundKind;
  reportTitle: string;
  planName: string;
}

function roundKindOf(text: string): RoundKind {
  if (text.includes('最終評価')) return 'final';
  if (text.includes('中間評価')) return 'midterm';
  return 'yearly';
}

/**
 * Reads the title lines before 評価要領: the fiscal year, the plan name, the report
 * title (ends with 報告書) and the round in brackets. Parts are on separate lines in
 * the seed; on one line they are split at spaces between Japanese words.
 */
function parseTitle(blocks: readonly Block[]): TitleFacts {
  const lines = blocks.flatMap((b) => b.lines);
  const firstLine = lines[0]?.no ?? 1;
  let fiscalYear: number | undefined;
  let roundKind: RoundKind = 'yearly';
  let reportTitle = '';
  let planName = '';
  for (const { raw, no } of lines) {
    const segments = raw.split(/\u3000|\s{2,}|(?<=[^\x00-\x7F])\s+(?=[^\x00-\x7F])/);
    for (const seg of segments) {
      let text = normalizeText(seg);
      const round = /[（(]([^）)]*評価)[）)]/.exec(text);
      if (round) {
        roundKind = roundKindOf(round[1] ?? '');
        text = text.replace(round[0], '');
      }
      const year = YEAR_AT_START.exec(text);
      if (year && fiscalYear === undefined) {
        fiscalYear = fiscalYearAt(year[0], no);
        text = text.slice(year[0].length);
      }
      if (text === '') continue;
      if (/報告書?$/.test(text)) {
        // "計画名事務事業…報告書" written without a space: split after the plan's kind word.
        const both = /^(.+?(?:計画|プラン|方針|戦略|ビジョン))(.+報告書?)$/.exec(text);
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

// ---------------------------------------------------------------------------
// Scale (評点 / 評価基準) and rating cells
// ---------------------------------------------------------------------------

const NOT_EVALUATED_CODE = '—';

interface Scale {
  name: string;
  codes: ParsedScaleCode[];
  /** Codes, longest first, for prefix matching of cells like "B※". */
  byLength: string[];
}

/**
 * Cell text as a scale code: NFKC (Ａ → A), no whitespace, and every dash variant
 * (-, －, ―, ー, –) read as "—", the not-evaluated mark.
 */
function canonicalCode(raw: string): string {
  return normalizeText(raw)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[-‐‑‒–—―−ー─]/, NOT_EVALUATED_CODE);
}

function splitCells(raw: string): string[] {
  return raw.split('\t').map((c) => c.trim());
}

/** Drops empty cells at the end of a row beyond `expected` (stray trailing tabs). */
function trimTrailingCells(cells: string[], expected: number): string[] {
  const out = [...cells];
  while (out.length > expected && out[out.length - 1] === '') out.pop();
  return out;
}

function withoutTrailingEmpty(cells: string[]): string[] {
  return trimTrailingCells(cells, 0);
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
function parseScaleTable(table: Block, guideText: string): Scale {
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
    codes.push({
      code: NOT_EVALUATED_CODE,
      label: '評価対象外',
      criteria: '事業終了等により評価を行わないもの',
      position: codes.length + 1,
      countsAsAchieved: false,
      isNotEvaluated: true,
    });
  } else {
    for (const c of codes) if (c.code === NOT_EVALUATED_CODE) c.isNotEvaluated = true;
  }
  const at = guideText.indexOf('の評価基準');
  const name = (at >= 0 ? termBefore(guideText, at) : undefined) ?? (hasHeader ? (first?.cells[0] ?? '評点') : '評点');
  return { name, codes, byLength: codes.map((c) => c.code).sort((a, b) => b.length - a.length) };
}

function scaleList(scale: Scale): string {
  return scale.codes.map((c) => c.code).join(', ');
}

/** A symbol (not a letter, digit or kana/kanji) with an optional number: "※", "※1", "*". */
const ANNOTATION_MARK = /[^A-Za-z0-9\s\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF][0-9]*/g;

/** "B※" → { code: "B", marks: ["※"] }. Anything that is not a scale code is an error. */
function parseRatingCell(raw: string, fiscalYear: number, scale: Scale, line: number): ParsedRatingCell {
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

// ---------------------------------------------------------------------------
// Summary table (評価 × 年度)
// ---------------------------------------------------------------------------

const TOTAL_LABELS = new Set(['合計', '計', '総計', '総数', '全体']);

interface TableRow {
  no: number;
  cells: string[];
}

function tableRows(blocks: readonly Block[]): TableRow[] {
  return blocks.flatMap((b) => b.lines.map((l) => ({ no: l.no, cells: splitCells(l.raw) })));
}

/** Index of the row whose cells after the first are all fiscal-year labels ("H29", "R1"). */
function yearRowIndex(rows: readonly TableRow[]): number {
  return rows.findIndex((r) => {
    const labels = withoutTrailingEmpty(r.cells).slice(1);
    return labels.length > 0 && labels.every((c) => parseFiscalYear(c) !== undefined);
  });
}

/**
 * The report's own count table: a header row of years, one row per code, and a total.
 * Rows before the year row ("評価 | 年度") are headings. Years are read with
 * parseFiscalYear, so "R1" is 2019 and printedLabel keeps "R1".
 */
function parseSummaryTable(table: Block, scale: Scale): ParsedReport['reportedSummary'] {
  const rows = tableRows([table]);
  const yearAt = yearRowIndex(rows);
  const yearRow = rows[yearAt];
  if (!yearRow) throw new ReportParseError(table.line, '集計表に年度の見出し行（H29, H30, …）がありません');
  const labels = withoutTrailingEmpty(yearRow.cells).slice(1).map(normalizeText);
  const years: ParsedSummaryYear[] = labels.map((printedLabel) => ({
    fiscalYear: fiscalYearAt(printedLabel, yearRow.no),
    printedLabel,
    counts: {},
    total: 0,
  }));
  assertAscending(years.map((y) => y.fiscalYear), yearRow.no, '集計表');
  const expected = labels.length + 1;
  const columns = [normalizeText(yearRow.cells[0] ?? '') || '評価', ...labels].join(', ');
  let sawTotal = false;
  for (const row of rows.slice(yearAt + 1)) {
    const cells = trimTrailingCells(row.cells, expected);
    if (cells.length !== expected) {
      throw new ReportParseError(row.no, `集計表の行はセルが${expected}個必要ですが${cells.length}個です（${columns}）`);
    }
    const head = normalizeText(cells[0] ?? '');
    const isTotal = TOTAL_LABELS.has(head);
    const code = canonicalCode(head);
    if (!isTotal && !scale.codes.some((c) => c.code === code)) {
      throw new ReportParseError(row.no, `集計表の評点「${head}」は評価基準にありません（使える評点: ${scaleList(scale)}）`);
    }
    cells.slice(1).forEach((cell, i) => {
      const value = cell.normalize('NFKC').replace(/[,\s]/g, '');
      if (!/^\d+$/.test(value)) throw new ReportParseError(row.no, `集計表の値「${cell}」が件数（整数）ではありません`);
      const year = years[i];
      if (!year) return;
      if (isTotal) year.total = Number(value);
      else year.counts[code] = Number(value);
    });
    sawTotal ||= isTotal;
  }
  // Without a printed total row the total is the sum of the printed counts.
  if (!sawTotal) for (const y of years) y.total = Object.values(y.counts).reduce((a, b) => a + b, 0);
  return { line: table.line, years };
}

function assertAscending(years: readonly number[], line: number, where: string): void {
  for (let i = 1; i < years.length; i++) {
    if ((years[i] ?? 0) <= (years[i - 1] ?? 0)) throw new ReportParseError(line, `${where}の年度が古い順に並んでいません`);
  }
}

// ---------------------------------------------------------------------------
// Tiers
// ---------------------------------------------------------------------------

const KANJI_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * "本計画は施策展開の柱、施策、事務事業及び事務事業細目の4つの階層構造をとって…"
 * → ["施策展開の柱", "施策", "事務事業", "事務事業細目"].
 */
function findTiers(text: string): { tiers: string[]; stated: number } | undefined {
  if (!text.includes('つの階層')) return undefined;
  const m = /([^。]*?)の([0-9０-９]+|[一二三四五六七八九十])つの階層/.exec(text);
  if (!m) return undefined;
  const list = (m[1] ?? '').replace(/^(?:本|当|この)[^、]*?は/, '');
  const tiers = list
    .split(/、|，|及び|および|並びに|ならびに/)
    .map(normalizeText)
    .filter((t) => t !== '');
  const count = m[2] ?? '';
  const stated = KANJI_NUMBERS[count] ?? Number(count.normalize('NFKC'));
  return { tiers, stated };
}

// ---------------------------------------------------------------------------
// Paragraph collection and footnotes
// ---------------------------------------------------------------------------

interface RawFootnote {
  mark: string;
  meaning: string;
  line: number;
  items: { name: string; line: number }[];
}

const FOOTNOTE_LEAD = /^([※＊*†‡][0-9０-９]*)(.+?)(?:・・・|･･･|…+|：|:)$/;
const FOOTNOTE_ITEM = /^(?:「[^」]+」[、，,・\s]*)+[。]?$|^[・･]\S/;

function isFootnoteItemLine(raw: string): boolean {
  return FOOTNOTE_ITEM.test(normalizeText(raw));
}

function footnoteItemNames(raw: string): string[] {
  const text = normalizeText(raw);
  const quoted = [...text.matchAll(/「([^」]+)」/g)].map((m) => m[1] ?? '');
  if (quoted.length > 0) return quoted;
  return [text.replace(/^[・･]/, '')];
}

/**
 * Reads a section of prose: paragraphs (page-break splits joined) and "※…・・・"
 * footnotes with their item lines. Tables are not allowed here; the callers for the
 * guide and the plan-wide opinion split the prose around their tables first.
 */
function readProse(blocks: readonly Block[], where: string): { paragraphs: TextParagraph[]; footnotes: RawFootnote[] } {
  const paragraphs: TextParagraph[] = [];
  const footnotes: RawFootnote[] = [];
  let run: TextParagraph[] = [];
  const flush = (): void => {
    paragraphs.push(...joinPageBreaks(run));
    run = [];
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b) continue;
    if (b.kind === 'table') throw new ReportParseError(b.line, `${where}に表は置けません（表は「${where}」の前に必要です）`);
    const lead = FOOTNOTE_LEAD.exec(normalizeText(b.lines[0]?.raw ?? ''));
    if (lead) {
      flush();
      const note: RawFootnote = { mark: lead[1] ?? '', meaning: normalizeText(lead[2] ?? ''), line: b.line, items: [] };
      const addItems = (lines: readonly SourceLine[]): void => {
        for (const l of lines) for (const name of footnoteItemNames(l.raw)) note.items.push({ name, line: l.no });
      };
      addItems(b.lines.slice(1));
      // The items follow as their own lines, usually one paragraph each.
      while (isProse(blocks[i + 1]) && (blocks[i + 1]?.lines ?? []).every((l) => isFootnoteItemLine(l.raw))) {
        i++;
        addItems(blocks[i]?.lines ?? []);
      }
      if (note.items.length === 0) throw new ReportParseError(b.line, `注記「${note.mark}${note.meaning}」の後に対象の事務事業細目（「…」）が必要です`);
      footnotes.push(note);
      continue;
    }
    run.push({ text: b.text, line: b.line });
  }
  flush();
  return { paragraphs, footnotes };
}

function toParagraphs(paragraphs: readonly TextParagraph[]): ParsedParagraph[] {
  return paragraphs.map((p) => ({ text: p.text, line: p.line }));
}

// ---------------------------------------------------------------------------
// Matching names in narratives to table items
// ---------------------------------------------------------------------------

interface ItemRef {
  target: NarrativeTarget;
  key: string;
  /** Number of distinct bigrams in key. */
  bigramCount: number;
  isProgram: boolean;
}

/**
 * The items of one measure, with an inverted bigram index so that a written name is
 * compared with all items in one pass (names are matched many times per paragraph).
 */
interface NameIndex {
  refs: ItemRef[];
  postings: Map<number, number[]>;
}

function nameIndex(refs: ItemRef[]): NameIndex {
  const postings = new Map<number, number[]>();
  refs.forEach((ref, i) => {
    for (const g of bigramCodes(ref.key)) {
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
  });
  return { refs, postings };
}

/** Programs and sub-items in table order, each program before its sub-items. */
function itemIndex(programs: readonly ParsedProgram[]): NameIndex {
  const refs: ItemRef[] = [];
  const add = (target: NarrativeTarget, name: string, isProgram: boolean): void => {
    const key = nameKey(name);
    refs.push({ target, key, bigramCount: bigramCodes(key).size, isProgram });
  };
  programs.forEach((p, programIndex) => {
    add({ programIndex }, p.name, true);
    p.subItems.forEach((s, subItemIndex) => add({ programIndex, subItemIndex }, s.name, false));
  });
  return nameIndex(refs);
}

const MIN_DICE = 0.6;
const MIN_CONTAINMENT = 0.5;

/**
 * How well a written name fits an item name: 3 exact; 2..3 when one contains the
 * other ("公共施設予約システム" in "公共施設予約システムの充実"); the bigram Dice
 * coefficient when it reaches MIN_DICE ("資源保全" vs "景観資源保全"); else 0.
 */
function nameScore(written: string, item: string, dice: number): number {
  if (written === item) return 3;
  const [short, long] = written.length <= item.length ? [written, item] : [item, written];
  const ratio = short.length / long.length;
  if (short.length >= 4 && ratio >= MIN_CONTAINMENT && long.includes(short)) return 2 + ratio;
  return dice >= MIN_DICE ? dice : 0;
}

/**
 * Best item for a written name. Ties go to the earlier ref, so a program wins over
 * its own sub-item of the same name (programs come first in the index).
 */
function matchName(name: string, index: NameIndex, accept: (ref: ItemRef) => boolean = () => true): NarrativeTarget | undefined {
  const key = nameKey(name);
  if (key.length < 2) return undefined;
  const grams = bigramCodes(key);
  // Shared bigrams per item. Only items sharing at least one can match at all
  // (exact and containment of 4+ characters imply shared bigrams).
  const common = new Map<number, number>();
  for (const g of grams) for (const i of index.postings.get(g) ?? []) common.set(i, (common.get(i) ?? 0) + 1);
  let best: { index: number; score: number } | undefined;
  for (const [i, shared] of common) {
    const ref = index.refs[i];
    if (!ref || !accept(ref)) continue;
    const score = nameScore(key, ref.key, diceFromCounts(shared, grams.size, ref.bigramCount));
    // Ties go to the earlier item: a program before its own sub-item of the same name.
    if (score > 0 && (!best || score > best.score || (score === best.score && i < best.index))) best = { index: i, score };
  }
  return best ? index.refs[best.index]?.target : undefined;
}

function sameTarget(a: NarrativeTarget, b: NarrativeTarget): boolean {
  return a.programIndex === b.programIndex && a.subItemIndex === b.subItemIndex;
}

function addTarget(list: NarrativeTarget[], t: NarrativeTarget | undefined): void {
  if (t && !list.some((x) => sameTarget(x, t))) list.push(t);
}

interface LeadingSubject {
  names: string[];
  quoted: boolean;
  /** Followed by については / について / に係る …: the names are certainly the subject. */
  explicit: boolean;
  /** Length of the subject part, so body mentions can skip it. */
  length: number;
}

const SUBJECT_PARTICLE = /^(?:については|について|に係る|に関する|に関して|に関しては|では)/;

/**
 * The subject a department paragraph opens with:
 *   「A」については…            → [A]
 *   「A」、「B」については…     → [A, B]
 *   災害情報の収集へのICTの活用については… → [災害情報の収集へのICTの活用]
 * An unquoted subject must come before the first 、 or 。.
 */
function leadingSubject(text: string): LeadingSubject | undefined {
  if (text.startsWith('「')) {
    const names: string[] = [];
    let pos = 0;
    for (;;) {
      const m = /^「([^」]+)」/.exec(text.slice(pos));
      if (!m) break;
      names.push(m[1] ?? '');
      pos += m[0].length;
      const sep = /^(?:[、，,・]|及び|および|と|や)(?=「)/.exec(text.slice(pos));
      if (!sep) break;
      pos += sep[0].length;
    }
    return { names, quoted: true, explicit: SUBJECT_PARTICLE.test(text.slice(pos)), length: pos };
  }
  const m = /^([^、。「」]{2,80}?)(?:については|について|に関しては|に関して)/.exec(text);
  if (!m) return undefined;
  return { names: [m[1] ?? ''], quoted: false, explicit: true, length: m[0].length };
}

/**
 * Items named later in a paragraph: "オンライン動画の活用の普及については" (a clause
 * subject, matched like a leading subject) and 「exact names」 in quotes.
 */
function bodyMentions(body: string, index: NameIndex): NarrativeTarget[] {
  const found: NarrativeTarget[] = [];
  for (const m of body.matchAll(/(?:^|[、。])([^、。]{2,80}?)(?:については|について)/g)) {
    addTarget(found, matchName(m[1] ?? '', index));
  }
  for (const m of body.matchAll(/「([^」]+)」/g)) {
    const key = nameKey(m[1] ?? '');
    addTarget(found, index.refs.find((r) => r.key === key)?.target);
  }
  return found;
}

/**
 * Gives each department paragraph its target inside the measure. A paragraph without a
 * recognisable subject continues the previous paragraph's target (it stays a separate
 * paragraph); the first paragraph must have one.
 */
function attachNarratives(paragraphs: readonly TextParagraph[], index: NameIndex, measureName: string): ParsedNarrative[] {
  let previous: NarrativeTarget | undefined;
  return paragraphs.map((p) => {
    const subject = leadingSubject(p.text);
    const named: NarrativeTarget[] = [];
    for (const name of subject?.names ?? []) {
      const t = matchName(name, index);
      if (!t && subject?.quoted && subject.explicit) {
        throw new ReportParseError(p.line, `「${normalizeText(name)}」に当たる事務事業・事務事業細目が施策「${measureName}」の評価表にありません`);
      }
      addTarget(named, t);
    }
    const target = named[0] ?? previous;
    if (!target) {
      throw new ReportParseError(
        p.line,
        `この段落がどの事務事業についてのものか分かりません（施策「${measureName}」の回答の最初の段落は「事務事業名」については…で始まる必要があります）`,
      );
    }
    previous = target;
    const mentions: NarrativeTarget[] = [target];
    for (const t of named) addTarget(mentions, t);
    for (const t of bodyMentions(p.text.slice(subject?.length ?? 0), index)) addTarget(mentions, t);
    return { text: p.text, target, mentions, line: p.line };
  });
}

/** Footnote items name sub-items ("…となった事務事業細目"), so sub-items are tried first. */
function attachFootnote(note: RawFootnote, programs: readonly ParsedProgram[], index: NameIndex, measureName: string): ParsedAnnotationFootnote {
  const targets: NarrativeTarget[] = [];
  for (const item of note.items) {
    let target = matchName(item.name, index, (r) => !r.isProgram);
    if (!target) {
      const program = matchName(item.name, index, (r) => r.isProgram);
      const only = program && programs[program.programIndex]?.subItems.length === 1;
      target = program && only ? { programIndex: program.programIndex, subItemIndex: 0 } : program;
    }
    if (!target) throw new ReportParseError(item.line, `注記の対象「${normalizeText(item.name)}」が施策「${measureName}」の評価表にありません`);
    addTarget(targets, target);
  }
  return { mark: note.mark, meaning: note.meaning, targets, line: note.line };
}

// ---------------------------------------------------------------------------
// Rating table
// ---------------------------------------------------------------------------

/**
 * The measure's table: header "事務事業名 | 事務事業細目名 | H30 | R元 | …", then one
 * row per sub-item. A row with an empty first cell continues the program above
 * (merged cell). Page breaks split the table into several blocks without a new
 * header; a repeated header is skipped, and a program name repeated on the first
 * row after a break is read as a continuation.
 */
function parseRatingTable(blocks: readonly Block[], scale: Scale): { fiscalYears: number[]; programs: ParsedProgram[] } {
  const first = blocks[0]?.lines[0];
  if (!first) throw new ReportParseError(0, '評価表がありません');
  const header = withoutTrailingEmpty(splitCells(first.raw)).map(normalizeText);
  const yearLabels = header.slice(2);
  if (header.length < 3 || !yearLabels.every((c) => parseFiscalYear(c) !== undefined)) {
    throw new ReportParseError(first.no, `評価表の見出し行は「事務事業名, 事務事業細目名, 年度…」の形が必要ですが「${header.join(', ')}」です`);
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
      if (subItemName === '') throw new ReportParseError(row.no, `${header[1] ?? '事務事業細目名'}が空欄です`);
      let program = programs[programs.length - 1];
      const continuesAfterBreak = rowIndex === 0 && program?.name === programName;
      if (programName !== '' && !continuesAfterBreak) {
        program = { name: programName, subItems: [], line: row.no };
        programs.push(program);
      }
      if (!program) throw new ReportParseError(row.no, `評価表の最初の行に${header[0] ?? '事務事業名'}がありません`);
      const ratings = fiscalYears.map((fy, i) => parseRatingCell(cells[i + 2] ?? '', fy, scale, row.no));
      const subItem: ParsedSubItem = { name: subItemName, ratings, line: row.no };
      program.subItems.push(subItem);
    });
  });
  if (programs.length === 0) throw new ReportParseError(first.no, '評価表に見出し行しかありません（事務事業細目の行が必要です）');
  return { fiscalYears, programs };
}

// ---------------------------------------------------------------------------
// Document structure
// ---------------------------------------------------------------------------

interface Context {
  cur: Cursor;
  tiers: string[];
  scale: Scale;
}

/** The heading line of the top tier ("施策展開の柱"), as named in the guide. */
function isPillarMarker(b: Block | undefined, ctx: Pick<Context, 'tiers'>): boolean {
  return isProse(b) && b.text === ctx.tiers[0];
}

/** The heading line of the second tier ("施策"). */
function isMeasureMarker(b: Block | undefined, ctx: Pick<Context, 'tiers'>): boolean {
  return isProse(b) && b.text === ctx.tiers[1];
}

function endsMeasure(b: Block, ctx: Context): boolean {
  return isPillarMarker(b, ctx) || isMeasureMarker(b, ctx) || isClosingHeading(b);
}

/** The name after a tier marker: the next prose block, joined if broken over lines. */
function expectName(ctx: Context, tier: string): Block {
  const b = ctx.cur.peek();
  const isStructural =
    !isProse(b) || isPillarMarker(b, ctx) || isMeasureMarker(b, ctx) || isExpertOpinionHeading(b) || isNarrativeHeading(b) || isDivisionOpinionHeading(b);
  if (isStructural) ctx.cur.fail(`「${tier}」の見出しの後に${tier}の名前`);
  return ctx.cur.next();
}

function parseMeasure(ctx: Context): ParsedMeasure {
  const { cur, tiers } = ctx;
  const measureTier = tiers[1] ?? '施策';
  cur.next(); // the tier marker
  const nameBlock = expectName(ctx, measureTier);
  const name = nameBlock.text;
  const tableBlocks = cur.takeUntil((b) => b.kind !== 'table');
  if (tableBlocks.length === 0) cur.fail(`${measureTier}「${name}」の評価表（${tiers[2] ?? ''}名, ${tiers[3] ?? ''}名, 年度…）`);
  const { fiscalYears, programs } = parseRatingTable(tableBlocks, ctx.scale);

  if (!isNarrativeHeading(cur.peek())) cur.fail(`${measureTier}「${name}」の評価表の後に各課の年度進捗（回答まとめ）の見出し`);
  const narrativeHeading = cur.next();
  const narrativeBlocks = cur.takeUntil((b) => isDivisionOpinionHeading(b) || endsMeasure(b, ctx));
  const narrativeProse = readProse(narrativeBlocks, narrativeHeading.text);
  if (narrativeProse.paragraphs.length === 0) cur.fail(`${measureTier}「${name}」の「${narrativeHeading.text}」の本文`);

  if (!isDivisionOpinionHeading(cur.peek())) cur.fail(`${measureTier}「${name}」の進捗に関する意見（担当課）の見出し`);
  const divisionHeading = cur.next();
  const divisionBlocks = cur.takeUntil((b) => endsMeasure(b, ctx));
  const divisionProse = readProse(divisionBlocks, divisionHeading.text);
  if (divisionProse.paragraphs.length === 0) cur.fail(`${measureTier}「${name}」の「${divisionHeading.text}」の本文`);

  const index = itemIndex(programs);
  const footnotes = [...narrativeProse.footnotes, ...divisionProse.footnotes].map((n) => attachFootnote(n, programs, index, name));
  return {
    name,
    line: nameBlock.line,
    fiscalYears,
    programs,
    departmentNarrativeHeading: narrativeHeading.text,
    departmentNarratives: attachNarratives(narrativeProse.paragraphs, index, name),
    annotationFootnotes: footnotes,
    divisionOpinionHeading: divisionHeading.text,
    divisionOpinion: toParagraphs(divisionProse.paragraphs),
  };
}

/**
 * A pillar. Its cover page repeats the marker and name ("施策展開の柱" /
 * "I C T を活用した" / "安全・安心な" / "まちづくり") before the real heading; both
 * normalise to the same name and become one pillar.
 */
function parsePillar(ctx: Context): ParsedPillar {
  const { cur, tiers } = ctx;
  const pillarTier = tiers[0] ?? '施策展開の柱';
  const measureTier = tiers[1] ?? '施策';
  cur.next(); // the tier marker
  let nameBlock = expectName(ctx, pillarTier);
  const name = nameBlock.text;
  while (isPillarMarker(cur.peek(), ctx)) {
    const again = cur.peek(1);
    if (again === undefined) {
      cur.next();
      cur.fail(`「${pillarTier}」の見出しの後に${pillarTier}の名前`);
    }
    if (!isProse(again) || again.text !== name) {
      // A cover page repeats the same name; anything else means this pillar is empty.
      throw new ReportParseError(
        nameBlock.line,
        `${pillarTier}「${name}」に内容（学識経験者意見と${measureTier}）がありません（表紙なら、次の見出し「${isProse(again) ? again.text : ''}」と同じ名前のはずです）`,
      );
    }
    cur.next();
    nameBlock = cur.next();
  }
  let expertOpinionHeading = '';
  let expertOpinion: ParsedParagraph[] = [];
  if (isExpertOpinionHeading(cur.peek())) {
    expertOpinionHeading = cur.next().text;
    const blocks = cur.takeUntil((b) => endsMeasure(b, ctx));
    expertOpinion = toParagraphs(readProse(blocks, expertOpinionHeading).paragraphs);
    if (expertOpinion.length === 0) cur.fail(`${pillarTier}「${name}」の「${expertOpinionHeading}」の本文`);
  }
  const measures: ParsedMeasure[] = [];
  while (isMeasureMarker(cur.peek(), ctx)) measures.push(parseMeasure(ctx));
  if (measures.length === 0) cur.fail(`${pillarTier}「${name}」の「${measureTier}」の見出し`);
  return { name, line: nameBlock.line, expertOpinionHeading, expertOpinion, measures };
}

interface FrontMatter {
  guide: ParsedSection[];
  scale: Scale;
  planExpertOpinionHeading: string;
  planExpertOpinion: ParsedParagraph[];
  reportedSummary: ParsedReport['reportedSummary'];
}

/**
 * Prose paragraphs of a part that may contain tables: the tables (and their "表：…"
 * captions) are left out, and a paragraph is never joined across a table.
 */
function proseAroundTables(blocks: readonly Block[], where: string): TextParagraph[] {
  const runs: Block[][] = [[]];
  blocks.forEach((b, i) => {
    if (b.kind === 'table') runs.push([]);
    else if (!isTableCaption(b, blocks[i + 1])) runs[runs.length - 1]?.push(b);
  });
  return runs.flatMap((run) => readProse(run, where).paragraphs);
}

/**
 * Splits the 評価要領 blocks into numbered sections. The criteria table is left out of
 * the paragraphs: the scale holds it as data.
 */
function guideSections(blocks: readonly Block[]): ParsedSection[] {
  const sections: { heading: string; blocks: Block[] }[] = [];
  for (const b of blocks) {
    const heading = guideSectionHeading(b);
    if (heading !== undefined) {
      sections.push({ heading, blocks: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: '', blocks: [] });
    sections[sections.length - 1]?.blocks.push(b);
  }
  return sections.map((s) => ({ heading: s.heading, paragraphs: toParagraphs(proseAroundTables(s.blocks, '評価要領')) }));
}

/**
 * Everything between the 評価要領 heading and the first pillar: the guide sections, the
 * scale table, the plan-wide expert opinion and the summary table. The plan-wide part
 * starts at its title line ("茅ヶ崎市地域情報化計画全体") followed by the expert-opinion
 * heading; its "表：…" caption is dropped (the summary keeps the data).
 */
function parseFrontMatter(ctx: Pick<Context, 'cur' | 'tiers'>, guideHeading: Block): FrontMatter {
  const { cur, tiers } = ctx;
  // The plan-wide part opens with its title line when the line after it is the
  // expert-opinion heading (takeUntil tests the block at peek(), so peek(1) follows it).
  const opensPlanWide = (b: Block): boolean => isExpertOpinionHeading(b) || (isHeadingLike(b) && isExpertOpinionHeading(cur.peek(1)));
  const guideBlocks = cur.takeUntil((b) => opensPlanWide(b) || isPillarMarker(b, ctx));
  if (!isExpertOpinionHeading(cur.peek()) && isExpertOpinionHeading(cur.peek(1))) {
    cur.next(); // "茅ヶ崎市地域情報化計画全体": implied by the plan name, not stored
  }
  let planExpertOpinionHeading = '';
  if (isExpertOpinionHeading(cur.peek())) planExpertOpinionHeading = cur.next().text;
  const planBlocks = cur.takeUntil((b) => isPillarMarker(b, ctx));
  if (cur.atEnd) cur.fail(`「${tiers[0] ?? '施策展開の柱'}」の見出し`);

  const guide = guideSections(guideBlocks);
  const guideText = guide.flatMap((s) => s.paragraphs.map((p) => p.text)).join('');
  const tables = [...guideBlocks, ...planBlocks].filter((b) => b.kind === 'table');
  const scaleTable = tables.find((t) => yearRowIndex(tableRows([t])) < 0);
  if (!scaleTable) throw new ReportParseError(guideHeading.line, '評価要領に評点と評価基準の表（評点 | 評価基準）がありません');
  const scale = parseScaleTable(scaleTable, guideText);
  const summaryTables = tables.filter((t) => t !== scaleTable);
  const summaryTable = summaryTables[0];
  if (!summaryTable) {
    throw new ReportParseError(cur.peek()?.line ?? cur.eofLine, `最初の${tiers[0] ?? '施策展開の柱'}の前に評価の集計表（評価 × 年度）が必要です`);
  }
  const extra = summaryTables[1];
  if (extra) throw new ReportParseError(extra.line, 'この表が何の表か分かりません（評価要領と全体の意見に置ける表は評価基準の表と集計表だけです）');
  const reportedSummary = parseSummaryTable(summaryTable, scale);

  // The summary table sits between paragraphs; its caption is dropped (the data is kept).
  const planExpertOpinion = proseAroundTables(planBlocks, planExpertOpinionHeading || '全体の意見');
  return { guide, scale, planExpertOpinionHeading, planExpertOpinion: toParagraphs(planExpertOpinion), reportedSummary };
}

// ---------------------------------------------------------------------------
// Plan facts from the prose
// ---------------------------------------------------------------------------

/** The year a sentence opens its action with: "令和2年度には…" → 令和2年度. */
function decidedYear(sentence: string, line: number): number | undefined {
  const label = DECIDED_IN.exec(sentence)?.[1];
  return label === undefined ? undefined : fiscalYearAt(label, line);
}

function roundKindWord(word: string): RoundKind {
  return word.includes('最終') ? 'final' : word.includes('中間') ? 'midterm' : 'yearly';
}

interface SentenceAt {
  text: string;
  line: number;
}

function sentencesOf(paragraphs: readonly ParsedParagraph[]): SentenceAt[] {
  return paragraphs.flatMap((p) => sentences(p.text).map((text) => ({ text, line: p.line })));
}

/**
 * Plan facts written in the guide (評価要領 1): predecessor (「…」の後継), adoption
 * (…年度に策定), period (…年度から…年度まで), extensions (計画期間をN年延長 /
 * …年度まで延長), designations (…として位置付け), earlier rounds (…年度に中間評価を実施);
 * the midterm's coverage (…年度までの内容を中間評価) may be in the expert's text; the
 * successor is "…以降…「名前」に基づ…" in the closing section or the plan-wide opinion.
 */
function extractPlanFacts(
  title: TitleFacts,
  tiers: string[],
  guide: readonly ParsedSection[],
  planOpinion: readonly ParsedParagraph[],
  closing: ParsedSection | undefined,
  guideLine: number,
): ParsedReport['plan'] {
  const guideSentences = sentencesOf(guide.flatMap((s) => s.paragraphs));
  const find = (list: readonly SentenceAt[], re: RegExp): { m: RegExpExecArray; at: SentenceAt } | undefined => {
    for (const at of list) {
      const m = re.exec(at.text);
      if (m) return { m, at };
    }
    return undefined;
  };

  const predecessor = find(guideSentences, /「([^」]+)」の後継/);
  const adopted = find(guideSentences, ADOPTED_IN);
  const period = find(guideSentences, PERIOD_FROM_TO);
  if (!period) throw new ReportParseError(guideLine, '評価要領に計画期間（例: 平成28年度から令和2年度まで）がありません');
  const startFiscalYear = fiscalYearAt(period.m[1] ?? '', period.at.line);
  const endFiscalYear = fiscalYearAt(period.m[2] ?? '', period.at.line);

  const extensions: ParsedPeriodExtension[] = [];
  const designations: ParsedDesignation[] = [];
  for (const s of guideSentences) {
    const byYears = EXTENDED_BY.exec(s.text);
    const until = EXTENDED_UNTIL.exec(s.text);
    if (byYears || until) {
      const from = extensions[extensions.length - 1]?.toEndFiscalYear ?? endFiscalYear;
      const to = until ? fiscalYearAt(until[1] ?? '', s.line) : from + Number((byYears?.[1] ?? '0').normalize('NFKC'));
      const decided = decidedYear(s.text, s.line);
      extensions.push({ fromEndFiscalYear: from, toEndFiscalYear: to, ...(decided !== undefined ? { decidedFiscalYear: decided } : {}), reason: s.text });
    }
    for (const m of s.text.matchAll(/として(?:位置付け|位置づけ|指定)/g)) {
      const name = termBefore(s.text, m.index);
      if (!name) continue;
      const from = decidedYear(s.text, s.line);
      designations.push({ name, ...(from !== undefined ? { fromFiscalYear: from } : {}) });
    }
  }

  const earlierRounds: ParsedReport['plan']['earlierRounds'] = [];
  const coverageSentences = [...guideSentences, ...sentencesOf(planOpinion)];
  for (const s of guideSentences) {
    for (const m of s.text.matchAll(ROUND_HELD)) {
      const fiscalYear = fiscalYearAt(m[1] ?? '', s.line);
      const kind = roundKindWord(m[2] ?? '');
      if (fiscalYear === title.fiscalYear && kind === title.roundKind) continue;
      if (earlierRounds.some((r) => r.fiscalYear === fiscalYear && r.kind === kind)) continue;
      const word = m[2] ?? '';
      const covers = find(coverageSentences, new RegExp(`(${YEAR_LABEL})までの[^。]*?${word}`));
      const coversUntil = covers ? fiscalYearAt(covers.m[1] ?? '', covers.at.line) : undefined;
      earlierRounds.push({ fiscalYear, kind, ...(coversUntil !== undefined ? { coversUntilFiscalYear: coversUntil } : {}) });
    }
  }

  const successorSources = [...sentencesOf(closing?.paragraphs ?? []), ...sentencesOf(planOpinion)];
  const successor = find(successorSources, /以降[^。]*?「([^」]+)」に基づ/) ?? find(successorSources, /後継(?:として|となる)「([^」]+)」/);

  return {
    name: title.planName,
    ...(predecessor ? { predecessorName: predecessor.m[1] ?? '' } : {}),
    ...(successor ? { successorName: successor.m[1] ?? '' } : {}),
    ...(adopted ? { adoptedFiscalYear: fiscalYearAt(adopted.m[1] ?? '', adopted.at.line) } : {}),
    startFiscalYear,
    endFiscalYear,
    extensions,
    designations,
    tiers,
    earlierRounds,
  };
}

// ---------------------------------------------------------------------------
// Annotation kinds
// ---------------------------------------------------------------------------

/**
 * Annotation kinds from the footnotes ("※" + meaning). A mark used in a rating cell
 * but never explained in a footnote gets its meaning from the guide sentence that
 * introduces it ("…ものがあります。これらは※印にて注釈をつけております。").
 */
function annotationKinds(pillars: readonly ParsedPillar[], guide: readonly ParsedSection[]): { mark: string; meaning: string }[] {
  const kinds: { mark: string; meaning: string }[] = [];
  const measures = pillars.flatMap((p) => p.measures);
  for (const f of measures.flatMap((m) => m.annotationFootnotes)) {
    if (!kinds.some((k) => k.mark === f.mark && k.meaning === f.meaning)) kinds.push({ mark: f.mark, meaning: f.meaning });
  }
  const usedMarks = new Set(measures.flatMap((m) => m.programs.flatMap((p) => p.subItems.flatMap((s) => s.ratings.flatMap((r) => r.marks)))));
  const guideSentences = sentences(guide.flatMap((s) => s.paragraphs.map((p) => p.text)).join(''));
  for (const mark of usedMarks) {
    if (kinds.some((k) => k.mark === mark)) continue;
    const at = guideSentences.findIndex((s) => s.includes(`${mark}印`));
    const intro = at > 0 && /^これら/.test(guideSentences[at] ?? '') ? guideSentences[at - 1] : guideSentences[at];
    kinds.push({ mark, meaning: intro ?? '' });
  }
  return kinds;
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/**
 * Parses the text of an evaluation report. Throws ReportParseError (with the 1-based
 * line) when the text is empty, binary, truncated or malformed.
 */
export function parseReport(text: string): ParsedReport {
  const lines = splitLines(text);
  assertReadableText(lines);
  const blocks = toBlocks(lines);
  if (blocks.length === 0) throw new ReportParseError(0, 'ファイルが空です（空白だけのファイルです）');
  // Errors about a missing part point at the last non-blank line.
  const lastBlock = blocks[blocks.length - 1];
  const cur = new Cursor(blocks, lastBlock ? lastLineOf(lastBlock) : lines.length);

  const titleBlocks = cur.takeUntil((b) => isProse(b) && GUIDE_HEADINGS.has(b.text));
  if (cur.atEnd) throw new ReportParseError(titleBlocks[0]?.line ?? 1, '評価報告書として読めません（「評価要領」の見出しがありません）');
  if (titleBlocks.length === 0) throw new ReportParseError(cur.peek()?.line ?? 1, '表題（年度・計画名・報告書名）が「評価要領」の前に必要です');
  const title = parseTitle(titleBlocks);
  const guideHeading = cur.next();

  // The tier names decide which lines are pillar and measure headings, so they are
  // read before walking the structure.
  const tierFacts = blocks.map((b) => (b.kind === 'prose' ? findTiers(b.text) : undefined)).find((t) => t !== undefined);
  if (!tierFacts) throw new ReportParseError(guideHeading.line, '評価要領に階層の記述（例: 施策展開の柱、施策、事務事業及び事務事業細目の4つの階層構造）がありません');
  const { tiers, stated } = tierFacts;
  if (tiers.length !== stated) throw new ReportParseError(guideHeading.line, `階層の数が合いません（${stated}つと書かれていますが${tiers.length}個です: ${tiers.join('、')}）`);
  if (tiers.length !== 4) throw new ReportParseError(guideHeading.line, `4階層の計画だけを読めます（${tiers.length}階層: ${tiers.join('、')}）`);

  const front = parseFrontMatter({ cur, tiers }, guideHeading);
  const ctx: Context = { cur, tiers, scale: front.scale };

  const pillars: ParsedPillar[] = [];
  let closing: ParsedSection | undefined;
  while (!cur.atEnd) {
    const b = cur.peek();
    if (isPillarMarker(b, ctx)) pillars.push(parsePillar(ctx));
    else if (isClosingHeading(b) && !closing) {
      const heading = cur.next().text;
      const body = cur.takeUntil((x) => isPillarMarker(x, ctx));
      closing = { heading, paragraphs: toParagraphs(readProse(body, heading).paragraphs) };
      if (closing.paragraphs.length === 0) cur.fail(`「${heading}」の本文`);
    } else cur.fail(`「${tiers[0] ?? ''}」か「${tiers[1] ?? ''}」の見出し`);
  }

  // A document cut in the middle of a sentence looks complete to the structure walk.
  if (lastBlock && lastBlock.kind === 'prose' && !endsSentence(lastBlock.text) && !/以上$/.test(lastBlock.text)) {
    throw new ReportParseError(lastLineOf(lastBlock), 'ファイルが文の途中で終わっています（途中で切れている可能性があります）');
  }

  return {
    fiscalYear: title.fiscalYear,
    roundKind: title.roundKind,
    reportTitle: title.reportTitle,
    plan: extractPlanFacts(title, tiers, front.guide, front.planExpertOpinion, closing, guideHeading.line),
    guide: front.guide,
    scale: { name: front.scale.name, codes: front.scale.codes },
    annotationKinds: annotationKinds(pillars, front.guide),
    planExpertOpinionHeading: front.planExpertOpinionHeading,
    planExpertOpinion: front.planExpertOpinion,
    reportedSummary: front.reportedSummary,
    pillars,
    ...(closing ? { closing } : {}),
  };
}
