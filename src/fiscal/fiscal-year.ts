/**
 * Fiscal years (年度, April–March) and their Japanese era labels.
 *
 * A fiscal year is stored as its Gregorian start year: 2022 = 令和4年度.
 * Municipal documents name FY2019 "R元" (令和元年度) even though April 2019 was
 * still Heisei 31; "H31" is accepted on input for the same year.
 */

export type EraStyle = 'wareki' | 'seireki';

interface Era {
  /** Latin initial used in tables: H, R. */
  initial: string;
  /** Full name used in prose: 平成, 令和. */
  name: string;
  /** Gregorian year that is year 1 (元年) of the era, as fiscal years count it. */
  firstFiscalYear: number;
  /** Last fiscal year labelled with this era (inclusive); undefined for the current era. */
  lastFiscalYear?: number;
}

// Fiscal-year convention: 2019 is the first fiscal year labelled 令和.
const ERAS: readonly Era[] = [
  { initial: 'R', name: '令和', firstFiscalYear: 2019 },
  { initial: 'H', name: '平成', firstFiscalYear: 1989, lastFiscalYear: 2018 },
  { initial: 'S', name: '昭和', firstFiscalYear: 1926, lastFiscalYear: 1988 },
];

/** Earliest fiscal year the module labels; older plans are out of scope for municipal evaluation. */
export const MIN_FISCAL_YEAR = 1926;
export const MAX_FISCAL_YEAR = 2200;

export class FiscalYearError extends Error {
  override name = 'FiscalYearError';
}

function assertFiscalYear(fy: number): void {
  if (!Number.isInteger(fy) || fy < MIN_FISCAL_YEAR || fy > MAX_FISCAL_YEAR) {
    throw new FiscalYearError(`年度が範囲外です: ${fy}（${MIN_FISCAL_YEAR}〜${MAX_FISCAL_YEAR}）`);
  }
}

function eraOf(fy: number): { era: Era; year: number } {
  assertFiscalYear(fy);
  const era = ERAS.find((e) => fy >= e.firstFiscalYear && (e.lastFiscalYear === undefined || fy <= e.lastFiscalYear));
  if (!era) throw new FiscalYearError(`年度に対応する元号がありません: ${fy}`);
  return { era, year: fy - era.firstFiscalYear + 1 };
}

/** "H30", "R元", "R4" — the short form used in report tables. */
export function shortWareki(fy: number): string {
  const { era, year } = eraOf(fy);
  return `${era.initial}${year === 1 ? '元' : year}`;
}

/** "令和4年度", "令和元年度", "平成30年度". */
export function longWareki(fy: number): string {
  const { era, year } = eraOf(fy);
  return `${era.name}${year === 1 ? '元' : year}年度`;
}

/** "2022年度". */
export function seirekiLabel(fy: number): string {
  assertFiscalYear(fy);
  return `${fy}年度`;
}

export type LabelForm = 'short' | 'long';

/**
 * The label users see, following their 和暦/西暦 choice.
 * short: H30 / R元 / 2018 ; long: 平成30年度 / 2018年度.
 */
export function fiscalYearLabel(fy: number, style: EraStyle = 'wareki', form: LabelForm = 'short'): string {
  if (style === 'seireki') return form === 'short' ? String(fy) : seirekiLabel(fy);
  return form === 'short' ? shortWareki(fy) : longWareki(fy);
}

const FULLWIDTH_DIGITS = /[０-９]/g;
function toHalfWidthDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Parses any label the documents or users write for a fiscal year:
 * "H30", "h30", "R元", "R1", "R 4", "令和4年度", "令和元年度", "平成31年度", "2022", "2022年度", "FY2022".
 * Returns undefined when the text is not a fiscal year label.
 */
export function parseFiscalYear(input: string): number | undefined {
  const s = toHalfWidthDigits(input.normalize('NFKC')).replace(/\s+/g, '').replace(/年度$/, '');
  let m = /^(?:FY)?(\d{4})$/i.exec(s);
  if (m) {
    const fy = Number(m[1]);
    return fy >= MIN_FISCAL_YEAR && fy <= MAX_FISCAL_YEAR ? fy : undefined;
  }
  m = /^(令和|平成|昭和|[RHS])(元|\d{1,2})(?:年)?$/i.exec(s);
  if (!m) return undefined;
  const [, eraText = '', yearText = ''] = m;
  const era = ERAS.find((e) => e.name === eraText || e.initial === eraText.toUpperCase());
  if (!era) return undefined;
  const year = yearText === '元' ? 1 : Number(yearText);
  if (year < 1) return undefined;
  const fy = era.firstFiscalYear + year - 1;
  // H31 is the same fiscal year as R元; later Heisei years never existed.
  const last = era.lastFiscalYear === undefined ? MAX_FISCAL_YEAR : era.initial === 'H' ? era.lastFiscalYear + 1 : era.lastFiscalYear;
  if (fy > last) return undefined;
  return fy;
}

/** Like parseFiscalYear but throws a readable error. */
export function requireFiscalYear(input: string): number {
  const fy = parseFiscalYear(input);
  if (fy === undefined) throw new FiscalYearError(`年度として読めません: "${input}"（例: 2022, R4, 令和4年度, H30）`);
  return fy;
}

/** The fiscal year a calendar date falls in (April starts the year). */
export function fiscalYearOfDate(date: Date): number {
  const month = date.getMonth(); // 0 = January
  return month >= 3 ? date.getFullYear() : date.getFullYear() - 1;
}

/** Inclusive list of fiscal years, ascending. */
export function fiscalYearRange(from: number, to: number): number[] {
  assertFiscalYear(from);
  assertFiscalYear(to);
  const out: number[] = [];
  for (let fy = from; fy <= to; fy++) out.push(fy);
  return out;
}
