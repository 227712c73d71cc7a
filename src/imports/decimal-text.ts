/**
 * Numbers as the sources write them → exact decimal text for PostgreSQL numeric, never
 * through a float: full-width digits, signs and the decimal point become half-width,
 * thousands separators and spaces go ("１，２３４．５" → "1234.5"). The digits are kept
 * as written ("1234.50" stays "1234.50"), so a value read back from the store and
 * written again is the same text.
 */
const NUMERIC_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** The exact decimal text of a cell, null for a blank one, undefined when it is not a number. */
export function decimalText(cell: string): string | null | undefined {
  const normal = cell
    .replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[−‐]/g, '-')
    .replace(/[,，\s\u3000]/g, '')
    .replace(/^\+/, '');
  if (normal === '') return null;
  return NUMERIC_TEXT.test(normal) ? normal : undefined;
}
