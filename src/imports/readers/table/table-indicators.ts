/**
 * The indicator, 今後の方向性 and cost columns of a mapped table, read per row onto the
 * row's nodes. Every number is exact decimal text (full-width digits, commas and
 * spaces normalised, the digits kept as written); a cell that is not a number, a year
 * that cannot be read, a word that is not in the lists is a problem with its sheet,
 * row and column, and one problem means nothing is imported. Rows that repeat an
 * indicator (one row per year, the long form) add to the same indicator; a second,
 * different value for the same year is a problem.
 */
import { parseFiscalYear } from '../../../fiscal/fiscal-year.js';
import { COST_FIELD_LABELS, COST_FIELDS, COST_UNITS, type CostFigures, type CostUnit } from '../../../indicators/cost-rollup.js';
import type { Direction, IndicatorKind } from '../../../indicators/indicator-series.js';
import { DEFAULT_DIRECTION_CODES } from '../../../indicators/indicator-store.js';
import { decimalText } from '../../decimal-text.js';
import type { ImportedCost, ImportedIndicator, ImportedNode, SourcePlace } from '../../imported-plan.js';
import type { ColumnRef, TableMapping } from './mapping-schema.js';
import { comparable, matchChoice, type TableReading } from './table-reading.js';

const KIND_WORDS: Record<string, IndicatorKind> = {
  活動: 'activity',
  活動指標: 'activity',
  アウトプット: 'activity',
  成果: 'outcome',
  成果指標: 'outcome',
  アウトカム: 'outcome',
  その他: 'other',
  activity: 'activity',
  outcome: 'outcome',
  other: 'other',
};

const DIRECTION_WORDS: Record<string, Direction> = {
  高いほど良い: 'higher',
  大きいほど良い: 'higher',
  多いほど良い: 'higher',
  上昇: 'higher',
  増加: 'higher',
  '↑': 'higher',
  higher: 'higher',
  低いほど良い: 'lower',
  小さいほど良い: 'lower',
  少ないほど良い: 'lower',
  低下: 'lower',
  減少: 'lower',
  '↓': 'lower',
  lower: 'lower',
};

const CUMULATIVE_WORDS: Record<string, boolean> = {
  累計: true,
  延べ: true,
  '○': true,
  '1': true,
  true: true,
  はい: true,
  単年: false,
  単年度: false,
  '×': false,
  '0': false,
  false: false,
  いいえ: false,
};

const CUMULATIVE = new Map(Object.entries(CUMULATIVE_WORDS).map(([k, v]) => [comparable(k), v]));

/** Actual cells saying the year could not be measured. */
const NOT_MEASURABLE = new Set(['測定不能', '測定できない', '測定できず'].map(comparable));

type Resolve = (ref: ColumnRef | undefined) => number | undefined;
type Row = TableReading['sheet']['rows'][number];
type YearValue = { fiscalYear?: number; fiscalYearColumn?: number; valueColumn?: number };

