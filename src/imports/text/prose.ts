/**
 * Reader for a section of prose: paragraphs (page-break splits joined) and "※…・・・"
 * footnotes with the item lines that follow them.
 */
import { joinPageBreaks, normalizeText, type TextParagraph } from '../normalize-text.js';
import { ReportParseError, type ParsedParagraph, type ParsedTablePlace } from '../report-types.js';
import { type Block, isProse, type SourceLine } from './blocks.js';
import { isTableCaption } from './headings.js';
import type { TextProfile } from './profile.js';
import type { TierLayout } from './tiers.js';

/** What prose readers need besides the blocks: the wording and the tier names. */
export interface ProseContext {
  profile: TextProfile;
  tiers: TierLayout;
}

/** A footnote as written, before its items are matched to the table. */
export interface RawFootnote {
  mark: string;
  meaning: string;
  line: number;
  items: { name: string; line: number }[];
}

function footnoteItemNames(raw: string): string[] {
  const text = normalizeText(raw);
  const quoted = [...text.matchAll(/「([^」]+)」/g)].map((m) => m[1] ?? '');
  if (quoted.length > 0) return quoted;
  return [text.replace(/^[・･]/, '')];
}

/** Reads the footnote opened by blocks[at] with its item paragraphs; returns it and the index of its last block. */
function readFootnote(blocks: readonly Block[], at: number, lead: RegExpExecArray, ctx: ProseContext): { note: RawFootnote; last: number } {
  const b = blocks[at] as Block;
  const note: RawFootnote = { mark: lead[1] ?? '', meaning: normalizeText(lead[2] ?? ''), line: b.line, items: [] };
  const addItems = (lines: readonly SourceLine[]): void => {
    for (const l of lines) for (const name of footnoteItemNames(l.raw)) note.items.push({ name, line: l.no });
  };
  const isItemLine = (l: SourceLine): boolean => ctx.profile.footnote.item.test(normalizeText(l.raw));
  addItems(b.lines.slice(1));
  // The items follow as their own lines, usually one paragraph each.
  let i = at;
  while (isProse(blocks[i + 1]) && (blocks[i + 1]?.lines ?? []).every(isItemLine)) {
    i++;
    addItems(blocks[i]?.lines ?? []);
  }
  if (note.items.length === 0) {
    throw new ReportParseError(b.line, `注記「${note.mark}${note.meaning}」の後に対象の${ctx.tiers.subItem}（「…」）が必要です`);
  }
  return { note, last: i };
}

/**
 * Paragraphs and footnotes of a section. Tables are not allowed here; the callers for
 * the guide and the plan-wide opinion split the prose around their tables first.
 */
export function readProse(blocks: readonly Block[], where: string, ctx: ProseContext): { paragraphs: TextParagraph[]; footnotes: RawFootnote[] } {
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
    const lead = ctx.profile.footnote.lead.exec(normalizeText(b.lines[0]?.raw ?? ''));
    if (lead) {
      flush();
      const { note, last } = readFootnote(blocks, i, lead, ctx);
      footnotes.push(note);
      i = last;
      continue;
    }
    run.push({ text: b.text, line: b.line });
  }
  flush();
  return { paragraphs, footnotes };
}

export function toParagraphs(paragraphs: readonly TextParagraph[]): ParsedParagraph[] {
  return paragraphs.map((p) => ({ text: p.text, line: p.line }));
}

/** The paragraphs of a section whose footnotes, if any, belong to no table. */
export function readParagraphs(blocks: readonly Block[], where: string, ctx: ProseContext): ParsedParagraph[] {
  return toParagraphs(readProse(blocks, where, ctx).paragraphs);
}

/**
 * Prose paragraphs of a part that may contain tables: the tables (and their "表：…"
 * captions) are left out of the paragraphs, and a paragraph is never joined across a
 * table. Where each table sat is kept (`tables`): how many paragraphs precede it and
 * its caption, so a regenerated document puts it back in the same place.
 */
export function proseAroundTables(
  blocks: readonly Block[],
  where: string,
  ctx: ProseContext,
  kindOf: (table: Block) => ParsedTablePlace['table'] = () => 'summary',
): { paragraphs: TextParagraph[]; tables: ParsedTablePlace[] } {
  const paragraphs: TextParagraph[] = [];
  const tables: ParsedTablePlace[] = [];
  let run: Block[] = [];
  let caption: string | undefined;
  const flush = (): void => {
    paragraphs.push(...readProse(run, where, ctx).paragraphs);
    run = [];
  };
  blocks.forEach((b, i) => {
    if (b.kind === 'table') {
      flush();
      tables.push({ table: kindOf(b), afterParagraphs: paragraphs.length, ...(caption !== undefined ? { caption } : {}) });
      caption = undefined;
    } else if (isTableCaption(b, blocks[i + 1], ctx.profile)) caption = normalizeText(b.text);
    else run.push(b);
  });
  flush();
  return { paragraphs, tables };
}
