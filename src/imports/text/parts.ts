/**
 * Readers for the parts below the front matter, in document order: a part of each
 * heading tier (its name as a heading line, then the name), as deep as the tier
 * sentence says. A part may open with an expert opinion; above the last heading
 * tier it holds the parts of the next tier, on the last heading tier the detail
 * table, department narratives, footnotes and division opinion. Then the closing
 * section.
 */
import { nameKey } from '../normalize-text.js';
import { ReportParseError, type ParsedParagraph, type ParsedSection, type ParsedTable, type ParsedTierSection } from '../report-types.js';
import { type Block, type Cursor, isProse } from './blocks.js';
import { isClosingHeading, isDivisionOpinionHeading, isExpertOpinionHeading, isNarrativeHeading } from './headings.js';
import { attachFootnote, attachNarratives, itemIndex } from './name-matching.js';
import { type ProseContext, readParagraphs, readProse, toParagraphs } from './prose.js';
import { readRatingTable } from './rating-table.js';
import type { Scale } from './scale.js';
import { headingLevel } from './tiers.js';

export interface PartContext extends ProseContext {
  cur: Cursor;
}

/** The heading tier a block names ("施策展開の柱" → 0), or undefined when it is no tier heading. */
function markerLevel(b: Block | undefined, ctx: ProseContext): number | undefined {
  return isProse(b) ? headingLevel(b.text, ctx.tiers) : undefined;
}

/** The heading line of the top tier ("施策展開の柱"), as named in the tier sentence. */
export function isPillarMarker(b: Block | undefined, ctx: ProseContext): boolean {
  return markerLevel(b, ctx) === 0;
}

function endsPart(b: Block, ctx: ProseContext): boolean {
  return markerLevel(b, ctx) !== undefined || isClosingHeading(b, ctx.profile);
}

/** The name after a tier marker: the next prose block, joined if broken over lines. */
function expectName(ctx: PartContext, tier: string): Block {
  const b = ctx.cur.peek();
  const { profile } = ctx;
  const isStructural =
    !isProse(b) ||
    markerLevel(b, ctx) !== undefined ||
    isExpertOpinionHeading(b, profile) ||
    isNarrativeHeading(b, profile) ||
    isDivisionOpinionHeading(b, profile);
  if (isStructural) ctx.cur.fail(`「${tier}」の見出しの後に${tier}の名前`);
  return ctx.cur.next();
}

/** The detail of a part of the last heading tier: table, department answers, footnotes, division opinion. */
function readTable(ctx: PartContext, scale: Scale, name: string): ParsedTable {
  const { cur, tiers, profile } = ctx;
  const tier = tiers.measure;
  const tableBlocks = cur.takeUntil((b) => b.kind !== 'table');
  if (tableBlocks.length === 0) cur.fail(`${tier}「${name}」の評価表（${tiers.program}名, ${tiers.subItem}名, 年度…）`);
  const { fiscalYears, programs } = readRatingTable(tableBlocks, scale, tiers);

  if (!isNarrativeHeading(cur.peek(), profile)) cur.fail(`${tier}「${name}」の評価表の後に${profile.partNames.departmentNarrative}の見出し`);
  const narrativeHeading = cur.next();
  const narrativeBlocks = cur.takeUntil((b) => isDivisionOpinionHeading(b, profile) || endsPart(b, ctx));
  const narrativeProse = readProse(narrativeBlocks, narrativeHeading.text, ctx);
  if (narrativeProse.paragraphs.length === 0) cur.fail(`${tier}「${name}」の「${narrativeHeading.text}」の本文`);

  if (!isDivisionOpinionHeading(cur.peek(), profile)) cur.fail(`${tier}「${name}」の${profile.partNames.divisionOpinion}の見出し`);
  const divisionHeading = cur.next();
  const divisionBlocks = cur.takeUntil((b) => endsPart(b, ctx));
  const divisionProse = readProse(divisionBlocks, divisionHeading.text, ctx);
  if (divisionProse.paragraphs.length === 0) cur.fail(`${tier}「${name}」の「${divisionHeading.text}」の本文`);

  const index = itemIndex(programs);
  const footnotes = [...narrativeProse.footnotes, ...divisionProse.footnotes].map((n) => attachFootnote(n, programs, index, name, tiers));
  return {
    fiscalYears,
    programs,
    departmentNarrativeHeading: narrativeHeading.text,
    departmentNarratives: attachNarratives(narrativeProse.paragraphs, index, name, tiers),
    annotationFootnotes: footnotes,
    divisionOpinionHeading: divisionHeading.text,
    divisionOpinion: toParagraphs(divisionProse.paragraphs),
  };
}

/**
 * A part's name. A cover page repeats the marker and name ("施策展開の柱" /
 * "I C T を活用した" / "安全・安心な" / "まちづくり") before the real heading; both
 * normalise to the same name and become one part. Returns the last name block.
 */
function readPartName(ctx: PartContext, level: number): Block {
  const { cur, tiers } = ctx;
  const tier = tiers.headings[level] ?? '';
  const next = tiers.headings[level + 1] ?? tiers.program;
  cur.next(); // the tier marker
  let nameBlock = expectName(ctx, tier);
  const name = nameBlock.text;
  while (markerLevel(cur.peek(), ctx) === level) {
    const again = cur.peek(1);
    if (again === undefined) {
      cur.next();
      cur.fail(`「${tier}」の見出しの後に${tier}の名前`);
    }
    // A cover page repeats the same name (its line breaks may have left spaces); anything else means this part is empty.
    if (!isProse(again) || nameKey(again.text) !== nameKey(name)) {
      throw new ReportParseError(
        nameBlock.line,
        `${tier}「${name}」に内容（${ctx.profile.partNames.expertOpinion}と${next}）がありません（表紙なら、次の見出し「${isProse(again) ? again.text : ''}」と同じ名前のはずです）`,
      );
    }
    cur.next();
    nameBlock = cur.next();
  }
  return nameBlock;
}

