/**
 * Reader for the plan facts written in prose: in the guide (評価要領 1), the
 * plan-wide opinion and the closing section; and for the annotation kinds the
 * footnotes and the guide explain.
 */
import {
  ReportParseError,
  type ParsedDesignation,
  type ParsedParagraph,
  type ParsedPeriodExtension,
  type ParsedReport,
  type ParsedSection,
  type ParsedTierSection,
  tableSections,
} from '../report-types.js';
import type { TextProfile } from './profile.js';
import type { TitleFacts } from './title.js';
import { roundKindOf } from './title.js';
import { fiscalYearAt, sentences, termBefore, YEAR_LABEL } from './years.js';

interface SentenceAt {
  text: string;
  line: number;
}

function sentencesOf(paragraphs: readonly ParsedParagraph[]): SentenceAt[] {
  return paragraphs.flatMap((p) => sentences(p.text).map((text) => ({ text, line: p.line })));
}

function find(list: readonly SentenceAt[], re: RegExp): { m: RegExpExecArray; at: SentenceAt } | undefined {
  for (const at of list) {
    const m = re.exec(at.text);
    if (m) return { m, at };
  }
  return undefined;
}

/** The year a sentence opens its action with: "令和2年度には…" → 令和2年度. */
function decidedYear(sentence: string, line: number, profile: TextProfile): number | undefined {
  const label = profile.planFacts.decidedIn.exec(sentence)?.[1];
  return label === undefined ? undefined : fiscalYearAt(label, line);
}

/** Extensions (計画期間をN年延長 / …年度まで延長) and designations (…として位置付け). */
function extensionsAndDesignations(
  guideSentences: readonly SentenceAt[],
  endFiscalYear: number,
  profile: TextProfile,
): { extensions: ParsedPeriodExtension[]; designations: ParsedDesignation[] } {
  const { extendedBy, extendedUntil, designation } = profile.planFacts;
  const extensions: ParsedPeriodExtension[] = [];
  const designations: ParsedDesignation[] = [];
  for (const s of guideSentences) {
    const byYears = extendedBy.exec(s.text);
    const until = extendedUntil.exec(s.text);
    if (byYears || until) {
      const from = extensions[extensions.length - 1]?.toEndFiscalYear ?? endFiscalYear;
      const to = until ? fiscalYearAt(until[1] ?? '', s.line) : from + Number((byYears?.[1] ?? '0').normalize('NFKC'));
      const decided = decidedYear(s.text, s.line, profile);
      extensions.push({ fromEndFiscalYear: from, toEndFiscalYear: to, ...(decided !== undefined ? { decidedFiscalYear: decided } : {}), reason: s.text });
    }
    for (const m of s.text.matchAll(designation)) {
      const name = termBefore(s.text, m.index);
      if (!name) continue;
      const from = decidedYear(s.text, s.line, profile);
      designations.push({ name, ...(from !== undefined ? { fromFiscalYear: from } : {}) });
    }
  }
  return { extensions, designations };
}

/**
 * Earlier rounds (…年度に中間評価を実施), except the report's own; the coverage of a
 * round (…年度までの内容を中間評価) may be in the expert's text.
 */
function earlierRounds(guideSentences: readonly SentenceAt[], coverageSentences: readonly SentenceAt[], title: TitleFacts, profile: TextProfile) {
  const rounds: ParsedReport['plan']['earlierRounds'] = [];
  for (const s of guideSentences) {
    for (const m of s.text.matchAll(profile.planFacts.roundHeld)) {
      const fiscalYear = fiscalYearAt(m[1] ?? '', s.line);
      const word = m[2] ?? '';
      const kind = roundKindOf(word, profile);
      if (fiscalYear === title.fiscalYear && kind === title.roundKind) continue;
      if (rounds.some((r) => r.fiscalYear === fiscalYear && r.kind === kind)) continue;
      const covers = find(coverageSentences, new RegExp(`(${YEAR_LABEL})${profile.planFacts.roundCoverageLink}${word}`));
      const coversUntil = covers ? fiscalYearAt(covers.m[1] ?? '', covers.at.line) : undefined;
      rounds.push({ fiscalYear, kind, ...(coversUntil !== undefined ? { coversUntilFiscalYear: coversUntil } : {}) });
    }
  }
  return rounds;
}

/**
 * Plan facts: predecessor (「…」の後継), adoption (…年度に策定), period (…年度から…年度
 * まで), extensions, designations, earlier rounds; the successor is "…以降…「名前」に
 * 基づ…" in the closing section or the plan-wide opinion.
 */
export function readPlanFacts(
  title: TitleFacts,
  tiers: string[],
  sources: { guide: readonly ParsedSection[]; planOpinion: readonly ParsedParagraph[]; closing: ParsedSection | undefined },
  guideLine: number,
  profile: TextProfile,
): ParsedReport['plan'] {
  const facts = profile.planFacts;
  const guideSentences = sentencesOf(sources.guide.flatMap((s) => s.paragraphs));
  const predecessor = find(guideSentences, facts.predecessor);
  const adopted = find(guideSentences, facts.adopted);
  const period = find(guideSentences, facts.period);
  if (!period) throw new ReportParseError(guideLine, `${profile.partNames.guide}に計画期間（例: 平成28年度から令和2年度まで）がありません`);
  const startFiscalYear = fiscalYearAt(period.m[1] ?? '', period.at.line);
  const endFiscalYear = fiscalYearAt(period.m[2] ?? '', period.at.line);
  const { extensions, designations } = extensionsAndDesignations(guideSentences, endFiscalYear, profile);
  const planOpinionSentences = sentencesOf(sources.planOpinion);
  const rounds = earlierRounds(guideSentences, [...guideSentences, ...planOpinionSentences], title, profile);

  const successorSources = [...sentencesOf(sources.closing?.paragraphs ?? []), ...planOpinionSentences];
  let successor: ReturnType<typeof find>;
  for (const re of facts.successor) successor ??= find(successorSources, re);

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
    earlierRounds: rounds,
  };
}

/**
 * Annotation kinds from the footnotes ("※" + meaning). A mark used in a rating cell
 * but never explained in a footnote gets its meaning from the guide sentence that
 * introduces it ("…ものがあります。これらは※印にて注釈をつけております。").
 */
export function readAnnotationKinds(
  sections: readonly ParsedTierSection[],
  guide: readonly ParsedSection[],
  profile: TextProfile,
): { mark: string; meaning: string }[] {
  const kinds: { mark: string; meaning: string }[] = [];
  const measures = tableSections(sections).map((t) => t.table);
  for (const f of measures.flatMap((m) => m.annotationFootnotes)) {
    if (!kinds.some((k) => k.mark === f.mark && k.meaning === f.meaning)) kinds.push({ mark: f.mark, meaning: f.meaning });
  }
  const usedMarks = new Set(measures.flatMap((m) => m.programs.flatMap((p) => p.subItems.flatMap((s) => s.ratings.flatMap((r) => r.marks)))));
  const guideSentences = sentences(guide.flatMap((s) => s.paragraphs.map((p) => p.text)).join(''));
  const { markSuffix, refersBack } = profile.annotations;
  for (const mark of usedMarks) {
    if (kinds.some((k) => k.mark === mark)) continue;
    const at = guideSentences.findIndex((s) => s.includes(`${mark}${markSuffix}`));
    const intro = at > 0 && refersBack.test(guideSentences[at] ?? '') ? guideSentences[at - 1] : guideSentences[at];
    kinds.push({ mark, meaning: intro ?? '' });
  }
  return kinds;
}
