/**
 * Matching names written in the narratives and footnotes to the items of a measure's
 * detail table: each department paragraph gets the item it is about, each footnote
 * the sub-items it lists.
 */
import { bigramCodes, diceFromCounts, nameKey, normalizeText, type TextParagraph } from '../normalize-text.js';
import { ReportParseError, type NarrativeTarget, type ParsedAnnotationFootnote, type ParsedNarrative, type ParsedProgram } from '../report-types.js';
import type { RawFootnote } from './prose.js';
import type { TierLayout } from './tiers.js';

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
export interface NameIndex {
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
export function itemIndex(programs: readonly ParsedProgram[]): NameIndex {
  const refs: ItemRef[] = [];
  const add = (target: NarrativeTarget, name: string, isProgram: boolean): void => {
    const key = nameKey(name);
    refs.push({ target, key, bigramCount: bigramCodes(key).size, isProgram });
  };
  programs.forEach((p, programIndex) => {
    add({ programIndex }, p.name, true);
    p.subItems.forEach((s, subItemIndex) => {
      add({ programIndex, subItemIndex }, s.name, false);
    });
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
export function attachNarratives(paragraphs: readonly TextParagraph[], index: NameIndex, measureName: string, tiers: TierLayout): ParsedNarrative[] {
  let previous: NarrativeTarget | undefined;
  return paragraphs.map((p) => {
    const subject = leadingSubject(p.text);
    const named: NarrativeTarget[] = [];
    for (const name of subject?.names ?? []) {
      const t = matchName(name, index);
      if (!t && subject?.quoted && subject.explicit) {
        throw new ReportParseError(
          p.line,
          `「${normalizeText(name)}」に当たる${tiers.program}・${tiers.subItem}が${tiers.measure}「${measureName}」の評価表にありません`,
        );
      }
      addTarget(named, t);
    }
    const target = named[0] ?? previous;
    if (!target) {
      throw new ReportParseError(
        p.line,
        `この段落がどの${tiers.program}についてのものか分かりません（${tiers.measure}「${measureName}」の回答の最初の段落は「${tiers.program}名」については…で始まる必要があります）`,
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
export function attachFootnote(
  note: RawFootnote,
  programs: readonly ParsedProgram[],
  index: NameIndex,
  measureName: string,
  tiers: TierLayout,
): ParsedAnnotationFootnote {
  const targets: NarrativeTarget[] = [];
  for (const item of note.items) {
    let target = matchName(item.name, index, (r) => !r.isProgram);
    if (!target) {
      const program = matchName(item.name, index, (r) => r.isProgram);
      const only = program && programs[program.programIndex]?.subItems.length === 1;
      target = program && only ? { programIndex: program.programIndex, subItemIndex: 0 } : program;
    }
    if (!target) throw new ReportParseError(item.line, `注記の対象「${normalizeText(item.name)}」が${tiers.measure}「${measureName}」の評価表にありません`);
    addTarget(targets, target);
  }
  return { mark: note.mark, meaning: note.meaning, targets, line: note.line };
}
