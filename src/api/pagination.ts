/**
 * Cursor pagination over a list sorted by a stable key. The cursor is the opaque
 * (base64url) key of the last row returned; the next page starts after it, so a
 * walk visits every row exactly once even when pages are fetched much later.
 */
const PREFIX = 'v1:';

export const BAD_CURSOR = 'cursor が不正です。前のページの links.next をそのまま使ってください。';

export function encodeCursor(key: string): string {
  return Buffer.from(PREFIX + key, 'utf8').toString('base64url');
}

/** The key a cursor stands for, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) return undefined;
  return text.slice(PREFIX.length);
}

export interface Page<T> {
  rows: T[];
  /** Key of the last row, when more rows follow. */
  nextKey: string | null;
  total: number;
}

/** `sorted` must be sorted ascending by `keyOf` (plain string comparison). */
export function paginate<T>(sorted: readonly T[], keyOf: (row: T) => string, afterKey: string | undefined, limit: number): Page<T> {
  let start = 0;
  if (afterKey !== undefined) {
    // Binary search: first row whose key is greater than the cursor's.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(sorted[mid]!) <= afterKey) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const rows = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { rows, nextKey: more && rows.length > 0 ? keyOf(rows[rows.length - 1]!) : null, total: sorted.length };
}

/** "2.1.4.3" → "00002.00001.00004.00003": string order equals document order. */
export function codeSortKey(code: string): string {
  return code
    .split('.')
    .map((p) => p.padStart(5, '0'))
    .join('.');
}
