/**
 * The answers of /plans/{plan}/indicators, /directions and /costs from the plan's public
 * snapshot (portal/public-outputs.ts), filtered by item, subtree and fiscal year.
 */
import { shortWareki } from '../fiscal/fiscal-year.js';
import type { PublicDataset } from '../portal/public-data.js';
import type { PublicIndicator } from '../portal/public-outputs.js';
import { portalUrls } from '../portal/urls.js';
import { apiUrls } from './resources.js';

export interface OutputFilter {
  item?: string | undefined;
  under?: string | undefined;
  fiscalYear?: number | undefined;
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
  const o = data.outputs;
  const matches = itemFilter(f);
  const notReset = new Set(o.targetsNotReset.map((x) => x.indicatorId));
  return {
    rule: o.rule,
    data: o.indicators.filter((i) => matches(i.itemCode)).map((i) => indicatorResource(data, i, f, notReset)),
    proposals: o.proposals
      .filter((p) => matches(p.itemCode) && yearMatches(f, p.fiscalYear))
      .map((p) => ({ ...p, fiscalYearLabel: shortWareki(p.fiscalYear), followed: p.code === p.proposedCode })),
  };
}

export function directionsResource(data: PublicDataset, f: OutputFilter) {
  const o = data.outputs;
  const matches = itemFilter(f);
  return {
    codes: o.directionCodes,
    counts: o.directionCounts.filter((y) => yearMatches(f, y.fiscalYear)).map((y) => ({ ...y, fiscalYearLabel: shortWareki(y.fiscalYear) })),
    data: o.directions
      .filter((d) => matches(d.itemCode) && yearMatches(f, d.fiscalYear))
      .map((d) => ({ ...d, itemName: data.itemsByCode.get(d.itemCode)?.name ?? '', fiscalYearLabel: shortWareki(d.fiscalYear) })),
  };
}

export function costsResource(data: PublicDataset, f: OutputFilter) {
  const o = data.outputs;
  const matches = itemFilter(f);
  const order = (code: string) => data.itemsByCode.get(code)?.order ?? 0;
  const named = (code: string, fiscalYear: number) => ({
    itemCode: code,
    itemName: data.itemsByCode.get(code)?.name ?? '',
    fiscalYear,
    fiscalYearLabel: shortWareki(fiscalYear),
  });
  return {
    totalsUnit: '千円' as const,
    data: o.costs
      .filter((c) => matches(c.itemCode) && yearMatches(f, c.fiscalYear))
      .sort((a, b) => a.fiscalYear - b.fiscalYear || order(a.itemCode) - order(b.itemCode))
      .map((c) => ({ ...named(c.itemCode, c.fiscalYear), unit: c.unit, ...c.figures, note: c.note })),
    totals: o.costTotals
      .filter((c) => matches(c.itemCode) && yearMatches(f, c.fiscalYear))
      .sort((a, b) => a.fiscalYear - b.fiscalYear || order(a.itemCode) - order(b.itemCode))
      .map((c) => ({ ...named(c.itemCode, c.fiscalYear), ...c.figures })),
  };
}
