/**
 * The text as the readers see it: numbered source lines grouped into blocks (a
 * paragraph or heading, or a run of tab-separated table rows), and a cursor that
 * walks the blocks with error helpers that know where the file ends.
 */
import { joinBrokenLines, normalizeText } from '../normalize-text.js';
import { ReportParseError } from '../report-types.js';

export interface SourceLine {
  /** 1-based line number. */
  no: number;
  raw: string;
}

/**
 * A run of non-blank lines of one kind. Blank lines separate paragraphs (and page
 * breaks); tab-separated rows are table lines.
 */
export interface Block {
  kind: 'prose' | 'table';
  lines: SourceLine[];
  /** First line number. */
  line: number;
  /** Normalised text of a prose block (lines joined without separators); '' for tables. */
  text: string;
  /** The text when the block looks like a heading (see looksLikeHeading); computed once. */
  heading: string | undefined;
}

export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

function isBlankLine(raw: string): boolean {
  return /^[\s\u3000]*$/.test(raw);
}

/**
 * Rejects input that is not text: NUL and other control characters (binary files),
 * U+FFFD (bytes that were not valid UTF-8). Tabs, form feeds and line ends are fine.
 */
export function assertReadableText(lines: readonly string[]): void {
  lines.forEach((raw, i) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point (binary input)
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

/**
 * A heading is a short single line without a full stop (headings may end with a
 * bracket: "…（デジタル推進課）").
 */
function looksLikeHeading(b: Block): boolean {
  return b.kind === 'prose' && b.lines.length === 1 && b.text.length <= 60 && !/[。．！？!?]/.test(b.text);
}

export function toBlocks(lines: readonly string[]): Block[] {
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

export function lastLineOf(b: Block): number {
  return b.lines[b.lines.length - 1]?.no ?? b.line;
}

export function isProse(b: Block | undefined): b is Block {
  return b !== undefined && b.kind === 'prose';
}

/** The text of a heading; undefined for prose paragraphs, tables and the end of the file. */
export function headingText(b: Block | undefined): string | undefined {
  return b?.heading;
}

function snippet(b: Block): string {
  const text = b.kind === 'table' ? normalizeText((b.lines[0]?.raw ?? '').replace(/\t/g, ' | ')) : b.text;
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** A sequential reader over the blocks, with error helpers that know the file end. */
export class Cursor {
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

// Table rows ---------------------------------------------------------------

export interface TableRow {
  no: number;
  cells: string[];
}

export function splitCells(raw: string): string[] {
  return raw.split('\t').map((c) => c.trim());
}

/** Drops empty cells at the end of a row beyond `expected` (stray trailing tabs). */
export function trimTrailingCells(cells: string[], expected: number): string[] {
  const out = [...cells];
  while (out.length > expected && out[out.length - 1] === '') out.pop();
  return out;
}

export function withoutTrailingEmpty(cells: string[]): string[] {
  return trimTrailingCells(cells, 0);
}

export function tableRows(blocks: readonly Block[]): TableRow[] {
  return blocks.flatMap((b) => b.lines.map((l) => ({ no: l.no, cells: splitCells(l.raw) })));
}