/** The mapping's indicator, direction and cost keys with their columns resolved. */
export function indicatorColumns(mapping: TableMapping, resolve: Resolve, tierNames: readonly string[]) {
  const yearValue = (y: { fiscalYear?: number; fiscalYearColumn?: ColumnRef; valueColumn: ColumnRef } | undefined): YearValue | undefined =>
    y && {
      ...(y.fiscalYear !== undefined ? { fiscalYear: y.fiscalYear } : mapping.fiscalYear !== undefined ? { fiscalYear: mapping.fiscalYear } : {}),
      ...(y.fiscalYearColumn !== undefined ? { fiscalYearColumn: resolve(y.fiscalYearColumn)! } : {}),
      valueColumn: resolve(y.valueColumn)!,
    };
  const indicators = mapping.indicators.map((x) => ({
    tierIndex: x.tier === undefined ? undefined : tierNames.indexOf(x.tier),
    name: resolve(x.nameColumn),
    unit: resolve(x.unitColumn),
    kind: resolve(x.kindColumn),
    direction: resolve(x.directionColumn),
    cumulative: resolve(x.cumulativeColumn),
    fixed: x,
    kindWords: new Map(Object.entries({ ...KIND_WORDS, ...x.kindValues }).map(([k, v]) => [comparable(k), v])),
    directionWords: new Map(Object.entries({ ...DIRECTION_WORDS, ...x.directionValues }).map(([k, v]) => [comparable(k), v])),
    baseline: yearValue(x.baseline),
    finalTarget: yearValue(x.finalTarget),
    yearlyTargets: x.yearlyTargets.map((t) => ({ fiscalYear: t.fiscalYear, index: resolve(t.column) })),
    actuals: x.actuals.map((t) => ({ fiscalYear: t.fiscalYear, index: resolve(t.column) })),
    actualRows: x.actualRows && {
      fiscalYear: resolve(x.actualRows.fiscalYearColumn),
      value: resolve(x.actualRows.valueColumn),
      target: resolve(x.actualRows.targetColumn),
      sourceNote: resolve(x.actualRows.sourceNoteColumn),
    },
  }));
  const directionChoices = mapping.directionChoices.map((d) => ({
    index: resolve(d.column),
    note: resolve(d.noteColumn),
    fiscalYear: d.fiscalYear ?? mapping.fiscalYear!,
    values: (d.values ?? DEFAULT_DIRECTION_CODES).map((v) => (typeof v === 'string' ? { code: v, label: v } : v)),
  }));
  const costs = mapping.costs.map((c) => ({
    yearValue: {
      ...(c.fiscalYear !== undefined ? { fiscalYear: c.fiscalYear } : mapping.fiscalYear !== undefined ? { fiscalYear: mapping.fiscalYear } : {}),
      ...(c.fiscalYearColumn !== undefined ? { fiscalYearColumn: resolve(c.fiscalYearColumn)! } : {}),
    } as YearValue,
    unit: c.unit ?? ('千円' as CostUnit),
    unitColumn: resolve(c.unitColumn),
    figures: COST_FIELDS.map((f) => [f, resolve(c[f])] as const),
    note: resolve(c.noteColumn),
  }));
  // The plan's list: every list the mapping gives, in order; none when it gives none (the store's default then).
  const given = mapping.directionChoices.flatMap((d, i) => (d.values ? directionChoices[i]!.values : []));
  const directionCodes = given.filter((v, i) => given.findIndex((w) => w.code === v.code) === i);
  return { indicators, directionChoices, costs, directionCodes };
}

export type IndicatorColumns = ReturnType<typeof indicatorColumns>;

/** Every column the indicator, direction and cost keys read: a row that names no item must leave them all blank. */
export function indicatorColumnIndexes(columns: IndicatorColumns): (number | undefined)[] {
  return [
    ...columns.indicators.flatMap((x) => [
      x.name,
      x.unit,
      x.kind,
      x.direction,
      x.cumulative,
      ...[x.baseline, x.finalTarget].flatMap((y) => (y ? [y.valueColumn, y.fiscalYearColumn] : [])),
      ...x.yearlyTargets.map((t) => t.index),
      ...x.actuals.map((t) => t.index),
      ...(x.actualRows ? [x.actualRows.fiscalYear, x.actualRows.value, x.actualRows.target, x.actualRows.sourceNote] : []),
    ]),
    ...columns.directionChoices.flatMap((d) => [d.index, d.note]),
    ...columns.costs.flatMap((c) => [c.yearValue.fiscalYearColumn, c.unitColumn, c.note, ...c.figures.map(([, index]) => index)]),
  ];
}

/** Reads one row's indicator, direction and cost cells onto its nodes (path: the row's nodes from the root). */
export function readIndicatorCells(reading: TableReading, columns: IndicatorColumns, row: Row, path: readonly ImportedNode[]): void {
  const cells = new RowCells(reading, row);
  for (const col of columns.indicators) readIndicator(cells, col, path);
  const own = path[path.length - 1]!;
  for (const col of columns.directionChoices) readDirectionChoice(cells, col, own, path);
  for (const col of columns.costs) readCost(cells, col, own, path);
}

