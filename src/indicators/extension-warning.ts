/**
 * The warning for a plan whose period was extended while its indicators' targets were
 * not re-set: the indicators `targetsNotResetAfterExtension` (indicator-series.ts, pure)
 * finds, with the items they belong to, for the division's board and the report.
 */
import type { Queryable } from '../db/db.js';
import { loadPlan } from '../plans/plan-queries.js';
import { loadIndicatorSeries } from './indicator-queries.js';
import { finalTarget, targetsNotResetAfterExtension, type IndicatorSeries } from './indicator-series.js';

export interface ExtensionWarning {
  /** The period's end before and after the extensions. */
  endFiscalYear: number;
  effectiveEndFiscalYear: number;
  indicators: { indicatorId: number; name: string; itemId: number; itemCode: string; itemName: string; targetFiscalYear: number }[];
}

/** The indicators without re-set targets, each with its item, in the plan's order; null when there are none. */
export function extensionWarningOf(
  series: readonly IndicatorSeries[],
  plan: Parameters<typeof targetsNotResetAfterExtension>[1],
  items: ReadonlyMap<number, { code: string; name: string }>,
): ExtensionWarning | null {
  const stale = targetsNotResetAfterExtension(series, plan);
  if (stale.length === 0) return null;
  return {
    endFiscalYear: plan.endFiscalYear,
    effectiveEndFiscalYear: plan.effectiveEndFiscalYear,
    indicators: stale
      .map((s) => ({
        indicatorId: s.id,
        name: s.name,
        itemId: s.itemId,
        itemCode: items.get(s.itemId)?.code ?? '',
        itemName: items.get(s.itemId)?.name ?? '',
        targetFiscalYear: finalTarget(s)!.fiscalYear,
      }))
      // The series come tier by tier; the warning lists them as the plan reads (1.1.2 before 1.2.1 before 2.1.1).
      .sort((a, b) => compareItemCodes(a.itemCode, b.itemCode)),
  };
}

/** Dotted item numbers in document order: "1.2" before "1.10", "1.2" before "1.2.1". */
export function compareItemCodes(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export async function loadExtensionWarning(db: Queryable, planId: number): Promise<ExtensionWarning | null> {
  const plan = await loadPlan(db, planId);
  if (plan.effectiveEndFiscalYear <= plan.endFiscalYear) return null;
  const series = await loadIndicatorSeries(db, planId);
  const ids = [...new Set(series.map((s) => s.itemId))];
  const items = await db.query<{ id: number; code: string; name: string }>('select id, code, name from plan_items where id = any($1::int[])', [ids]);
  return extensionWarningOf(series, plan, new Map(items.rows.map((i) => [i.id, i])));
}
