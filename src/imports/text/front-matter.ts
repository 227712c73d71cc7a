/**
 * Reader for everything between the guide heading (評価要領) and the first pillar: the
 * numbered guide sections, the criteria table (the scale), the plan-wide expert
 * opinion and the summary table.
 */
import { ReportParseError, type ParsedParagraph, type ParsedReport, type ParsedSection, type ParsedTablePlace } from '../report-types.js';
import type { Block } from './blocks.js';
import { guideSectionHeading, isExpertOpinionHeading } from './headings.js';
import { isPillarMarker, type PartContext } from './parts.js';
import { type ProseContext, proseAroundTables, toParagraphs } from './prose.js';
import { readScaleTable, type Scale } from './scale.js';
import { hasYearRow, readSummaryTable } from './summary-table.js';

export interface FrontMatter {
  guide: ParsedSection[];
  scale: Scale;
  planExpertOpinionHeading: string;
  planExpertOpinion: ParsedParagraph[];
  planExpertOpinionTables: ParsedTablePlace[];
  reportedSummary: ParsedReport['reportedSummary'];
}

/**
 * Splits the guide blocks into numbered sections. The criteria table is left out of
 * the paragraphs: the scale holds it as data.
 */
function guideSections(blocks: readonly Block[], ctx: ProseContext): ParsedSection[] {
  const sections: { heading: string; blocks: Block[] }[] = [];
  for (const b of blocks) {
    const heading = guideSectionHeading(b, ctx.profile);
    if (heading !== undefined) {
      sections.push({ heading, blocks: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: '', blocks: [] });
    sections[sections.length - 1]?.blocks.push(b);
  }
  return sections.map((s) => {
    const { paragraphs, tables } = proseAroundTables(s.blocks, ctx.profile.partNames.guide, ctx, tableKind);
    return { heading: s.heading, paragraphs: toParagraphs(paragraphs), ...(tables.length > 0 ? { tables } : {}) };
  });
}

const tableKind = (t: Block): ParsedTablePlace['table'] => (hasYearRow(t) ? 'summary' : 'criteria');

/** The criteria table (no year row) and the summary table (the other one); any third table is an error. */
function readTables(tables: readonly Block[], guideText: string, guideHeading: Block, ctx: PartContext): Pick<FrontMatter, 'scale' | 'reportedSummary'> {
  const scaleTable = tables.find((t) => !hasYearRow(t));
  if (!scaleTable) throw new ReportParseError(guideHeading.line, `${ctx.profile.partNames.guide}に評点と評価基準の表（評点 | 評価基準）がありません`);
  const scale = readScaleTable(scaleTable, guideText, ctx.profile);
  const summaryTables = tables.filter((t) => t !== scaleTable);
  const summaryTable = summaryTables[0];
  if (!summaryTable) {
    throw new ReportParseError(ctx.cur.peek()?.line ?? ctx.cur.eofLine, `最初の${ctx.tiers.headings[0] ?? ''}の前に評価の集計表（評価 × 年度）が必要です`);
  }
  const extra = summaryTables[1];
  if (extra)
    throw new ReportParseError(
      extra.line,
      `この表が何の表か分かりません（${ctx.profile.partNames.guide}と${ctx.profile.partNames.planWideOpinion}に置ける表は評価基準の表と集計表だけです）`,
    );
  return { scale, reportedSummary: readSummaryTable(summaryTable, scale, ctx.profile) };
}

/**
 * The plan-wide part starts at its title line ("茅ヶ崎市地域情報化計画全体") followed by
 * the expert-opinion heading; its "表：…" caption is dropped (the summary keeps the data).
 */
export function readFrontMatter(ctx: PartContext, guideHeading: Block): FrontMatter {
  const { cur, tiers, profile } = ctx;
  const isExpertHeading = (b: Block | undefined): boolean => isExpertOpinionHeading(b, profile);
  // The plan-wide part opens with its title line when the line after it is the
  // expert-opinion heading (takeUntil tests the block at peek(), so peek(1) follows it).
  const opensPlanWide = (b: Block): boolean => isExpertHeading(b) || (b.heading !== undefined && isExpertHeading(cur.peek(1)));
  const guideBlocks = cur.takeUntil((b) => opensPlanWide(b) || isPillarMarker(b, ctx));
  if (!isExpertHeading(cur.peek()) && isExpertHeading(cur.peek(1))) {
    cur.next(); // "茅ヶ崎市地域情報化計画全体": implied by the plan name, not stored
  }
  let planExpertOpinionHeading = '';
  if (isExpertHeading(cur.peek())) planExpertOpinionHeading = cur.next().text;
  const planBlocks = cur.takeUntil((b) => isPillarMarker(b, ctx));
  if (cur.atEnd) cur.fail(`「${tiers.headings[0] ?? ''}」の見出し`);

  const guide = guideSections(guideBlocks, ctx);
  const guideText = guide.flatMap((s) => s.paragraphs.map((p) => p.text)).join('');
  const tables = [...guideBlocks, ...planBlocks].filter((b) => b.kind === 'table');
  const { scale, reportedSummary } = readTables(tables, guideText, guideHeading, ctx);

  // The summary table sits between paragraphs: the data is kept apart, its place and caption with the text.
  const planWide = proseAroundTables(planBlocks, planExpertOpinionHeading || profile.partNames.planWideOpinion, ctx, tableKind);
  return {
    guide,
    scale,
    planExpertOpinionHeading,
    planExpertOpinion: toParagraphs(planWide.paragraphs),
    planExpertOpinionTables: planWide.tables,
    reportedSummary,
  };
}
