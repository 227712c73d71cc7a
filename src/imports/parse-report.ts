/**
 * Parser for the text of a published evaluation report (事務事業進捗状況評価結果報告書),
 * as extracted from PDF: one paragraph or heading per line, blank lines between them,
 * tables as tab-separated rows. Pure: text in, ParsedReport out, ReportParseError on
 * anything it cannot read. Cross-checks between the printed summary and the detail
 * tables are the caller's job.
 *
 * This is the orchestrator; each part has its reader in text/, and the city's
 * wording (headings, role names, the tier sentence, plan-fact phrases) is the
 * TextProfile passed in (text/profile.ts, the sample city's by default).
 *
 * The document, top to bottom (names in brackets come from the text itself):
 *   title lines          令和4年度 / 計画名 / …報告書 / (最終評価)            text/title.ts
 *   評価要領             numbered sections "1 …"; the tier sentence;           text/front-matter.ts,
 *                        the 評点/評価基準 table                               text/tiers.ts, text/scale.ts
 *   plan-wide opinion    "…全体" / "進捗に係る学識経験者意見" / paragraphs     text/front-matter.ts,
 *                        + summary table                                      text/summary-table.ts
 *   per heading tier     [tier k] / name (a cover page may repeat marker + name) /
 *   above the last       optional expert-opinion and division-opinion headings / paragraphs /
 *                        the parts of tier k+1                                text/parts.ts
 *   per last-heading     [tier] / name / optional expert opinion /
 *   part                 rating table (may be split by page breaks) /
 *                        "事務事業のR4年度進捗（各課かい回答まとめ）" / paragraphs /
 *                        optional "※…・・・" footnote with its items /
 *                        "進捗に関する意見（…）" / paragraphs                  text/parts.ts, text/rating-table.ts,
 *                                                                             text/prose.ts, text/name-matching.ts
 *   closing              "○…" / paragraphs                                    text/parts.ts
 *   plan facts in prose  predecessor, period, extensions, rounds, successor   text/plan-facts.ts
 */
import { endsSentence } from './normalize-text.js';
import { ReportParseError, type ParsedReport } from './report-types.js';
import { assertReadableText, Cursor, isProse, lastLineOf, splitLines, toBlocks } from './text/blocks.js';
import { readFrontMatter } from './text/front-matter.js';
import { readBody } from './text/parts.js';
import { readAnnotationKinds, readPlanFacts } from './text/plan-facts.js';
import { defaultTextProfile, type TextProfile } from './text/profile.js';
import { readTierLayout } from './text/tiers.js';
import { readTitle } from './text/title.js';

/**
 * Parses the text of an evaluation report. Throws ReportParseError (with the 1-based
 * line) when the text is empty, binary, truncated or malformed.
 */
export function parseReport(text: string, profile: TextProfile = defaultTextProfile): ParsedReport {
  const lines = splitLines(text);
  assertReadableText(lines);
  const blocks = toBlocks(lines);
  if (blocks.length === 0) throw new ReportParseError(0, 'ファイルが空です（空白だけのファイルです）');
  // Errors about a missing part point at the last non-blank line.
  const lastBlock = blocks[blocks.length - 1];
  const cur = new Cursor(blocks, lastBlock ? lastLineOf(lastBlock) : lines.length);

  const titleBlocks = cur.takeUntil((b) => isProse(b) && profile.guideHeadings.has(b.text));
  if (cur.atEnd) throw new ReportParseError(titleBlocks[0]?.line ?? 1, `評価報告書として読めません（「${profile.partNames.guide}」の見出しがありません）`);
  if (titleBlocks.length === 0)
    throw new ReportParseError(cur.peek()?.line ?? 1, `表題（年度・計画名・報告書名）が「${profile.partNames.guide}」の前に必要です`);
  const title = readTitle(titleBlocks, profile);
  const guideHeading = cur.next();

  // The tier names decide which lines are headings of which tier, so they are read
  // before walking the structure.
  const tiers = readTierLayout(blocks, profile, guideHeading.line);
  const ctx = { cur, profile, tiers };
  const front = readFrontMatter(ctx, guideHeading);
  const { sections, closing } = readBody(ctx, front.scale);

  // A document cut in the middle of a sentence looks complete to the structure walk.
  if (lastBlock && lastBlock.kind === 'prose' && !endsSentence(lastBlock.text) && !profile.documentEnd.test(lastBlock.text)) {
    throw new ReportParseError(lastLineOf(lastBlock), 'ファイルが文の途中で終わっています（途中で切れている可能性があります）');
  }

  const planSources = { guide: front.guide, planOpinion: front.planExpertOpinion, closing };
  return {
    fiscalYear: title.fiscalYear,
    roundKind: title.roundKind,
    reportTitle: title.reportTitle,
    plan: readPlanFacts(title, tiers.names, planSources, guideHeading.line, profile),
    guide: front.guide,
    scale: { name: front.scale.name, codes: front.scale.codes },
    annotationKinds: readAnnotationKinds(sections, front.guide, profile),
    planExpertOpinionHeading: front.planExpertOpinionHeading,
    planExpertOpinion: front.planExpertOpinion,
    planExpertOpinionTables: front.planExpertOpinionTables,
    reportedSummary: front.reportedSummary,
    sections,
    ...(closing ? { closing } : {}),
  };
}
