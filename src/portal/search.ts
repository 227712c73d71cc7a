/**
 * Japanese search over item names and published narratives.
 *
 * Both sides are normalised the same way — NFKC (full-width ＡＢＣ/１２３ and
 * half-width ｶﾀｶﾅ become one form), lower case, whitespace removed (PDF extraction
 * writes "I C T" for "ICT") — and matched as substrings. A map from normalised to
 * original offsets lets the result highlight the exact original text.
 * It runs over the in-memory public dataset, so it behaves the same on PGlite and
 * PostgreSQL and can never see unpublished data.
 */
import type { PublicDataset, PublicItem, PublicNarrative } from './public-data.js';

export interface NormalisedText {
  text: string;
  /** For each character of `text`, its start offset in the original string. */
  starts: number[];
  /** For each character of `text`, its end offset (exclusive) in the original string. */
  ends: number[];
}

/** Normalises character by character so offsets can be mapped back. */
export function normaliseForSearch(original: string): NormalisedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of original) {
    const end = i + ch.length;
    const n = ch.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
    for (const part of n) {
      text += part;
      starts.push(i);
      ends.push(end);
    }
    i = end;
  }
  // Half-width katakana with a separate (semi-)voiced mark (ｶﾞ) only composes across
  // two characters: fold the pair into one so "ガ" matches "ｶﾞ".
  const composed = text.normalize('NFC');
  if (composed.length !== text.length) return recompose(text, starts, ends);
  return { text, starts, ends };
}

function recompose(text: string, starts: number[], ends: number[]): NormalisedText {
  let out = '';
  const s: number[] = [];
  const e: number[] = [];
  const chars = [...text];
  for (let k = 0; k < chars.length; k++) {
    const pair = k + 1 < chars.length ? (chars[k]! + chars[k + 1]!).normalize('NFC') : '';
    if (pair.length === 1) {
      out += pair;
      s.push(starts[k]!);
      e.push(ends[k + 1]!);
      k++;
    } else {
      out += chars[k]!;
      s.push(starts[k]!);
      e.push(ends[k]!);
    }
  }
  return { text: out, starts: s, ends: e };
}

export function normaliseQuery(query: string): string {
  return normaliseForSearch(query).text;
}

/** A piece of text with the matched parts marked, for rendering. */
export interface Fragment {
  text: string;
  match: boolean;
}

/** Finds every occurrence of the normalised query; returns highlight fragments of the original. */
export function highlight(original: string, normalisedQuery: string): Fragment[] | undefined {
  if (normalisedQuery === '') return undefined;
  const n = normaliseForSearch(original);
  const spans: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = n.text.indexOf(normalisedQuery, from);
    if (at < 0) break;
    spans.push([n.starts[at]!, n.ends[at + normalisedQuery.length - 1]!]);
    from = at + normalisedQuery.length;
  }
  if (spans.length === 0) return undefined;
  const out: Fragment[] = [];
  let pos = 0;
  for (const [s, e] of spans) {
    if (s > pos) out.push({ text: original.slice(pos, s), match: false });
    out.push({ text: original.slice(s, e), match: true });
    pos = e;
  }
  if (pos < original.length) out.push({ text: original.slice(pos), match: false });
  return out;
}

/** Shortens long text around the first match, keeping `context` characters on each side. */
export function excerpt(fragments: Fragment[], context = 60): Fragment[] {
  const firstMatch = fragments.findIndex((f) => f.match);
  const out: Fragment[] = [];
  fragments.forEach((f, i) => {
    if (f.match) out.push(f);
    else if (i < firstMatch) out.push({ text: f.text.length > context ? `…${f.text.slice(-context)}` : f.text, match: false });
    else {
      const budget = i === fragments.length - 1 ? context : context * 2;
      out.push({ text: f.text.length > budget ? `${f.text.slice(0, context)}…` : f.text, match: false });
    }
  });
  return out;
}

export interface SearchHit {
  item: PublicItem;
  /** The item name, highlighted when the name matched. */
  name: Fragment[];
  /** Narratives that matched, with highlighted excerpts. */
  narratives: { narrative: PublicNarrative; excerpt: Fragment[] }[];
}

export const MAX_QUERY_LENGTH = 100;

/**
 * Items whose name matches, and items a matching narrative is about (the narrative's
 * own item, or each item it mentions); plan-wide narratives count for no item and are
 * returned separately. Document order.
 */
export function searchDataset(
  data: PublicDataset,
  query: string,
): { hits: SearchHit[]; planNarratives: { narrative: PublicNarrative; excerpt: Fragment[] }[] } {
  const q = normaliseQuery(query.slice(0, MAX_QUERY_LENGTH));
  if (q === '') return { hits: [], planNarratives: [] };
  const byCode = new Map<string, SearchHit>();
  const hitFor = (item: PublicItem): SearchHit => {
    let hit = byCode.get(item.code);
    if (!hit) {
      hit = { item, name: [{ text: item.name, match: false }], narratives: [] };
      byCode.set(item.code, hit);
    }
    return hit;
  };
  for (const item of data.items) {
    const h = highlight(item.name, q);
    if (h) hitFor(item).name = h;
  }
  const planNarratives: { narrative: PublicNarrative; excerpt: Fragment[] }[] = [];
  for (const narrative of data.narratives) {
    const h = highlight(narrative.body, q);
    if (!h) continue;
    const entry = { narrative, excerpt: excerpt(h) };
    const codes = [...(narrative.itemCode ? [narrative.itemCode] : []), ...narrative.mentionCodes];
    if (codes.length === 0) planNarratives.push(entry);
    for (const code of codes) {
      const item = data.itemsByCode.get(code);
      if (item) hitFor(item).narratives.push(entry);
    }
  }
  const hits = [...byCode.values()].sort((a, b) => a.item.order - b.item.order);
  return { hits, planNarratives };
}
