/**
 * Exact rationals over BigInt for the rule engine. A rule's decision is a comparison of
 * ratios (actual ÷ target against 80 %); doing it on fractions keeps it exact with no
 * rounding at all before the threshold, and is about ten times faster than decimal
 * arithmetic, which matters when a plan's 200,000 indicator-years are judged at once.
 * Stored values are decimal text, so every input is n ÷ 10^k.
 */

/** n ÷ d with d > 0; not reduced (reducing costs more than it saves here). */
export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

const TEN_POWERS: bigint[] = [1n];
function tenTo(k: number): bigint {
  for (let i = TEN_POWERS.length; i <= k; i++) TEN_POWERS.push(TEN_POWERS[i - 1]! * 10n);
  return TEN_POWERS[k]!;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** From decimal text ("-12.5", "1e-7"); throws a RangeError on anything else. */
export function exact(text: string): Exact {
  // Plain "123.45" (what PostgreSQL's numeric::text gives) without the regular expression.
  let start = 0;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) start = 1;
  let dot = -1;
  let plain = text.length > start;
  for (let i = start; i < text.length && plain; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c < 48 || c > 57) plain = false;
  }
  if (plain && text.length - start > (dot < 0 ? 0 : 1)) {
    const digits = dot < 0 ? text.slice(start) : text.slice(start, dot) + text.slice(dot + 1);
    const magnitude = BigInt(digits);
    return { n: first === 45 ? -magnitude : magnitude, d: dot < 0 ? 1n : tenTo(text.length - dot - 1) };
  }
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal number: ${text}`);
  const fraction = m[3] ?? '';
  const digits = BigInt(`${m[2]}${fraction}` || '0');
  const shift = Number(m[4] ?? 0) - fraction.length;
  const n = m[1] === '-' ? -digits : digits;
  return shift >= 0 ? { n: n * tenTo(shift), d: 1n } : { n, d: tenTo(-shift) };
}

export const int = (i: number | bigint): Exact => ({ n: BigInt(i), d: 1n });
export const ZERO = int(0);
export const HUNDRED = int(100);

export const add = (a: Exact, b: Exact): Exact => (a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sub = (a: Exact, b: Exact): Exact => (a.d === b.d ? { n: a.n - b.n, d: a.d } : { n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const mul = (a: Exact, b: Exact): Exact => ({ n: a.n * b.n, d: a.d * b.d });
/** a ÷ b; the caller has checked b ≠ 0. */
export function div(a: Exact, b: Exact): Exact {
  if (b.n === 0n) throw new RangeError('division by zero');
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
}
export const sign = (a: Exact): -1 | 0 | 1 => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
export const abs = (a: Exact): Exact => (a.n < 0n ? { n: -a.n, d: a.d } : a);
export function cmp(a: Exact, b: Exact): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export const min = (a: Exact, b: Exact): Exact => (cmp(a, b) <= 0 ? a : b);

/** Rounded half away from zero to `digits` fraction digits, trailing zeros kept ("83.3", "100.0"). */
export function toFixedText(a: Exact, digits: number): string {
  const scale = tenTo(digits);
  const negative = a.n < 0n;
  const scaled = ((negative ? -a.n : a.n) * scale * 2n + a.d) / (2n * a.d);
  if (digits === 0) return `${negative && scaled !== 0n ? '-' : ''}${scaled}`;
  const text = scaled.toString().padStart(digits + 1, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Like toFixedText with trailing zeros dropped: exact for every terminating decimal up to `digits` places. */
export function toDecimalText(a: Exact, digits = 10): string {
  const text = toFixedText(a, digits);
  if (digits === 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}
