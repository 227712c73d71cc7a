/**
 * Text clean-up for reports extracted from PDF.
 *
 * PDF extraction scatters spaces through Japanese text ("I C T", "令和 4 年度",
 * "市公式 LINE アカウント"), leaves markdown bold markers around names and breaks
 * paragraphs and headings at page and line ends. Everything here is lossless except
 * for whitespace and the "**" markers: characters are never dropped or invented.
 */

/**
 * Characters treated as CJK for spacing purposes: CJK punctuation (、。「」（）…),
 * kana, ideographs and the fullwidth forms. U+3000 (ideographic space) is a space,
 * not a character, so the range starts at U+3001.
 */
const CJK_CLASS =
  '\\u2E80-\\u2FFF\\u3001-\\u303F\\u3040-\\u30FF\\u3100-\\u31FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF01-\\uFF60\\uFFE0-\\uFFEF';
const SPACE_CLASS = ' \\t\\n\\r\\f\\v\\u00A0\\u3000';

const BOLD_MARKERS = /\*\*/g;
/**
 * A run of at least two single ASCII letters separated by single spaces: "I C T",
 * "d e" in "まっぷd eちがさき". Each letter must stand alone (no ASCII letter or digit
 * glued to it), so "Web API" or "a B2" are left as they are.
 */
