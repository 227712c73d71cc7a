/**
 * The indicator, 今後の方向性 and cost sheets of hyoka's own workbook onto the nodes of
 * the item index: indicators by item number, their targets, revisions and actuals by
 * indicator number. Every figure is exact decimal text; a cell that is not a number, a
 * year out of range, a flag that is not 0/1, a row that repeats another's key (the same
 * target, actual, year or code twice) is a problem with its sheet, row and column, so
 * the store never meets a row it would refuse or write twice.
 */
import { COST_FIELDS, COST_UNITS, type CostUnit } from '../../indicators/cost-rollup.js';
import { INDICATOR_DIRECTIONS, INDICATOR_KINDS } from '../../indicators/indicator-series.js';
import type { ImportedIndicator, ImportedNode } from '../imported-plan.js';
import { SHEETS } from '../plan-workbook.js';
import type { ItemIndex } from './hyoka-workbook.js';
import type { Row, WorkbookSheets } from './workbook-sheets.js';

const TARGET_KINDS = ['yearly', 'final'] as const;
/** The store's limit for an indicator's decimals (indicators.decimals). */
const MAX_DECIMALS = 6;

/** Reads the sheets onto the items' nodes; returns the plan's direction list (empty when the sheet is). */
export function readIndicatorSheets(book: WorkbookSheets, items: ItemIndex): { code: string; label: string }[] {
  const indicators = readIndicators(book, items);
  readTargets(book, indicators);
  readActuals(book, indicators);
  readDirections(book, items);
  readCosts(book, items);
  return readDirectionCodes(book);
}

/** Remembers the keys seen in a sheet; a key seen before is a problem naming the row that had it first. */
class SeenKeys {
  readonly #first = new Map<string, number>();
  constructor(
    private readonly book: WorkbookSheets,
    private readonly sheet: string,
  ) {}
  /** True the first time; false (and a problem at `column`) after. */
  once(key: string, row: Row, column: number, what: string): boolean {
    const first = this.#first.get(key);
    if (first === undefined) {
      this.#first.set(key, row.number);
      return true;
    }
    this.book.problem(`${what}が2回あります（${first}行と同じ）`, this.book.at(this.sheet, row.number, column));
    return false;
  }
}

function readIndicators(book: WorkbookSheets, items: ItemIndex): Map<number, ImportedIndicator> {
  const sheet = SHEETS.indicators.name;
  const byNumber = new Map<number, ImportedIndicator>();
  for (const r of book.rowsOf(SHEETS.indicators)) {
    const n = book.int(sheet, r, 0, '指標番号');
    const node = items.nodeAt(sheet, r, 1);
    const kind = book.oneOf(sheet, r, 4, INDICATOR_KINDS, '種類');
    const direction = book.oneOf(sheet, r, 5, INDICATOR_DIRECTIONS, '方向');
    const cumulative = book.flag(sheet, r, 6, '累計');
    let decimals = book.int(sheet, r, 7, '小数桁数');
    if (decimals !== undefined && (decimals < 0 || decimals > MAX_DECIMALS)) {
      book.problem(`小数桁数は 0〜${MAX_DECIMALS} で書いてください（「${decimals}」）`, book.at(sheet, r.number, 7));
      decimals = undefined;
    }
    const baselineYear = book.fiscalYear(sheet, r, 8, '基準年度', true);
    const baselineValue = book.decimal(sheet, r, 9, '基準値', true);
    if (baselineYear !== undefined && baselineValue === null) book.problem('基準年度があるのに基準値がありません', book.at(sheet, r.number, 9));
    if (baselineYear === undefined && baselineValue && r.cells[8]!.trim() === '')
      book.problem('基準値があるのに基準年度がありません', book.at(sheet, r.number, 8));
    if (n === undefined || !node) continue;
    // A cell with a problem still registers the indicator (nothing is stored then), so its figures' rows raise no follow-on problems.
    const indicator: ImportedIndicator = {
      name: r.cells[2]!,
      unit: r.cells[3]!,
      kind: kind ?? 'outcome',
      direction: direction ?? 'higher',
      cumulative: cumulative ?? false,
      decimals: decimals ?? 0,
      ...(baselineYear !== undefined && baselineValue ? { baseline: { fiscalYear: baselineYear, value: baselineValue } } : {}),
      targets: [],
      actuals: [],
      source: book.at(sheet, r.number, 2),
    };
    if (byNumber.has(n)) book.problem(`指標番号 ${n} が2回あります`, book.at(sheet, r.number, 0));
    byNumber.set(n, indicator);
    node.indicators ??= [];
    node.indicators.push(indicator);
  }
  return byNumber;
}