/** One row's cells as text, numbers and years, each problem placed at its cell. */
class RowCells {
  constructor(
    readonly reading: TableReading,
    readonly row: Row,
  ) {}

  text(index: number | undefined): string {
    return this.reading.cell(this.row.cells, index);
  }

  at(index: number | undefined): SourcePlace {
    return this.reading.place(this.row.number, index);
  }

  problem(message: string, index: number | undefined): void {
    this.reading.problem(message, this.at(index));
  }

  /**
   * A figure put on a node above the deepest tier because the row leaves the deeper tiers
   * blank (the mapping names no tier): kept, as the mapping says, but said aloud.
   */
  warnIfShallow(what: string, node: ImportedNode, depth: number, index: number | undefined): void {
    const tiers = this.reading.mapping.tiers;
    if (depth >= tiers.length) return;
    this.reading.warnings.push({
      message: `${what}を「${tiers[depth - 1]!.name}」の「${node.name}」に付けます（この行には「${tiers[depth]!.name}」がありません）`,
      place: this.at(index),
    });
  }

  /** Exact decimal text; null when blank; undefined (and a problem) when not a number. */
  decimal(index: number | undefined, what: string): string | null | undefined {
    const raw = this.text(index);
    const value = decimalText(raw);
    if (value === undefined) this.problem(`${what}「${raw}」は数値として読めません`, index);
    return value;
  }

  /** The year a value is for: the cell of its year column, else the mapping's; a value without a year is a problem. */
  year(source: YearValue, valueIndex: number | undefined): number | undefined {
    const raw = this.text(source.fiscalYearColumn);
    if (!raw) {
      if (source.fiscalYear === undefined) this.problem('この値の年度がありません', source.fiscalYearColumn ?? valueIndex);
      return source.fiscalYear;
    }
    const fy = parseFiscalYear(raw);
    if (fy === undefined) this.problem(`年度「${raw}」が読めません（例: 2022, R4, 令和4年度）`, source.fiscalYearColumn);
    return fy;
  }

  /** A word of a list (kind, direction, cumulative); blank gives the fallback. */
  word<T>(index: number | undefined, words: ReadonlyMap<string, T>, fallback: T, what: string): T {
    const raw = this.text(index);
    if (!raw) return fallback;
    const found = words.get(comparable(raw));
    if (found === undefined) this.problem(`${what}「${raw}」が読めません（${[...words.keys()].join('、')}）`, index);
    return found ?? fallback;
  }
}

