/**
 * The answers of /plans/{plan}/indicators, /directions and /costs from the plan's public
 * snapshot (portal/public-outputs.ts), filtered by item, subtree and fiscal year, one page
 * at a time. `data` is paged by its key (document order); a list beside it (proposals,
 * cost totals) is cut at the same keys, so a walk over the pages gives each of its rows
 * once, on the page whose span holds its key.
 */
import { shortWareki } from '../fiscal/fiscal-year.js';
import type { PublicDataset } from '../portal/public-data.js';
import type { PublicIndicator } from '../portal/public-outputs.js';
import { portalUrls } from '../portal/urls.js';
import { codeSortKey, paginate } from './pagination.js';
import { apiUrls } from './resources.js';

export interface OutputFilter {
  item?: string | undefined;
  under?: string | undefined;
  fiscalYear?: number | undefined;
  limit: number;
  /** The decoded cursor: the key of the previous page's last row. */
  cursor?: string | undefined;
}

/** A page of an outputs answer: its body without links, and the key the next page starts after. */
export interface OutputPage<B> {
  body: B;
  nextKey: string | null;
  total: number;
  count: number;
}

interface Keyed<T> {
  key: string;
  row: T;
}

const byKey = <T>(rows: Keyed<T>[]): Keyed<T>[] => rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Key of an item's row in a year: years first, then document order. */
const yearItemKey = (fiscalYear: number, itemCode: string) => `${String(fiscalYear).padStart(4, '0')}/${codeSortKey(itemCode)}`;

/**
 * An item's indicators come before its children's (`#` sorts before the `.` of a child's code).
 * Position 0 is an item's proposals (second number: the fiscal year), just before its indicators.
 */
const indicatorKey = (itemCode: string, position: number, idOrYear: number) =>
  `${codeSortKey(itemCode)}#${String(position).padStart(5, '0')}/${String(idOrYear).padStart(12, '0')}`;

/** `data` paged; `beside` cut at the same keys: after the cursor, up to the page's last key (to the end on the last page). */
function pageOf<T, U>(data: readonly Keyed<T>[], beside: readonly Keyed<U>[], f: OutputFilter) {
  const page = paginate(data, (r) => r.key, f.cursor, f.limit);
  const from = f.cursor;
  const to = page.nextKey;
  const within = beside.filter((r) => (from === undefined || r.key > from) && (to === null || r.key <= to));
  return { rows: page.rows.map((r) => r.row), beside: within.map((r) => r.row), nextKey: page.nextKey, total: page.total };
}

/** The plan's outputs in key order, once per snapshot (a walk over the pages reads them many times). */
interface SortedOutputs {
  indicators: Keyed<PublicIndicator>[];
  proposals: Keyed<PublicDataset['outputs']['proposals'][number]>[];
  directions: Keyed<PublicDataset['outputs']['directions'][number]>[];
  costs: Keyed<PublicDataset['outputs']['costs'][number]>[];
  costTotals: Keyed<PublicDataset['outputs']['costTotals'][number]>[];
}

const sortedCache = new WeakMap<PublicDataset, SortedOutputs>();
function sorted(data: PublicDataset): SortedOutputs {
  let s = sortedCache.get(data);
  if (!s) {
    const o = data.outputs;
    const positionInItem = new Map<number, number>();
    const seen = new Map<string, number>();
    // The snapshot lists an item's indicators in their own order; that order is their position.
    for (const i of o.indicators) {
      const n = (seen.get(i.itemCode) ?? 0) + 1;
      seen.set(i.itemCode, n);
      positionInItem.set(i.id, n);
    }
    s = {
      indicators: byKey(o.indicators.map((row) => ({ key: indicatorKey(row.itemCode, positionInItem.get(row.id) ?? 0, row.id), row }))),
      proposals: byKey(o.proposals.map((row) => ({ key: indicatorKey(row.itemCode, 0, row.fiscalYear), row }))),
      directions: byKey(o.directions.map((row) => ({ key: yearItemKey(row.fiscalYear, row.itemCode), row }))),
      costs: byKey(o.costs.map((row) => ({ key: yearItemKey(row.fiscalYear, row.itemCode), row }))),
      costTotals: byKey(o.costTotals.map((row) => ({ key: yearItemKey(row.fiscalYear, row.itemCode), row }))),
    };
    sortedCache.set(data, s);
  }
  return s;
}

