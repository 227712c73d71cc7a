/**
 * Exported text that a spreadsheet would run as a formula (CSV injection). Excel,
 * LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@` as a
 * formula, and some strip a leading tab or carriage return first. Following OWASP's
 * guidance every such text cell gets a leading single quote, which a spreadsheet shows
 * as text and a person still reads, and the CSV field is quoted.
 *
 * Only text is touched: numbers written as numbers (a negative count) stay numbers.
 * A leading `-` counts, even a lone "-", except in exact decimal text ("-3.5"): a
 * spreadsheet reads that as a number, never as a formula, and a quote would turn a
 * negative figure (a decrease, a loss) into text nobody can sum. Anything else after
 * the dash ("-1+2", "-A1", "- 3") is still prefixed.
 */
import type { Options as CsvOptions } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_DECIMAL.test(text);
}

/** The text as a spreadsheet shows it without evaluating it. */
export function spreadsheetSafe(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * csv-stringify options every CSV export passes: string fields (never numbers) that
 * look like formulas get the quote prefix and are written quoted.
 */
export const SPREADSHEET_SAFE_CSV: Pick<CsvOptions, 'cast'> = {
  cast: {
    string: (value) => (looksLikeFormula(value) ? { value: `'${value}`, quoted: true } : value),
  },
};
