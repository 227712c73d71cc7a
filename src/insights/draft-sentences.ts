/**
 * Short factual sentences for the reviewing division and the expert, made from
 * templates over the year's changes: the achievement rate and its change from the
 * year before and from the midterm round, how many achieved codes were added, how many
 * not-achieved ratings remain and since when, which items stagnate, which recovered or
 * fell back. Every number comes from the figures the sentence lists; nothing is invented,
 * and a sentence whose figures are missing is left out. Pure.
 */
import { stagnantCodes } from '../analysis/stagnation.js';
import { fiscalYearLabel, type EraStyle } from '../fiscal/fiscal-year.js';
import { roundKindLabel } from '../evaluations/round-kinds.js';
import { formatRate } from '../web/ui/format.js';
import type { Lang } from '../web/preferences.js';
import type { InsightRound } from './insights-queries.js';
import { it } from './messages.js';
import { ratePoints, type InsightInput, type InsightItem, type TierChange, type YearChanges } from './year-changes.js';

export interface DraftFigure {
  /** What the figure is (rate, count, points, year), for the reader and the tests. */
  key: string;
  /** As the sentence writes it. */
  text: string;
  value: number;
}

export interface DraftSentence {
  key: string;
  text: string;
  figures: DraftFigure[];
  /** Items the sentence speaks of. */
  items: { code: string; name: string }[];
}

export interface DraftOptions {
  lang: Lang;
  era: EraStyle;
  /** The plan's own name of a round kind (its settings); the generic one when absent. */
  kindLabel?: (kind: InsightRound['kind']) => string;
}

/** The fiscal year a round evaluates: the year it covers until, else its own. */
export function evaluatedYear(round: Pick<InsightRound, 'fiscalYear' | 'coversUntilFiscalYear'>): number {
  return round.coversUntilFiscalYear ?? round.fiscalYear;
}

/** The latest midterm round evaluating a year before the given one. */
export function midtermBefore(rounds: readonly InsightRound[], fiscalYear: number): InsightRound | undefined {
  return rounds
    .filter((r) => r.kind === 'midterm' && evaluatedYear(r) < fiscalYear)
    .sort((a, b) => evaluatedYear(a) - evaluatedYear(b))
    .pop();
}

const points = (p: number) => Math.abs(p).toFixed(2);

class Drafter {
  readonly out: DraftSentence[] = [];
  constructor(readonly o: DraftOptions) {}
  year(fy: number): string {
    return fiscalYearLabel(fy, this.o.era);
  }
  names(items: readonly { name: string }[]): string {
    return items.map((i) => i.name).join(it(this.o.lang, 'listSeparator'));
  }
  add(
    key: string,
    template: Parameters<typeof it>[1],
    vars: Record<string, string | number>,
    figures: DraftFigure[],
    items: { code: string; name: string }[] = [],
  ): void {
    this.out.push({ key, text: it(this.o.lang, template, vars), figures, items });
  }
}

function rateSentences(
  d: Drafter,
  plan: TierChange,
  achievedCodes: string,
  achieved: number,
  midterm: { round: InsightRound; rate: number | null } | undefined,
): void {
  const year = d.year(plan.fiscalYear);
  const rate = plan.rate.current;
  if (rate === null) return;
  d.add('rate', 'tRate', { year, tier: plan.tierName, total: plan.total.current, codes: achievedCodes, achieved, rate: formatRate(rate) }, [
    { key: 'total', text: String(plan.total.current), value: plan.total.current },
    { key: 'achieved', text: String(achieved), value: achieved },
    { key: 'rate', text: formatRate(rate), value: rate },
  ]);
  const delta = plan.rate.deltaPoints;
  if (delta !== null && plan.previousFiscalYear !== null && plan.rate.previous !== null) {
    const prevRate = formatRate(plan.rate.previous);
    d.add(
      'ratePrevious',
      delta > 0 ? 'tRateUp' : delta < 0 ? 'tRateDown' : 'tRateSame',
      { prev: d.year(plan.previousFiscalYear), prevRate, points: points(delta) },
      [
        { key: 'previousRate', text: prevRate, value: plan.rate.previous },
        { key: 'pointsFromPrevious', text: points(delta), value: delta },
      ],
    );
  }
  if (midterm && midterm.rate !== null && evaluatedYear(midterm.round) !== plan.previousFiscalYear) {
    const p = ratePoints(rate, midterm.rate)!;
    const midRate = formatRate(midterm.rate);
    d.add(
      'rateMidterm',
      p > 0 ? 'tMidUp' : p < 0 ? 'tMidDown' : 'tMidSame',
      {
        kind: d.o.kindLabel ? d.o.kindLabel(midterm.round.kind) : roundKindLabel(midterm.round.kind, d.o.lang),
        mid: d.year(evaluatedYear(midterm.round)),
        midRate,
        points: points(p),
      },
      [
        { key: 'midtermRate', text: midRate, value: midterm.rate },
        { key: 'pointsFromMidterm', text: points(p), value: p },
      ],
    );
  }
}

/** The start of each item's unbroken run of its current code, over the years with item ratings. */
function runStart(item: InsightItem, fiscalYear: number, itemYears: readonly number[]): number {
  const code = item.ratings.get(fiscalYear)!.code;
  let start = fiscalYear;
  for (let i = itemYears.indexOf(fiscalYear) - 1; i >= 0; i--) {
    if (item.ratings.get(itemYears[i]!)?.code !== code) break;
    start = itemYears[i]!;
  }
  return start;
}