/** The division's opinion under the name of a part above the last heading tier, when there is one. */
function readUpperDivisionOpinion(ctx: PartContext, tier: string, name: string): Pick<ParsedTierSection, 'divisionOpinionHeading' | 'divisionOpinion'> {
  const { cur, profile } = ctx;
  if (!isDivisionOpinionHeading(cur.peek(), profile)) return {};
  const divisionOpinionHeading = cur.next().text;
  const divisionOpinion = readParagraphs(
    cur.takeUntil((b) => endsPart(b, ctx)),
    divisionOpinionHeading,
    ctx,
  );
  if (divisionOpinion.length === 0) cur.fail(`${tier}「${name}」の「${divisionOpinionHeading}」の本文`);
  return { divisionOpinionHeading, divisionOpinion };
}

/** A part of heading tier `level` with everything below it. */
export function readPart(ctx: PartContext, scale: Scale, level: number): ParsedTierSection {
  const { cur, tiers, profile } = ctx;
  const tier = tiers.headings[level] ?? '';
  const nameBlock = readPartName(ctx, level);
  const name = nameBlock.text;
  const isLast = level === tiers.headings.length - 1;
  let expertOpinionHeading = '';
  let expertOpinion: ParsedParagraph[] = [];
  if (isExpertOpinionHeading(cur.peek(), profile)) {
    expertOpinionHeading = cur.next().text;
    // The opinion ends where the part's division opinion or (last heading tier) its table starts.
    expertOpinion = readParagraphs(
      cur.takeUntil((b) => endsPart(b, ctx) || isDivisionOpinionHeading(b, profile) || (isLast && b.kind === 'table')),
      expertOpinionHeading,
      ctx,
    );
    if (expertOpinion.length === 0) cur.fail(`${tier}「${name}」の「${expertOpinionHeading}」の本文`);
  }
  const base = { level, name, line: nameBlock.line, expertOpinionHeading, expertOpinion };
  if (isLast) return { ...base, sections: [], table: readTable(ctx, scale, name) };
  const division = readUpperDivisionOpinion(ctx, tier, name);
  const sections: ParsedTierSection[] = [];
  while (markerLevel(cur.peek(), ctx) === level + 1) sections.push(readPart(ctx, scale, level + 1));
  // A heading that skips a tier ("基本目標" then "基本施策" without "政策") stops here, at its line.
  if (sections.length === 0) cur.fail(`${tier}「${name}」の「${tiers.headings[level + 1] ?? ''}」の見出し`);
  return { ...base, ...division, sections };
}

/** A line that looks like a heading and is none the profile knows (nor a tier name). */
function isUnknownHeading(b: Block | undefined, ctx: ProseContext): b is Block {
  const { profile } = ctx;
  return (
    isProse(b) &&
    b.heading !== undefined &&
    markerLevel(b, ctx) === undefined &&
    !isExpertOpinionHeading(b, profile) &&
    !isNarrativeHeading(b, profile) &&
    !isDivisionOpinionHeading(b, profile) &&
    !isClosingHeading(b, profile)
  );
}

/**
 * Refuses a tier heading the tier sentence does not list: a heading line followed by a
 * name line and then what opens a part's content (an expert opinion, a table or a tier
 * heading). Without this check the two lines would read as a paragraph of the part
 * before and the parts after them would land under the wrong parent. A cover page
 * (tier heading, name lines, tier heading) never matches: its first line is a tier.
 */
function assertKnownTierHeadings(ctx: PartContext): void {
  const { cur, tiers, profile } = ctx;
  let previous: Block | undefined;
  for (let i = 0; cur.peek(i) !== undefined; i++) {
    const b = cur.peek(i);
    const name = cur.peek(i + 1);
    const after = cur.peek(i + 2);
    const opensContent = after !== undefined && (after.kind === 'table' || isExpertOpinionHeading(after, profile) || markerLevel(after, ctx) !== undefined);
    if (isUnknownHeading(b, ctx) && markerLevel(previous, ctx) === undefined && isUnknownHeading(name, ctx) && opensContent) {
      throw new ReportParseError(b.line, `「${b.text}」は階層の見出しとして読めません（この計画の見出しの階層: ${tiers.headings.join('、')}）`);
    }
    previous = b;
  }
}

/** Parts of the top tier until the end of the file, with at most one closing section among them. */
export function readBody(ctx: PartContext, scale: Scale): { sections: ParsedTierSection[]; closing?: ParsedSection } {
  const { cur, tiers, profile } = ctx;
  assertKnownTierHeadings(ctx);
  const sections: ParsedTierSection[] = [];
  let closing: ParsedSection | undefined;
  while (!cur.atEnd) {
    const b = cur.peek();
    if (isPillarMarker(b, ctx)) sections.push(readPart(ctx, scale, 0));
    else if (isClosingHeading(b, profile) && !closing) {
      const heading = cur.next().text;
      const body = cur.takeUntil((x) => isPillarMarker(x, ctx));
      closing = { heading, paragraphs: readParagraphs(body, heading, ctx) };
      if (closing.paragraphs.length === 0) cur.fail(`「${heading}」の本文`);
    } else cur.fail(`「${tiers.headings.join('」か「')}」の見出し`);
  }
  return { sections, ...(closing ? { closing } : {}) };
}
