/**
 * The indicator, 今後の方向性 and cost sheets of hyoka's own workbook onto the nodes of
 * the item index: indicators by item number, their targets, revisions and actuals by
 * indicator number. Every figure is exact decimal text; a cell that is not a number is
 * a problem with its place.
 */
import { COST_FIELDS, COST_UNITS, type CostUnit } from '../../indicators/cost-rollup.js';
import type { Direction, IndicatorKind } from '../../indicators/indicator-series.js';
import type { ImportedIndicator } from '../imported-plan.js';
import { SHEETS } from '../plan-workbook.js';
import type { ItemIndex } from './hyoka-workbook.js';
import type { WorkbookSheets } from './workbook-sheets.js';

const KINDS: readonly IndicatorKind[] = ['activity', 'outcome', 'other'];
const DIRECTIONS: readonly Direction[] = ['higher', 'lower'];
const TARGET_KINDS = ['yearly', 'final'] as const;

/** Reads the sheets onto the items' nodes; returns the plan's direction list (empty when the sheet is). */
export function readIndicatorSheets(book: WorkbookSheets, items: ItemIndex): { code: string; label: string }[] {
  const indicators = readIndicators(book, items);
  readTargets(book, indicators);
  readActuals(book, indicators);
  readDirections(book, items);
  readCosts(book, items);
  return book.rowsOf(SHEETS.directionCodes).map((r) => ({ code: r.cells[0]!, label: r.cells[1]! }));
}

function readIndicators(book: WorkbookSheets, items: ItemIndex): Map<number, ImportedIndicator> {
  const sheet = SHEETS.indicators.name;
  const byNumber = new Map<number, ImportedIndicator>();
  for (const r of book.rowsOf(SHEETS.indicators)) {
    const n = book.int(sheet, r, 0, '指標番号');
    const node = items.nodeAt(sheet, r, 1);
    const kind = book.oneOf(sheet, r, 4, KINDS, '種類');
    const direction = book.oneOf(sheet, r, 5, DIRECTIONS, '方向');
    const decimals = book.int(sheet, r, 7, '小数桁数');
    const baselineYear = book.int(sheet, r, 8, '基準年度', true);
    const baselineValue = book.decimal(sheet, r, 9, '基準値', true);
    if (baselineYear !== undefined && baselineValue === null) book.problem('基準年度があるのに基準値がありません', book.at(sheet, r.number, 9));
    if (n === undefined || !node) continue;
    // A cell with a problem still registers the indicator (nothing is stored then), so its figures' rows raise no follow-on problems.
    const indicator: ImportedIndicator = {
      name: r.cells[2]!,
      unit: r.cells[3]!,
      kind: kind ?? 'outcome',
      direction: direction ?? 'higher',
      cumulative: r.cells[6] === '1',
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

function indicatorAt(book: WorkbookSheets, indicators: ReadonlyMap<number, ImportedIndicator>, sheet: string, r: { number: number; cells: string[] }) {
  const n = book.int(sheet, r, 0, '指標番号');
  const indicator = n === undefined ? undefined : indicators.get(n);
  if (n !== undefined && !indicator) book.problem(`指標番号 ${n} は「${SHEETS.indicators.name}」シートにありません`, book.at(sheet, r.number, 0));
  return indicator;
}

function readTargets(book: WorkbookSheets, indicators: ReadonlyMap<number, ImportedIndicator>): void {
  for (const r of book.rowsOf(SHEETS.targets)) {
    const sheet = SHEETS.targets.name;
    const indicator = indicatorAt(book, indicators, sheet, r);
    const kind = book.oneOf(sheet, r, 1, TARGET_KINDS, '種類');
    const fiscalYear = book.int(sheet, r, 2, '年度');
    const value = book.decimal(sheet, r, 3, '目標値');
    if (indicator && kind && fiscalYear !== undefined && value) indicator.targets.push({ kind, fiscalYear, value, revisions: [] });
  }
  for (const r of book.rowsOf(SHEETS.revisions)) {
    const sheet = SHEETS.revisions.name;
    const indicator = indicatorAt(book, indicators, sheet, r);
    const kind = book.oneOf(sheet, r, 1, TARGET_KINDS, '種類');
    const fiscalYear = book.int(sheet, r, 2, '目標の年度');
    const oldValue = book.decimal(sheet, r, 3, '見直し前の目標値');
    const newValue = book.decimal(sheet, r, 4, '見直し後の目標値');
    const decidedFiscalYear = book.int(sheet, r, 6, '決定年度');
    if (!indicator || !kind || fiscalYear === undefined || !oldValue || !newValue || decidedFiscalYear === undefined) continue;
    const target = indicator.targets.find((t) => t.kind === kind && t.fiscalYear === fiscalYear);
    if (!target) {
      book.problem(`見直す目標（${kind} ${fiscalYear}年度）が「${SHEETS.targets.name}」シートにありません`, book.at(sheet, r.number, 2));
      continue;
    }
    target.revisions.push({ oldValue, newValue, reason: r.cells[5]!, decidedFiscalYear });
  }
}

function readActuals(book: WorkbookSheets, indicators: ReadonlyMap<number, ImportedIndicator>): void {
  const sheet = SHEETS.actuals.name;
  for (const r of book.rowsOf(SHEETS.actuals)) {
    const indicator = indicatorAt(book, indicators, sheet, r);
    const fiscalYear = book.int(sheet, r, 1, '年度');
    const notMeasurable = r.cells[3] === '1';
    const value = book.decimal(sheet, r, 2, '実績値', true);
    if (notMeasurable && value) book.problem('測定不能の年度に実績値があります', book.at(sheet, r.number, 2));
    if (indicator && fiscalYear !== undefined && value !== undefined) indicator.actuals.push({ fiscalYear, value, notMeasurable, sourceNote: r.cells[4]! });
  }
}

function readDirections(book: WorkbookSheets, items: ItemIndex): void {
  const sheet = SHEETS.directions.name;
  for (const r of book.rowsOf(SHEETS.directions)) {
    const node = items.nodeAt(sheet, r, 0);
    const fiscalYear = book.int(sheet, r, 1, '年度');
    if (!node || fiscalYear === undefined) continue;
    node.directions ??= [];
    node.directions.push({ fiscalYear, code: r.cells[2]!, note: r.cells[3]!, source: book.at(sheet, r.number, 2) });
  }
}

function readCosts(book: WorkbookSheets, items: ItemIndex): void {
  const sheet = SHEETS.costs.name;
  for (const r of book.rowsOf(SHEETS.costs)) {
    const node = items.nodeAt(sheet, r, 0);
    const fiscalYear = book.int(sheet, r, 1, '年度');
    const unit = book.oneOf<CostUnit>(sheet, r, 2, COST_UNITS, '単位');
    const header = SHEETS.costs.header;
    const figures = COST_FIELDS.map((f, i) => [f, book.decimal(sheet, r, 3 + i, header[3 + i]!, true)] as const);
    if (!node || fiscalYear === undefined || !unit || figures.some(([, v]) => v === undefined)) continue;
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