function indicatorAt(book: WorkbookSheets, indicators: ReadonlyMap<number, ImportedIndicator>, sheet: string, r: Row) {
  const n = book.int(sheet, r, 0, '指標番号');
  const indicator = n === undefined ? undefined : indicators.get(n);
  if (n !== undefined && !indicator) book.problem(`指標番号 ${n} は「${SHEETS.indicators.name}」シートにありません`, book.at(sheet, r.number, 0));
  return indicator === undefined ? undefined : { n: n!, indicator };
}

function readTargets(book: WorkbookSheets, indicators: ReadonlyMap<number, ImportedIndicator>): void {
  let sheet: string = SHEETS.targets.name;
  let seen = new SeenKeys(book, sheet);
  for (const r of book.rowsOf(SHEETS.targets)) {
    const found = indicatorAt(book, indicators, sheet, r);
    const kind = book.oneOf(sheet, r, 1, TARGET_KINDS, '種類');
    const fiscalYear = book.fiscalYear(sheet, r, 2, '年度');
    const value = book.decimal(sheet, r, 3, '目標値');
    if (!found || !kind || fiscalYear === undefined || !value) continue;
    const what = kind === 'final' ? `指標番号 ${found.n} の最終目標値` : `指標番号 ${found.n} の${fiscalYear}年度の目標値`;
    if (!seen.once(`${found.n}/${kind}/${kind === 'final' ? '' : fiscalYear}`, r, kind === 'final' ? 1 : 2, what)) continue;
    found.indicator.targets.push({ kind, fiscalYear, value, revisions: [], source: book.at(sheet, r.number, 3) });
  }
  sheet = SHEETS.revisions.name;
  seen = new SeenKeys(book, sheet);
  for (const r of book.rowsOf(SHEETS.revisions)) {
    const found = indicatorAt(book, indicators, sheet, r);
    const kind = book.oneOf(sheet, r, 1, TARGET_KINDS, '種類');
    const fiscalYear = book.fiscalYear(sheet, r, 2, '目標の年度');
    const oldValue = book.decimal(sheet, r, 3, '見直し前の目標値');
    const newValue = book.decimal(sheet, r, 4, '見直し後の目標値');
    const reason = r.cells[5]!.trim();
    if (!reason) book.problem('目標値の見直しには理由を書いてください', book.at(sheet, r.number, 5));
    const decidedFiscalYear = book.fiscalYear(sheet, r, 6, '決定年度');
    if (!found || !kind || fiscalYear === undefined || !oldValue || !newValue || !reason || decidedFiscalYear === undefined) continue;
    const target = found.indicator.targets.find((t) => t.kind === kind && t.fiscalYear === fiscalYear);
    if (!target) {
      book.problem(`見直す目標（${kind} ${fiscalYear}年度）が「${SHEETS.targets.name}」シートにありません`, book.at(sheet, r.number, 2));
      continue;
    }
    if (!seen.once(JSON.stringify([found.n, kind, fiscalYear, oldValue, newValue, reason, decidedFiscalYear]), r, 0, '同じ見直し')) continue;
    target.revisions.push({ oldValue, newValue, reason, decidedFiscalYear, source: book.at(sheet, r.number, 4) });
  }
}

