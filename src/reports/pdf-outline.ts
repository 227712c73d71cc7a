/**
 * The bookmarks of a PDF that Chromium printed, with the page each one points to:
 * how the table of contents learns its page numbers (Chromium has no CSS
 * target-counter()). Chromium writes PDF 1.4 without object streams, so each outline
 * item and page-tree node is a plain dictionary in the file; page content streams are
 * never read. Pure: bytes in, entries out.
 */

export interface OutlineEntry {
  title: string;
  /** 1-based page number. */
  page: number;
  /** Vertical position on the page in PDF points (larger is higher). */
  y: number;
}

/** Object number → the dictionary text of the object (up to its stream, if any). */
function objects(pdf: string): Map<number, string> {
  const found = new Map<number, string>();
  const re = /(\d+) 0 obj\s*(<<[\s\S]*?)(?:\bstream\r?\n|endobj)/g;
  for (let m = re.exec(pdf); m !== null; m = re.exec(pdf)) found.set(Number(m[1]), m[2] ?? '');
  return found;
}

const refs = (list: string): number[] => [...list.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** Page objects in reading order, by walking the page tree from its root. */
function pageOrder(objs: Map<number, string>): number[] {
  const isPages = (d: string) => /\/Type\s*\/Pages\b/.test(d);
  const root = [...objs.entries()].find(([, d]) => isPages(d) && !/\/Parent\s/.test(d));
  const order: number[] = [];
  const walk = (n: number, depth: number) => {
    const d = objs.get(n) ?? '';
    if (!isPages(d)) {
      order.push(n);
      return;
    }
    if (depth > 32) return;
    for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(d)?.[1] ?? '')) walk(kid, depth + 1);
  };
  if (root) walk(root[0], 0);
  return order;
}

/** A PDF text string: <FEFF…> (UTF-16BE), other hex, or a literal (…) with its escapes. */
function pdfString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    return map[c] ?? (/^[0-7]+$/.test(c) ? String.fromCharCode(Number.parseInt(c, 8)) : c);
  });
}

/** Every bookmark with a page destination, in reading order (by page, then top to bottom). */
export function readOutline(pdf: Buffer): OutlineEntry[] {
  const text = pdf.toString('latin1');
  const objs = objects(text);
  const pageOf = new Map(pageOrder(objs).map((n, i) => [n, i + 1]));
  const entries: OutlineEntry[] = [];
  for (const d of objs.values()) {
    const title = /\/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/.exec(d)?.[1];
    const dest = /\/Dest\s*\[\s*(\d+) 0 R\s*\/XYZ\s+([-\d.]+)\s+([-\d.]+)/.exec(d);
    const page = dest ? pageOf.get(Number(dest[1])) : undefined;
    if (title === undefined || !dest || page === undefined) continue;
    entries.push({ title: pdfString(title), page, y: Number(dest[3]) });
  }
  return entries.sort((a, b) => a.page - b.page || b.y - a.y);
}

const key = (s: string) => s.replace(/\s+/g, '');

/**
 * The page of each wanted heading, matched by title in order: the n-th entry takes the
 * first bookmark with its title after the previous match, so headings that repeat
 * (「進捗に係る学識経験者意見」) do not confuse it.
 */
export function pagesOf(wanted: readonly { id: string; label: string }[], outline: readonly OutlineEntry[]): Map<string, number> {
  const pages = new Map<string, number>();
  let from = 0;
  for (const w of wanted) {
    const at = outline.findIndex((o, i) => i >= from && key(o.title) === key(w.label));
    const found = outline[at];
    if (!found) continue;
    pages.set(w.id, found.page);
    from = at + 1;
  }
  return pages;
}