function readIndicator(cells: RowCells, col: IndicatorColumns['indicators'][number], path: readonly ImportedNode[]): void {
  const name = cells.text(col.name);
  if (!name) return;
  const node = path[col.tierIndex ?? path.length - 1];
  if (!node) {
    cells.problem(`指標「${name}」の項目がこの行にありません`, col.name);
    return;
  }
  node.indicators ??= [];
  let indicator = node.indicators.find((i) => i.name === name);
  const attributes = {
    unit: col.unit === undefined ? (col.fixed.unit ?? '') : cells.text(col.unit),
    kind: cells.word(col.kind, col.kindWords, col.fixed.kind ?? 'outcome', '指標の種類'),
    direction: cells.word(col.direction, col.directionWords, col.fixed.direction ?? 'higher', '指標の方向'),
    cumulative: cells.word(col.cumulative, CUMULATIVE, col.fixed.cumulative ?? false, '累計かどうか'),
  };
  if (indicator) {
    // A later row of the same indicator may leave its attribute cells blank; a different word is a second value.
    const known = indicator;
    const attributeColumns = [
      ['unit', col.unit, '単位'],
      ['kind', col.kind, '種類'],
      ['direction', col.direction, '方向'],
      ['cumulative', col.cumulative, '累計かどうか'],
    ] as const;
    for (const [key, index, what] of attributeColumns)
      if (cells.text(index) && attributes[key] !== known[key])
        cells.problem(`指標「${name}」の${what}が二通りあります（「${String(known[key])}」と「${cells.text(index)}」）`, index);
  } else {
    indicator = {
      name,
      ...attributes,
      decimals: col.fixed.decimals ?? 0,
      targets: [],
      actuals: [],
      source: cells.at(col.name),
    };
    node.indicators.push(indicator);
    if (col.tierIndex === undefined) cells.warnIfShallow(`指標「${name}」`, node, path.length, col.name);
  }
  if (col.baseline) {
    const value = cells.decimal(col.baseline.valueColumn, '基準値');
    const fiscalYear = value ? cells.year(col.baseline, col.baseline.valueColumn) : undefined;
    if (value && fiscalYear !== undefined) {
      if (indicator.baseline && (indicator.baseline.value !== value || indicator.baseline.fiscalYear !== fiscalYear))
        cells.problem(`指標「${name}」の基準値が二通りあります（${indicator.baseline.value} と ${value}）`, col.baseline.valueColumn);
      indicator.baseline = { fiscalYear, value };
    }
  }
  if (col.finalTarget) {
    const value = cells.decimal(col.finalTarget.valueColumn, '最終目標値');
    const fiscalYear = value ? cells.year(col.finalTarget, col.finalTarget.valueColumn) : undefined;
    if (value && fiscalYear !== undefined) addTarget(cells, indicator, 'final', fiscalYear, value, col.finalTarget.valueColumn);
  }
  for (const t of col.yearlyTargets) {
    const value = cells.decimal(t.index, `${t.fiscalYear}年度の目標値`);
    if (value) addTarget(cells, indicator, 'yearly', t.fiscalYear, value, t.index);
  }
  for (const a of col.actuals) addActual(cells, indicator, a.fiscalYear, a.index, '');
  const rows = col.actualRows;
  if (rows && (cells.text(rows.value) || cells.text(rows.target) || cells.text(rows.sourceNote))) {
    const fiscalYear = cells.year({ fiscalYearColumn: rows.fiscalYear! }, rows.value);
    if (fiscalYear === undefined) return;
    // The note is the actual's (indicator_actuals.source_note): without an actual it has nowhere to go.
    if (!cells.text(rows.value) && cells.text(rows.sourceNote))
      cells.problem(`${fiscalYear}年度の出典・備考「${cells.text(rows.sourceNote)}」がありますが、実績値（数値か測定不能）がありません`, rows.sourceNote);
    addActual(cells, indicator, fiscalYear, rows.value, cells.text(rows.sourceNote));
    const target = cells.decimal(rows.target, `${fiscalYear}年度の目標値`);
    if (target) addTarget(cells, indicator, 'yearly', fiscalYear, target, rows.target);
  }
  indicator.decimals = col.fixed.decimals ?? Math.max(indicator.decimals, ...figuresOf(indicator).map(fractionDigits));
}

function figuresOf(i: ImportedIndicator): string[] {
  return [...(i.baseline ? [i.baseline.value] : []), ...i.targets.map((t) => t.value), ...i.actuals.flatMap((a) => (a.value === null ? [] : [a.value]))];
}

/** Digits after the point (at most 6, the store's limit for display). */
const fractionDigits = (value: string) => Math.min(6, value.split('.')[1]?.length ?? 0);

function addTarget(
  cells: RowCells,
  indicator: ImportedIndicator,
  kind: 'yearly' | 'final',
  fiscalYear: number,
  value: string,
  index: number | undefined,
): void {
  const known = indicator.targets.find((t) => t.kind === kind && (kind === 'final' || t.fiscalYear === fiscalYear));
  if (!known) {
    indicator.targets.push({ kind, fiscalYear, value, revisions: [] });
    return;
  }
  if (known.value !== value || known.fiscalYear !== fiscalYear)
    cells.problem(
      `指標「${indicator.name}」の${kind === 'final' ? '最終目標値' : `${fiscalYear}年度の目標値`}が二通りあります（${known.value} と ${value}）`,
      index,
    );
}

