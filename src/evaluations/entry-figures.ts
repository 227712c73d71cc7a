/**
 * The figures a department enters beside its rating: the actuals of the item's indicators
 * for the round's year, the 今後の方向性 code from the plan's list, the year's costs (when
 * the plan asks for them) and the reason for choosing a rating other than the rule's
 * proposal. Form fields arrive as typed text (`actual-<indicator id>`, `notMeasurable-<id>`,
 * `sourceNote-<id>`, `directionCode`, `cost-<field>`, `costUnit`, `costNote`,
 * `overrideReason`); they are kept as typed for re-display and checked here into what the
 * entry stores. Plain functions; the store calls them.
 */
import type { z } from 'zod';
import { actualInput, costInput } from '../indicators/indicator-schema.js';
import { COST_FIELDS, fundingMismatch, type CostField, type CostFigures, type CostUnit } from '../indicators/cost-rollup.js';
import type { EnteredActual } from '../indicators/entry-proposal.js';

export interface TypedActual {
  value: string;
  notMeasurable: boolean;
  sourceNote: string;
}

/** The figures exactly as typed. */
export interface TypedFigures {
  /** By indicator id. */
  actuals: Record<string, TypedActual>;
  directionCode: string;
  overrideReason: string;
  costs: Record<CostField, string> & { unit: string; note: string };
}

export type StoredCosts = CostFigures & { unit: CostUnit; note: string };

/** The figures as the entry stores them. */
export interface EntryFigures {
  actuals: Record<string, EnteredActual>;
  directionCode: string | null;
  costs: StoredCosts | null;
}

export interface FiguresContext {
  indicatorIds: readonly number[];
  directionCodes: readonly string[];
  costsEnabled: boolean;
}

const MAX_REASON = 4000;

const one = (v: string | string[] | undefined): string => [v ?? ''].flat()[0] ?? '';

/** The figures as typed in a form body; fields the form did not send are blank. */
export function typedFiguresFromForm(raw: Record<string, string | string[]>): TypedFigures {
  const actuals: Record<string, TypedActual> = {};
  const ids = new Set(Object.keys(raw).flatMap((k) => /^(?:actual|notMeasurable|sourceNote)-([1-9][0-9]{0,8})$/.exec(k)?.[1] ?? []));
  for (const id of ids) {
    actuals[String(id)] = { value: one(raw[`actual-${id}`]), notMeasurable: one(raw[`notMeasurable-${id}`]) === '1', sourceNote: one(raw[`sourceNote-${id}`]) };
  }
  const costs = Object.fromEntries(COST_FIELDS.map((f) => [f, one(raw[`cost-${f}`])])) as Record<CostField, string>;
  return {
    actuals,
    directionCode: one(raw.directionCode).trim(),
    overrideReason: one(raw.overrideReason),
    costs: { ...costs, unit: one(raw.costUnit) || '千円', note: one(raw.costNote) },
  };
}

/** What an entry holds, as a form would show it. */
export function typedFiguresOf(f: EntryFigures, overrideReason: string): TypedFigures {
  const actuals: Record<string, TypedActual> = {};
  for (const [id, a] of Object.entries(f.actuals)) actuals[id] = { value: a.value ?? '', notMeasurable: a.notMeasurable, sourceNote: a.sourceNote };
  const c = f.costs;
  const costs = Object.fromEntries(COST_FIELDS.map((k) => [k, c?.[k] ?? ''])) as Record<CostField, string>;
  return { actuals, directionCode: f.directionCode ?? '', overrideReason, costs: { ...costs, unit: c?.unit ?? '千円', note: c?.note ?? '' } };
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? '入力を確認してください。';
}

/**
 * The figures to store, and field errors (by form field name) in Japanese. Actuals of
 * indicators not on the item are ignored; a blank actual is "not entered". An actual marked
 * 測定不能 needs its reason in the source note. Costs are read only when the plan asks for them.
 */
export function checkFigures(typed: TypedFigures, ctx: FiguresContext): { figures: EntryFigures; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const actuals: Record<string, EnteredActual> = {};
  for (const id of ctx.indicatorIds) {
    const a = typed.actuals[String(id)];
    if (!a) continue;
    const parsed = actualInput.safeParse({ value: a.value, notMeasurable: a.notMeasurable, sourceNote: a.sourceNote });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors[issue?.path[0] === 'sourceNote' ? `sourceNote-${id}` : `actual-${id}`] = firstMessage(parsed.error);
      continue;
    }
    if (parsed.data.notMeasurable && parsed.data.sourceNote === '') {
      errors[`sourceNote-${id}`] = '測定不能とする場合は、その理由や出典を入力してください。';
      continue;
    }
    if (parsed.data.value === null && !parsed.data.notMeasurable && parsed.data.sourceNote === '') continue;
    actuals[String(id)] = parsed.data;
  }
  let directionCode: string | null = typed.directionCode || null;
  if (directionCode !== null && !ctx.directionCodes.includes(directionCode)) {
    errors.directionCode = `今後の方向性は ${ctx.directionCodes.join('・')} から選んでください。`;
    directionCode = null;
  }
  if (typed.overrideReason.length > MAX_REASON) errors.overrideReason = `${MAX_REASON}文字以内で入力してください（現在${typed.overrideReason.length}文字）。`;
  let costs: StoredCosts | null = null;
  if (ctx.costsEnabled) {
    const blank = COST_FIELDS.every((f) => typed.costs[f].trim() === '') && typed.costs.note.trim() === '';
    if (!blank) {
      const parsed = costInput.safeParse({ ...typed.costs });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'unit');
          errors[field === 'unit' ? 'costUnit' : field === 'note' ? 'costNote' : `cost-${field}`] ??= issue.message;
        }
      } else {
        const mismatch = fundingMismatch(parsed.data);
        if (mismatch) errors['cost-generalFunds'] = mismatch;
        else costs = parsed.data;
      }
    }
  }
  return { figures: { actuals, directionCode, costs }, errors };
}

/** The entered actuals that parsed, for the proposal shown after a refused save (what was typed, where it reads as a number). */
export function enteredActualsOf(typed: TypedFigures): Record<string, EnteredActual> {
  const out: Record<string, EnteredActual> = {};
  for (const [id, a] of Object.entries(typed.actuals)) {
    const parsed = actualInput.safeParse({ value: a.value, notMeasurable: a.notMeasurable, sourceNote: a.sourceNote });
    if (parsed.success) out[id] = parsed.data;
  }
  return out;
}
