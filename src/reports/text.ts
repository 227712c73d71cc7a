/**
 * Text from the store on its way into a document. Narratives are typed by people:
 * control characters (which XML 1.0 forbids and which corrupt .docx/.xlsx) are
 * removed; HTML-looking text stays text — every renderer escapes it.
 */

// C0 controls except TAB and LF, DEL, C1 controls, and unpaired surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what this pattern is for
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(FORBIDDEN, '');
}

/** Paragraphs of a stored body: blank lines separate them; empty ones are dropped. */
export function paragraphsOf(body: string): string[] {
  return cleanText(body)
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
