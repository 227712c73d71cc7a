/**
 * Readers for the parts below the front matter, in document order: a pillar (top
 * heading tier) with its expert opinion, its measures (second heading tier) each with
 * detail table, department narratives, footnotes and division opinion, and the
 * closing section.
 */
import { nameKey } from '../normalize-text.js';
import { ReportParseError, type ParsedMeasure, type ParsedParagraph, type ParsedPillar, type ParsedSection } from '../report-types.js';
import { type Block, type Cursor, isProse } from './blocks.js';
import { isClosingHeading, isDivisionOpinionHeading, isExpertOpinionHeading, isNarrativeHeading } from './headings.js';
import { attachFootnote, attachNarratives, itemIndex } from './name-matching.js';
import { type ProseContext, readParagraphs, readProse, toParagraphs } from './prose.js';
import { readRatingTable } from './rating-table.js';
import type { Scale } from './scale.js';

export interface PartContext extends ProseContext {
  cur: Cursor;
}

/** The heading line of the top tier ("施策展開の柱"), as named in the tier sentence. */
export function isPillarMarker(b: Block | undefined, ctx: ProseContext): boolean {
  return isProse(b) && b.text === ctx.tiers.pillar;
}

/** The heading line of the second tier ("施策"). */
function isMeasureMarker(b: Block | undefined, ctx: ProseContext): boolean {
  return isProse(b) && b.text === ctx.tiers.measure;
}

function endsMeasure(b: Block, ctx: ProseContext): boolean {
  return isPillarMarker(b, ctx) || isMeasureMarker(b, ctx) || isClosingHeading(b, ctx.profile);
}

/** The name after a tier marker: the next prose block, joined if broken over lines. */
function expectName(ctx: PartContext, tier: string): Block {
  const b = ctx.cur.peek();
  const { profile } = ctx;
  const isStructural =
    !isProse(b) ||
    isPillarMarker(b, ctx) ||
    isMeasureMarker(b, ctx) ||
    isExpertOpinionHeading(b, profile) ||
    isNarrativeHeading(b, profile) ||
    isDivisionOpinionHeading(b, profile);
  if (isStructural) ctx.cur.fail(`「${tier}」の見出しの後に${tier}の名前`);
  return ctx.cur.next();
}

function readMeasure(ctx: PartContext, scale: Scale): ParsedMeasure {
  const { cur, tiers, profile } = ctx;
  const tier = tiers.measure;
  cur.next(); // the tier marker
  const nameBlock = expectName(ctx, tier);
  const name = nameBlock.text;
  const tableBlocks = cur.takeUntil((b) => b.kind !== 'table');
  if (tableBlocks.length === 0) cur.fail(`${tier}「${name}」の評価表（${tiers.program}名, ${tiers.subItem}名, 年度…）`);
  const { fiscalYears, programs } = readRatingTable(tableBlocks, scale, tiers);

  if (!isNarrativeHeading(cur.peek(), profile)) cur.fail(`${tier}「${name}」の評価表の後に${profile.partNames.departmentNarrative}の見出し`);
  const narrativeHeading = cur.next();
  const narrativeBlocks = cur.takeUntil((b) => isDivisionOpinionHeading(b, profile) || endsMeasure(b, ctx));
  const narrativeProse = readProse(narrativeBlocks, narrativeHeading.text, ctx);
  if (narrativeProse.paragraphs.length === 0) cur.fail(`${tier}「${name}」の「${narrativeHeading.text}」の本文`);

  if (!isDivisionOpinionHeading(cur.peek(), profile)) cur.fail(`${tier}「${name}」の${profile.partNames.divisionOpinion}の見出し`);
  const divisionHeading = cur.next();
  const divisionBlocks = cur.takeUntil((b) => endsMeasure(b, ctx));
  const divisionProse = readProse(divisionBlocks, divisionHeading.text, ctx);
  if (divisionProse.paragraphs.length === 0) cur.fail(`${tier}「${name}」の「${divisionHeading.text}」の本文`);

  const index = itemIndex(programs);
  const footnotes = [...narrativeProse.footnotes, ...divisionProse.footnotes].map((n) => attachFootnote(n, programs, index, name, tiers));
  return {
    name,
    line: nameBlock.line,
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
 * The pillar's name. Its cover page repeats the marker and name ("施策展開の柱" /
 * "I C T を活用した" / "安全・安心な" / "まちづくり") before the real heading; both
 * normalise to the same name and become one pillar. Returns the last name block.
 */
function readPillarName(ctx: PartContext): Block {
  const { cur, tiers, profile } = ctx;
  cur.next(); // the tier marker
  let nameBlock = expectName(ctx, tiers.pillar);
  const name = nameBlock.text;
  while (isPillarMarker(cur.peek(), ctx)) {
    const again = cur.peek(1);
    if (again === undefined) {
      cur.next();
      cur.fail(`「${tiers.pillar}」の見出しの後に${tiers.pillar}の名前`);
    }
    // A cover page repeats the same name (its line breaks may have left spaces); anything else means this pillar is empty.
    if (!isProse(again) || nameKey(again.text) !== nameKey(name)) {
      throw new ReportParseError(
        nameBlock.line,
        `${tiers.pillar}「${name}」に内容（${profile.partNames.expertOpinion}と${tiers.measure}）がありません（表紙なら、次の見出し「${isProse(again) ? again.text : ''}」と同じ名前のはずです）`,
      );
    }
    cur.next();
    nameBlock = cur.next();
  }
  return nameBlock;
}

export function readPillar(ctx: PartContext, scale: Scale): ParsedPillar {
  const { cur, tiers, profile } = ctx;
  const nameBlock = readPillarName(ctx);
  const name = nameBlock.text;
  let expertOpinionHeading = '';
  let expertOpinion: ParsedParagraph[] = [];
  if (isExpertOpinionHeading(cur.peek(), profile)) {
    expertOpinionHeading = cur.next().text;
    expertOpinion = readParagraphs(
      cur.takeUntil((b) => endsMeasure(b, ctx)),
      expertOpinionHeading,
      ctx,
    );
    if (expertOpinion.length === 0) cur.fail(`${tiers.pillar}「${name}」の「${expertOpinionHeading}」の本文`);
  }
  const measures: ParsedMeasure[] = [];
  while (isMeasureMarker(cur.peek(), ctx)) measures.push(readMeasure(ctx, scale));
  if (measures.length === 0) cur.fail(`${tiers.pillar}「${name}」の「${tiers.measure}」の見出し`);
  return { name, line: nameBlock.line, expertOpinionHeading, expertOpinion, measures };
}

/** Pillars until the end of the file, with at most one closing section among them. */
export function readBody(ctx: PartContext, scale: Scale): { pillars: ParsedPillar[]; closing?: ParsedSection } {
  const { cur, tiers, profile } = ctx;
  const pillars: ParsedPillar[] = [];
  let closing: ParsedSection | undefined;
  while (!cur.atEnd) {
    const b = cur.peek();
    if (isPillarMarker(b, ctx)) pillars.push(readPillar(ctx, scale));
    else if (isClosingHeading(b, profile) && !closing) {
      const heading = cur.next().text;
      const body = cur.takeUntil((x) => isPillarMarker(x, ctx));
      closing = { heading, paragraphs: readParagraphs(body, heading, ctx) };
      if (closing.paragraphs.length === 0) cur.fail(`「${heading}」の本文`);
    } else cur.fail(`「${tiers.pillar}」か「${tiers.measure}」の見出し`);
  }
  return { pillars, ...(closing ? { closing } : {}) };
}