function addActual(cells: RowCells, indicator: ImportedIndicator, fiscalYear: number, index: number | undefined, sourceNote: string): void {
  const raw = cells.text(index);
  if (!raw) return;
  const notMeasurable = NOT_MEASURABLE.has(comparable(raw));
  const value = notMeasurable ? null : cells.decimal(index, `${fiscalYear}年度の実績値`);
  if (value === undefined) return;
  const known = indicator.actuals.find((a) => a.fiscalYear === fiscalYear);
  if (!known) {
    indicator.actuals.push({ fiscalYear, value, notMeasurable, sourceNote });
    indicator.actuals.sort((a, b) => a.fiscalYear - b.fiscalYear);
  } else if (known.value !== value || known.notMeasurable !== notMeasurable) {
    cells.problem(`指標「${indicator.name}」の${fiscalYear}年度の実績値が二通りあります（${known.value ?? '測定不能'} と ${value ?? '測定不能'}）`, index);
  }
}

function readDirectionChoice(cells: RowCells, col: IndicatorColumns['directionChoices'][number], own: ImportedNode, path: readonly ImportedNode[]): void {
  const raw = cells.text(col.index);
  if (!raw) return;
  const match = matchChoice(raw, col.values);
  if (!match) {
    cells.problem(
      `今後の方向性「${raw}」は選択肢にありません（${col.values.map((v) => (v.code === v.label ? v.code : `${v.code} ${v.label}`)).join('、')}）`,
      col.index,
    );
    return;
  }
  own.directions ??= [];
  const note = cells.text(col.note);
  const known = own.directions.find((d) => d.fiscalYear === col.fiscalYear);
  if (!known) {
    own.directions.push({ fiscalYear: col.fiscalYear, code: match.code, note, source: cells.at(col.index) });
    cells.warnIfShallow(`${col.fiscalYear}年度の今後の方向性`, own, path.length, col.index);
  } else if (known.code !== match.code || known.note !== note)
    cells.problem(`「${own.name}」の${col.fiscalYear}年度の今後の方向性が二通りあります（${known.code} と ${match.code}）`, col.index);
}

function readCost(cells: RowCells, col: IndicatorColumns['costs'][number], own: ImportedNode, path: readonly ImportedNode[]): void {
  const figures = col.figures.map(([field, index]) => [field, index, cells.decimal(index, COST_FIELD_LABELS[field])] as const);
  const note = cells.text(col.note);
  if (figures.every(([, , v]) => v === null) && !note) return;
  const fiscalYear = cells.year(col.yearValue, figures.find(([, i]) => i !== undefined)?.[1]);
  const unitText = cells.text(col.unitColumn).normalize('NFKC');
  const unit = unitText ? COST_UNITS.find((u) => u === unitText) : col.unit;
  if (!unit) cells.problem(`金額の単位「${unitText}」が読めません（${COST_UNITS.join('、')}）`, col.unitColumn);
  if (fiscalYear === undefined || !unit || figures.some(([, , v]) => v === undefined)) return;
  const cost: ImportedCost = {
    fiscalYear,
    unit,
    ...(Object.fromEntries(figures.map(([field, , value]) => [field, value ?? null])) as CostFigures),
    note,
    source: cells.at(figures.find(([, i]) => i !== undefined)?.[1]),
  };
  own.costs ??= [];
  const known = own.costs.find((c) => c.fiscalYear === fiscalYear);
  if (!known) {
    own.costs.push(cost);
    cells.warnIfShallow(`${fiscalYear}年度の事業費`, own, path.length, figures.find(([, i]) => i !== undefined)?.[1]);
  } else if (COST_FIELDS.some((f) => known[f] !== cost[f]) || known.unit !== cost.unit || known.note !== cost.note)
    cells.problem(`「${own.name}」の${fiscalYear}年度の事業費が二通りあります`, figures.find(([, i]) => i !== undefined)?.[1]);
}
