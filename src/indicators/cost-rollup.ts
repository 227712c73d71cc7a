/**
 * Costs per item per fiscal year and their totals up the item tree. Sums are exact
 * decimals in one unit (千円 unless asked): rows kept in 円 or 百万円 are converted, so a
 * program's total is the sum of its sub-items' whatever unit each department used.
 */
import { invalidInput } from '../errors.js';
import { Dec } from './decimal.js';

export const COST_UNITS = ['円', '千円', '百万円'] as const;
export type CostUnit = (typeof COST_UNITS)[number];

export const COST_FIELDS = ['projectCost', 'personnelCost', 'totalCost', 'nationalPrefecturalFunds', 'localBonds', 'otherFunds', 'generalFunds'] as const;
export type CostField = (typeof COST_FIELDS)[number];

/** The published names of the fields, in the order reports show them. */
export const COST_FIELD_LABELS: Readonly<Record<CostField, string>> = {
  projectCost: '事業費',
  personnelCost: '人件費',
  totalCost: 'トータルコスト',
  nationalPrefecturalFunds: '国・県支出金',
  localBonds: '地方債',
  otherFunds: 'その他',
  generalFunds: '一般財源',
};

export type CostFigures = Record<CostField, string | null>;

export interface ItemCost extends CostFigures {
  itemId: number;
  fiscalYear: number;
  unit: CostUnit;
  note: string;
}

const YEN_PER_UNIT: Readonly<Record<CostUnit, number>> = { 円: 1, 千円: 1000, 百万円: 1000000 };

export function convertCost(value: string, from: CostUnit, to: CostUnit): string {
  return new Dec(value).times(YEN_PER_UNIT[from]).div(YEN_PER_UNIT[to]).toString();
}

/** トータルコスト as published, else 事業費 + 人件費 when either is known. */
export function totalCostOf(c: CostFigures): string | null {
  if (c.totalCost !== null) return c.totalCost;
  if (c.projectCost === null && c.personnelCost === null) return null;
  return new Dec(c.projectCost ?? 0).plus(c.personnelCost ?? 0).toString();
}

/** Where the funding sources, when all are given, do not add up to 事業費. */
export function fundingMismatch(c: CostFigures): string | null {
  const sources = [c.nationalPrefecturalFunds, c.localBonds, c.otherFunds, c.generalFunds];
  if (c.projectCost === null || sources.some((s) => s === null)) return null;
  const sum = sources.reduce((acc, s) => acc.plus(s!), new Dec(0));
  return sum.eq(c.projectCost) ? null : `財源内訳の合計（${sum.toString()}）が事業費（${c.projectCost}）と一致しません。`;
}

export interface TreeLike {
  id: number;
  children: readonly TreeLike[];
}

/** Totals per node per fiscal year, `into` the unit asked; a node with no cost below it has no entry. */
export function rollUpCosts(roots: readonly TreeLike[], costs: readonly ItemCost[], into: CostUnit = '千円'): Map<number, Map<number, CostFigures>> {
  if (!COST_UNITS.includes(into)) throw invalidInput(`金額の単位が正しくありません: ${into}`);
  const own = new Map<number, ItemCost[]>();
  for (const c of costs) {
    const list = own.get(c.itemId);
    if (list) list.push(c);
    else own.set(c.itemId, [c]);
  }
  const totals = new Map<number, Map<number, CostFigures>>();
  const add = (target: Map<number, CostFigures>, year: number, figures: CostFigures) => {
    const sum = target.get(year) ?? emptyCostFigures();
    for (const f of COST_FIELDS) {
      const v = figures[f];
      if (v !== null) sum[f] = new Dec(sum[f] ?? 0).plus(v).toString();
    }
    target.set(year, sum);
  };
  const walk = (node: TreeLike): Map<number, CostFigures> => {
    const mine = new Map<number, CostFigures>();
    for (const c of own.get(node.id) ?? []) {
      const figures = emptyCostFigures();
      for (const f of COST_FIELDS) {
        const v = f === 'totalCost' ? totalCostOf(c) : c[f];
        figures[f] = v === null ? null : convertCost(v, c.unit, into);
      }
      add(mine, c.fiscalYear, figures);
    }
    for (const child of node.children) for (const [year, figures] of walk(child)) add(mine, year, figures);
    if (mine.size > 0) totals.set(node.id, mine);
    return mine;
  };
  roots.forEach(walk);
  return totals;
}

/** Every figure absent: the start of a sum, or a cost row before its figures are filled in. */
export function emptyCostFigures(): CostFigures {
  return { projectCost: null, personnelCost: null, totalCost: null, nationalPrefecturalFunds: null, localBonds: null, otherFunds: null, generalFunds: null };
}