const SPACED_LETTERS = /(?<![A-Za-z0-9])[A-Za-z](?: [A-Za-z](?![A-Za-z0-9]))+/g;
const SPACE_NEXT_TO_CJK = new RegExp(`[${SPACE_CLASS}]+(?=[${CJK_CLASS}])|(?<=[${CJK_CLASS}])[${SPACE_CLASS}]+`, 'g');
const SPACE_RUN = new RegExp(`[${SPACE_CLASS}]+`, 'g');
/** Kana and ideographs (not punctuation): a single space between two of them is written on purpose. */
const CJK_LETTER = /[\u3040-\u309F\u30A1-\u30FA\u30FC-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`);
const NEEDS_WORK = new RegExp(`[${SPACE_CLASS}*]`);

/** True when the character is Japanese/CJK text or fullwidth punctuation. */
export function isCjkChar(ch: string): boolean {
  return CJK_CHAR.test(ch);
}

/**
 * Normalises one piece of text:
 * - strips markdown bold markers ("**名前**" → "名前");
 * - collapses spaced-out single letters ("I C T" → "ICT", "まっぷd eちがさき" → "まっぷdeちがさき");
 * - removes whitespace next to a CJK character or fullwidth punctuation on either side
 *   ("令和 4 年度" → "令和4年度", "Youtube で" → "Youtubeで"); in normalizeSentence,
 *   one space between two kana or kanji stays: in running sentences extraction noise
 *   sits next to Latin letters, digits and line ends, while a space between two words
 *   of Japanese is the author's ("文教大学 情報学部", "池辺 正典 教授"). Headings and
 *   names drop it: there it is the layout of a cover page ("つながる まち");
 * - collapses other whitespace runs to one space ("Web  API" → "Web API") and trims.
 */
export function normalizeText(input: string): string {
  return normalize(input, false);
}

/** normalizeText for a running sentence: one space between two words of Japanese stays. */
export function normalizeSentence(input: string): string {
  return normalize(input, true);
}

function normalize(input: string, keepWordSpaces: boolean): string {
  // Fast path: most table cells and many lines have nothing to clean.
  if (!NEEDS_WORK.test(input)) return input;
  return input
    .replace(BOLD_MARKERS, '')
    .replace(SPACED_LETTERS, (run) => run.replace(/ /g, ''))
    .replace(SPACE_NEXT_TO_CJK, (space: string, at: number, text: string) => (keepWordSpaces ? keepWordSpace(space, at, text) : ''))
    .replace(SPACE_RUN, ' ')
    .trim();
}

function keepWordSpace(space: string, at: number, text: string): string {
  const single = space === ' ' || space === '\u3000';
  return single && CJK_LETTER.test(text[at - 1] ?? '') && CJK_LETTER.test(text[at + 1] ?? '') ? space : '';
}

/**
 * Joins the lines of a heading broken over several lines (pillar cover pages:
 * "I C T を活用した" / "安全・安心な" / "まちづくり") without separators, then normalises;
 * a finished sentence keeps its word spaces (see normalizeText).
 */
export function joinBrokenLines(lines: readonly string[]): string {
  const joined = lines.map((l) => l.trim()).join('');
  return endsSentence(joined) ? normalizeSentence(joined) : normalizeText(joined);
}

/**
 * Does the paragraph end like a finished sentence? Used to detect paragraphs split
 * by a page break. A closing bracket counts: a paragraph may end with 」 or ）.
 * "・・・", "…" and "：" introduce a list, so they do not end a sentence.
 */
export function endsSentence(text: string): boolean {
  return /[。．.！？!?」』）)】］\]]$/.test(text.trimEnd());
}

export interface TextParagraph {
  text: string;
  /** 1-based line where the paragraph starts. */
  line: number;
}

/**
 * Joins paragraphs that a page break split in two: a paragraph that does not end a
 * sentence continues in the next one. Nothing is inserted at the join
 * ("…作成を行" + "った（…）。", "各シ" + "システムを…"). The caller passes only
 * consecutive prose paragraphs of one section, never headings or table rows.
 */
export function joinPageBreaks(paragraphs: readonly TextParagraph[]): TextParagraph[] {
  const out: TextParagraph[] = [];
  for (const p of paragraphs) {
    if (p.text === '') continue;
    const prev = out[out.length - 1];
    if (prev && !endsSentence(prev.text)) prev.text = normalizeSentence(prev.text + p.text);
    else out.push({ text: p.text, line: p.line });
  }
  return out;
}

/**
 * Splits plain text into normalised paragraphs (blank-line separated; lines inside a
 * paragraph are joined without separators) and joins page-break splits.
 * `firstLine` is the 1-based number of the first line of `text`.
 */
export function splitParagraphs(text: string, firstLine = 1): TextParagraph[] {
  const raw: TextParagraph[] = [];
  let current: string[] = [];
  let start = firstLine;
  const lines = text.split(/\r\n|\r|\n/);
  const flush = (): void => {
    if (current.length > 0) raw.push({ text: joinBrokenLines(current), line: start });
    current = [];
  };
  lines.forEach((line, i) => {
    if (normalizeText(line) === '') {
      flush();
      return;
    }
    if (current.length === 0) start = firstLine + i;
    current.push(line);
  });
  flush();
  return joinPageBreaks(raw);
}

/**
 * Key for comparing item names: normalised, without 「」 quotes, without any
 * whitespace, with fullwidth ASCII folded (ＩＣＴ → ICT).
 */
export function nameKey(name: string): string {
  return normalizeText(name)
    .normalize('NFKC')
    .replace(/[「」『』]/g, '')
    .replace(/\s+/g, '');
}

const CODE_POINTS = 0x110000;

/**
 * The distinct character bigrams of a string, each as one number (two code points),
 * so names can be indexed and compared without building substrings.
 */
export function bigramCodes(s: string): Set<number> {
  const codes = new Set<number>();
  let prev: number | undefined;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (prev !== undefined) codes.add(prev * CODE_POINTS + cp);
    prev = cp;
  }
  return codes;
}

/** Dice coefficient from the sizes of two bigram sets and their intersection. */
export function diceFromCounts(common: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
}

/**
 * Sørensen–Dice coefficient over the character bigrams of two strings (0..1).
 * Tolerates a word missing or added in a name ("資源保全" vs "景観資源保全")
 * without being fooled by shared boilerplate alone.
 */
export function bigramDice(a: string, b: string): number {
  const ga = bigramCodes(a);
  const gb = bigramCodes(b);
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return diceFromCounts(common, ga.size, gb.size);
}
