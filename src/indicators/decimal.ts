/**
 * Exact decimal arithmetic for indicator values and costs. PostgreSQL numeric arrives
 * as text and stays exact here: decimal.js, with a private configuration so no other
 * module's settings can change how we round.
 */
import decimalDefault from 'decimal.js';
import type { Decimal } from 'decimal.js';

// The package's ES module has only a default export (the class), while under NodeNext its
// types make the default import the whole module: say what it is at run time.
const DecimalJs = decimalDefault as unknown as typeof Decimal;

// Never exponent notation in text: it goes to PostgreSQL, CSV cells and people.
export const Dec = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
export type Dec = InstanceType<typeof Dec>;

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A stored or typed number (full-width digits and thousands separators tolerated), or null when blank. */
export function parseDecimal(text: string | null | undefined): Dec | null {
  if (text === null || text === undefined) return null;
  const normal = text.replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  if (normal === '') return null;
  if (!NUMERIC_TEXT.test(normal)) throw new RangeError(`not a decimal number: ${text}`);
  return new Dec(normal);
}

export function isDecimalText(text: string): boolean {
  try {
    return parseDecimal(text) !== null;
  } catch {
    return false;
  }
}

/** Fixed decimals for display, half up ("87.95"). */
export function formatDecimal(value: Dec, decimals: number): string {
  return value.toFixed(decimals);
}