function readActuals(book: WorkbookSheets, indicators: ReadonlyMap<number, ImportedIndicator>): void {
  const sheet = SHEETS.actuals.name;
  const seen = new SeenKeys(book, sheet);
  for (const r of book.rowsOf(SHEETS.actuals)) {
    const found = indicatorAt(book, indicators, sheet, r);
    const fiscalYear = book.fiscalYear(sheet, r, 1, '年度');
    const notMeasurable = book.flag(sheet, r, 3, '測定不能');
    const value = book.decimal(sheet, r, 2, '実績値', true);
    if (notMeasurable && value) book.problem('測定不能の年度に実績値があります', book.at(sheet, r.number, 2));
    // A row with neither would store "no value, measured" over the stored actual.
    if (notMeasurable === false && value === null) book.problem('実績値か測定不能（1）を書いてください', book.at(sheet, r.number, 2));
    if (!found || fiscalYear === undefined || value === undefined || notMeasurable === undefined) continue;
    if (!seen.once(`${found.n}/${fiscalYear}`, r, 1, `指標番号 ${found.n} の${fiscalYear}年度の実績値`)) continue;
    found.indicator.actuals.push({ fiscalYear, value, notMeasurable, sourceNote: r.cells[4]!, source: book.at(sheet, r.number, 2) });
  }
}

function readDirections(book: WorkbookSheets, items: ItemIndex): void {
  const sheet = SHEETS.directions.name;
  const seen = new SeenKeys(book, sheet);
  for (const r of book.rowsOf(SHEETS.directions)) {
    const node = items.nodeAt(sheet, r, 0);
    const fiscalYear = book.fiscalYear(sheet, r, 1, '年度');
    const code = r.cells[2]!.trim();
    if (!code) book.problem('今後の方向性のコードがありません', book.at(sheet, r.number, 2));
    if (!node || fiscalYear === undefined || !code) continue;
    if (!seen.once(`${r.cells[0]!.trim()}/${fiscalYear}`, r, 1, `項目番号 ${r.cells[0]!.trim()} の${fiscalYear}年度の今後の方向性`)) continue;
    node.directions ??= [];
    node.directions.push({ fiscalYear, code, note: r.cells[3]!, source: book.at(sheet, r.number, 2) });
  }
}

function readCosts(book: WorkbookSheets, items: ItemIndex): void {
  const sheet = SHEETS.costs.name;
  const seen = new SeenKeys(book, sheet);
  for (const r of book.rowsOf(SHEETS.costs)) {
    const node: ImportedNode | undefined = items.nodeAt(sheet, r, 0);
    const fiscalYear = book.fiscalYear(sheet, r, 1, '年度');
    const unit = book.oneOf<CostUnit>(sheet, r, 2, COST_UNITS, '単位');
    const header = SHEETS.costs.header;
    const figures = COST_FIELDS.map((f, i) => [f, book.decimal(sheet, r, 3 + i, header[3 + i]!, true)] as const);
    if (!node || fiscalYear === undefined || !unit || figures.some(([, v]) => v === undefined)) continue;
    if (!seen.once(`${r.cells[0]!.trim()}/${fiscalYear}`, r, 1, `項目番号 ${r.cells[0]!.trim()} の${fiscalYear}年度の事業費`)) continue;
    node.costs ??= [];
    node.costs.push({
      fiscalYear,
      unit,
      ...(Object.fromEntries(figures) as Record<(typeof COST_FIELDS)[number], string | null>),
      note: r.cells[10]!,
      source: book.at(sheet, r.number, 3),
    });
  }
}

function readDirectionCodes(book: WorkbookSheets): { code: string; label: string }[] {
  const sheet = SHEETS.directionCodes.name;
  const seen = new SeenKeys(book, sheet);
  const codes: { code: string; label: string }[] = [];
  for (const r of book.rowsOf(SHEETS.directionCodes)) {
    const code = r.cells[0]!.trim();
    const label = r.cells[1]!.trim();
    if (!code) book.problem('方向性の選択肢のコードがありません', book.at(sheet, r.number, 0));
    if (!label) book.problem('方向性の選択肢の表示名がありません', book.at(sheet, r.number, 1));
    if (code && label && seen.once(code, r, 0, `コード「${code}」`)) codes.push({ code, label });
  }
  return codes;
}