function itemFilter(f: OutputFilter): (code: string) => boolean {
  return (code) => (f.item === undefined || code === f.item) && (f.under === undefined || code === f.under || code.startsWith(`${f.under}.`));
}

const yearMatches = (f: OutputFilter, fy: number) => f.fiscalYear === undefined || f.fiscalYear === fy;

function indicatorResource(data: PublicDataset, i: PublicIndicator, f: OutputFilter, notReset: ReadonlySet<number>) {
  return {
    id: i.id,
    itemCode: i.itemCode,
    itemName: data.itemsByCode.get(i.itemCode)?.name ?? '',
    name: i.name,
    unit: i.unit,
    kind: i.kind,
    direction: i.direction,
    cumulative: i.cumulative,
    decimals: i.decimals,
    baseline: i.baseline ? { ...i.baseline, fiscalYearLabel: shortWareki(i.baseline.fiscalYear) } : null,
    targets: i.targets,
    targetNotResetAfterExtension: notReset.has(i.id),
    years: i.years.filter((y) => yearMatches(f, y.fiscalYear)).map((y) => ({ ...y, fiscalYearLabel: shortWareki(y.fiscalYear) })),
    links: { item: apiUrls.item(data.plan.slug, i.itemCode), portal: portalUrls.item(data.plan.slug, i.itemCode) },
  };
}

export function indicatorsResource(data: PublicDataset, f: OutputFilter) {
  const matches = itemFilter(f);
  const s = sorted(data);
  const notReset = new Set(data.outputs.targetsNotReset.map((x) => x.indicatorId));
  const page = pageOf(
    s.indicators.filter((i) => matches(i.row.itemCode)),
    s.proposals.filter((p) => matches(p.row.itemCode) && yearMatches(f, p.row.fiscalYear)),
    f,
  );
  return {
    body: {
      rule: data.outputs.rule,
      data: page.rows.map((i) => indicatorResource(data, i, f, notReset)),
      proposals: page.beside.map((p) => ({ ...p, fiscalYearLabel: shortWareki(p.fiscalYear), followed: p.code === p.proposedCode })),
    },
    nextKey: page.nextKey,
    total: page.total,
    count: page.rows.length,
  };
}

export function directionsResource(data: PublicDataset, f: OutputFilter) {
  const o = data.outputs;
  const matches = itemFilter(f);
  const page = pageOf(
    sorted(data).directions.filter((d) => matches(d.row.itemCode) && yearMatches(f, d.row.fiscalYear)),
    [],
    f,
  );
  return {
    body: {
      codes: o.directionCodes,
      counts: o.directionCounts.filter((y) => yearMatches(f, y.fiscalYear)).map((y) => ({ ...y, fiscalYearLabel: shortWareki(y.fiscalYear) })),
      data: page.rows.map((d) => ({ ...d, itemName: data.itemsByCode.get(d.itemCode)?.name ?? '', fiscalYearLabel: shortWareki(d.fiscalYear) })),
    },
    nextKey: page.nextKey,
    total: page.total,
    count: page.rows.length,
  };
}

export function costsResource(data: PublicDataset, f: OutputFilter) {
  const matches = itemFilter(f);
  const s = sorted(data);
  const named = (code: string, fiscalYear: number) => ({
    itemCode: code,
    itemName: data.itemsByCode.get(code)?.name ?? '',
    fiscalYear,
    fiscalYearLabel: shortWareki(fiscalYear),
  });
  const page = pageOf(
    s.costs.filter((c) => matches(c.row.itemCode) && yearMatches(f, c.row.fiscalYear)),
    s.costTotals.filter((c) => matches(c.row.itemCode) && yearMatches(f, c.row.fiscalYear)),
    f,
  );
  return {
    body: {
      totalsUnit: '千円' as const,
      data: page.rows.map((c) => ({ ...named(c.itemCode, c.fiscalYear), unit: c.unit, ...c.figures, note: c.note })),
      totals: page.beside.map((c) => ({ ...named(c.itemCode, c.fiscalYear), ...c.figures })),
    },
    nextKey: page.nextKey,
    total: page.total,
    count: page.rows.length,
  };
}
