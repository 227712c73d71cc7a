/**
 * Numbers as the sources write them → exact decimal text for PostgreSQL numeric, never
 * through a float: full-width digits, signs and the decimal point become half-width, a
 * leading dash of any kind or the budget sheets' △/▲ is a minus, thousands separators
 * are taken out where they group three digits ("１，２３４．５" → "1234.5"), spaces only
 * around the number. Anything else — "1,5", "100 200" — is not a number: guessing what
 * it meant would invent a figure. The digits are kept as written ("1234.50" stays
 * "1234.50"), so a value read back from the store and written again is the same text.
 */

/** Every character the sources use as a dash (hyphen, en and em dashes, minus, full-width hyphen, ー). */
export const DASH_CHARACTERS = '-\\u2010-\\u2015\\u2212\\uff0d\\u30fc';

/** Exact decimal text as the store takes it (a minus, digits, one optional point). */
export const NUMERIC_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

const MINUS = new RegExp(`^[${DASH_CHARACTERS}△▲]`, 'u');
const UNSIGNED = /^(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/** The exact decimal text of a cell, null for a blank one, undefined when it is not a number. */
export function decimalText(cell: string): string | null | undefined {
  let body = cell.replace(/[０-９．，＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (body === '') return null;
  let sign = '';
  if (body.startsWith('+')) body = body.slice(1);
  else if (MINUS.test(body)) {
    sign = '-';
    body = body.slice(1);
  }
  if (body.includes(',')) {
    if (!GROUPED.test(body)) return undefined;
    body = body.replace(/,/g, '');
  }
  return UNSIGNED.test(body) ? sign + body : undefined;
}