function remainSentences(d: Drafter, plan: TierChange, items: readonly InsightItem[], notAchieved: readonly string[]): void {
  const fy = plan.fiscalYear;
  const years = [...new Set(items.flatMap((i) => [...i.ratings.keys()]))].filter((y) => y <= fy).sort((a, b) => a - b);
  for (const code of notAchieved) {
    const holding = items.filter((i) => i.ratings.get(fy)?.code === code);
    if (holding.length === 0) continue;
    const refs = holding.map((i) => ({ code: i.code, name: i.name }));
    const n = holding.length;
    d.add(`remain:${code}`, 'tRemain', { code, tier: plan.tierName, n }, [{ key: `remain:${code}`, text: String(n), value: n }], refs);
    const groups = new Map<number, number>();
    for (const i of holding) {
      const s = runStart(i, fy, years);
      groups.set(s, (groups.get(s) ?? 0) + 1);
    }
    const starts = [...groups.keys()].sort((a, b) => a - b);
    const sinceFigures = starts.map((s) => ({ key: `since:${code}`, text: d.year(s), value: s }));
    if (starts.length === 1 && starts[0]! < fy) {
      const since = d.year(starts[0]!);
      if (n === 1) d.add(`since:${code}`, 'tRemainOneSince', { code, since }, sinceFigures, refs);
      else d.add(`since:${code}`, 'tRemainAllSince', { code, since, n }, [{ key: `remain:${code}`, text: String(n), value: n }, ...sinceFigures], refs);
    } else if (starts.length > 1) {
      const parts = starts.map((s) => it(d.o.lang, 'tRemainPart', { n: groups.get(s)!, since: d.year(s) })).join(it(d.o.lang, 'listSeparator'));
      const counts = starts.map((s) => ({ key: `sinceCount:${code}`, text: String(groups.get(s)!), value: groups.get(s)! }));
      d.add(`since:${code}`, 'tRemainGroups', { code, parts }, [...counts, ...sinceFigures], refs);
    }
  }
}

function movementSentences(d: Drafter, plan: TierChange, achievedCodes: string, stagnantCodesText: string, stagnantYears: number): void {
  const refsOf = (list: readonly { code: string; name: string }[]) => list.map((i) => ({ code: i.code, name: i.name }));
  if (plan.stagnant.length > 0) {
    const n = plan.stagnant.length;
    const refs = plan.stagnant.map((s) => ({ code: s.itemCode, name: s.name }));
    d.add(
      'stagnant',
      'tStagnant',
      { years: stagnantYears, codes: stagnantCodesText, tier: plan.tierName, n, names: d.names(refs) },
      [
        { key: 'stagnantYears', text: String(stagnantYears), value: stagnantYears },
        { key: 'stagnant', text: String(n), value: n },
      ],
      refs,
    );
  }
  // Items that reached the achieved codes again, then items that left them: the same sentence shape.
  const turns = [
    ['recovered', 'tRecovered', plan.items.filter((c) => c.recovered)],
    ['fellBack', 'tFellBack', plan.items.filter((c) => c.fellBack)],
  ] as const;
  for (const [kind, template, items] of turns) {
    if (items.length === 0) continue;
    d.add(
      kind,
      template,
      { tier: plan.tierName, n: items.length, codes: achievedCodes, names: d.names(items) },
      [{ key: kind, text: String(items.length), value: items.length }],
      refsOf(items),
    );
  }
}

/**
 * The sentences for one fiscal year of a plan (its primary tier): `changes` of that
 * year, `input` for the runs, `rounds` for the midterm.
 */
export function draftSentences(changes: YearChanges, input: InsightInput, rounds: readonly InsightRound[], options: DraftOptions): DraftSentence[] {
  const plan = changes.plan;
  const tier = input.tiers.find((t) => t.primary);
  if (!plan || !tier || plan.total.current === 0) return [];
  const d = new Drafter(options);
  const achievedList = tier.scale.filter((c) => c.countsAsAchieved);
  const achievedCodes = achievedList.map((c) => c.code).join('・');
  const sum = (counts: readonly { code: string; current: number; previous: number | null }[], field: 'current' | 'previous') =>
    counts
      .filter((c) => achievedList.some((a) => a.code === c.code))
      .reduce((s, c) => (s === null || c[field] === null ? null : s + c[field]!), 0 as number | null);
  const achievedNow = sum(plan.counts, 'current')!;
  const achievedBefore = sum(plan.counts, 'previous');
  const midRound = midtermBefore(rounds, changes.fiscalYear);
  const midterm = midRound ? { round: midRound, rate: tier.years.find((y) => y.fiscalYear === evaluatedYear(midRound))?.achievementRate ?? null } : undefined;
  rateSentences(d, plan, achievedCodes, achievedNow, midterm);
  if (achievedBefore !== null) {
    const n = achievedNow - achievedBefore;
    d.add('achieved', n > 0 ? 'tAchievedMore' : n < 0 ? 'tAchievedFewer' : 'tAchievedSame', { codes: achievedCodes, current: achievedNow, n: Math.abs(n) }, [
      { key: 'achievedNow', text: String(achievedNow), value: achievedNow },
      ...(n === 0 ? [] : [{ key: 'achievedDelta', text: String(Math.abs(n)), value: n }]),
    ]);
  }
  const notAchieved = [...stagnantCodes(tier.scale)];
  const items = input.items.filter((i) => i.level === tier.level);
  remainSentences(
    d,
    plan,
    items,
    tier.scale.filter((c) => notAchieved.includes(c.code)).map((c) => c.code),
  );
  movementSentences(d, plan, achievedCodes, notAchieved.join('・'), changes.stagnantYears);
  return d.out;
}
