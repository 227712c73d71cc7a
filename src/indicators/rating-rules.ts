/**
 * The rule engine: from an indicator's baseline, target in effect, actual and the plan
 * period, a rule proposes a rating code — or says why it cannot. Pure functions over
 * plain data; rules are data (ordered thresholds with codes), so a municipality's new
 * thresholds need no code. rule-words.ts says a rule in words for the report's 評価要領.
 *
 * Definitions the engine keeps everywhere:
 * - achievement ratio: actual ÷ target; for lower-is-better indicators target ÷ actual,
 *   and an actual of 0 or below against a target of 0 or more counts as beyond every threshold.
 * - progress: (actual − baseline) ÷ (target − baseline), which already has the right sign
 *   for lower-is-better indicators; a target set on the wrong side of the baseline is not evaluable.
 * - elapsed share: (year − first year + 1) ÷ (target year − first year + 1), at most 1.
 * - the order of a rule's codes (`ruleCodeOrder`) is best first.
 */
import { z } from 'zod';
import { beyondPhrase, withinPhrase } from './rule-words.js';
import { abs, add, cmp, div, exact, HUNDRED, int, min, mul, sign, sub, toDecimalText, toFixedText, ZERO, type Exact } from './exact-ratio.js';

const decimalText = z
  .string()
  .trim()
  .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, '数値で入力してください。');
const code = z.string().trim().min(1, '評価の記号を入力してください。');

const threshold = z.object({
  /** Percent. */
  atLeast: decimalText,
  /** true: strictly greater than `atLeast` ("110 % 超"). */
  strict: z.boolean().default(false),
  code,
});
export type Threshold = z.infer<typeof threshold>;

const thresholdList = z
  .array(threshold)
  .min(1, 'しきい値を1つ以上指定してください。')
  .refine((list) => list.every((t, i) => i === 0 || cmp(exact(t.atLeast), exact(list[i - 1]!.atLeast)) <= 0), 'しきい値は大きい順に並べてください。');

export const ratioThresholdsParameters = z.object({
  thresholds: thresholdList,
  /** Code below the last threshold. */
  otherwise: code,
  /** Code shown when the rule cannot propose (e.g. "−"); absent: no code. */
  notEvaluable: code.optional(),
});

export const progressVsElapsedParameters = ratioThresholdsParameters;

export const bandAroundTargetParameters = z.object({
  /** Percent of the target above it (below it for lower-is-better) beyond which `beyond` applies. */
  upperPercent: decimalText,
  /** true: reaching the upper bound itself counts as beyond ("目標値以上" with 0 %). */
  beyondInclusive: z.boolean().default(false),
  /** Percent of the target below it (above it for lower-is-better) still counted as `within`. */
  lowerPercent: decimalText,
  codes: z.object({ beyond: code, within: code, improved: code, notImproved: code }),
  notEvaluable: code.optional(),
});

export const manualParameters = z.object({}).strict();

export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ratio_thresholds'), parameters: ratioThresholdsParameters }),
  z.object({ kind: z.literal('band_around_target'), parameters: bandAroundTargetParameters }),
  z.object({ kind: z.literal('progress_vs_elapsed'), parameters: progressVsElapsedParameters }),
  z.object({ kind: z.literal('manual'), parameters: manualParameters }),
]);
export type RatingRule = z.infer<typeof ruleSchema>;
export type RuleKind = RatingRule['kind'];

/** Parses a rule read from the store or a form; throws a ZodError with Japanese messages. */
export function parseRule(input: { kind: string; parameters: unknown }): RatingRule {
  return ruleSchema.parse(input);
}

export interface RuleIndicator {
  direction: 'higher' | 'lower';
  cumulative: boolean;
}

export interface RuleInput {
  indicator: RuleIndicator;
  /** Numbers as text (PostgreSQL numeric); null when absent. */
  baseline: string | null;
  /** The target in effect for the year, revisions applied. For progress_vs_elapsed, the period's target. */
  target: string | null;
  /** The year the target is for (progress_vs_elapsed: the end of the elapsed share); default: the period's end. */
  targetFiscalYear?: number | undefined;
  /** null: no actual entered. For cumulative indicators, the sum since the period's start. */
  actual: { value: string | null; notMeasurable: boolean } | null;
  fiscalYear: number;
  period: { startFiscalYear: number; endFiscalYear: number };
}

export type NotEvaluableCause =
  | 'manual'
  | 'missing-actual'
  | 'not-measurable'
  | 'missing-target'
  | 'missing-baseline'
  | 'zero-denominator'
  | 'before-period'
  | 'target-on-wrong-side';

export type RuleResult =
  | {
      status: 'proposed';
      code: string;
      /** What the thresholds were applied to. */
      measure: 'ratio' | 'progress-pace' | 'band';
      /** Percent as decimal text (to 10 places); null when beyond every threshold (lower-is-better with actual 0). */
      readonly percent: string | null;
      /** progress_vs_elapsed only: progress and elapsed share in percent. */
      readonly progressPercent?: string;
      readonly elapsedPercent?: string;
      readonly explanation: string;
    }
  | { status: 'not-evaluable'; code: string | null; cause: NotEvaluableCause; explanation: string };

const percentText = (x: Exact) => toFixedText(x, 1);

/** A number as the engine reads it: exact, with the text it came from for the explanation. */
export interface ExactValue {
  x: Exact;
  text: string;
}

export const exactValue = (text: string): ExactValue => ({ x: exact(text), text });

/** RuleInput with its numbers parsed once (a series judged over ten years parses each value once). */
export interface PreparedRuleInput extends Omit<RuleInput, 'baseline' | 'target' | 'actual'> {
  baseline: ExactValue | null;
  target: ExactValue | null;
  actual: { value: ExactValue | null; notMeasurable: boolean } | null;
}

function notEvaluable(rule: RatingRule, cause: NotEvaluableCause, explanation: string): RuleResult {
  const fallback = rule.kind === 'manual' ? null : (rule.parameters.notEvaluable ?? null);
  return { status: 'not-evaluable', code: fallback, cause, explanation };
}

/**
 * A proposal whose texts are written when first read: the board needs only the codes of
 * thousands of indicator-years, a page or report reads the words of those it shows.
 * `toJSON` writes them out, so JSON output is the plain object.
 */
class Proposal {
  readonly status = 'proposed' as const;
  #percent: string | null | undefined;
  #explanation: string | undefined;
  constructor(
    readonly code: string,
    readonly measure: 'ratio' | 'progress-pace' | 'band',
    private readonly percentOf: () => string | null,
    private readonly explain: () => string,
    private readonly pace?: { progress: Exact; elapsed: Exact },
  ) {}
  get percent(): string | null {
    if (this.#percent === undefined) this.#percent = this.percentOf();
    return this.#percent;
  }
  get explanation(): string {
    this.#explanation ??= this.explain();
    return this.#explanation;
  }
  get progressPercent(): string | undefined {
    return this.pace && toDecimalText(mul(this.pace.progress, HUNDRED));
  }
  get elapsedPercent(): string | undefined {
    return this.pace && toDecimalText(mul(this.pace.elapsed, HUNDRED));
  }
  toJSON() {
    const { status, code, measure, percent, explanation, progressPercent, elapsedPercent } = this;
    return { status, code, measure, percent, explanation, ...(this.pace ? { progressPercent, elapsedPercent } : {}) };
  }
}

function proposal(
  code: string,
  measure: 'ratio' | 'progress-pace' | 'band',
  percent: () => string | null,
  explanation: () => string,
  pace?: { progress: Exact; elapsed: Exact },
): RuleResult {
  return new Proposal(code, measure, percent, explanation, pace);
}

// Thresholds and bands parsed once per rule object, not on every comparison.
const parsedBounds = new WeakMap<readonly Threshold[], Exact[]>();
const parsedBands = new WeakMap<object, { upper: Exact; lower: Exact }>();

function pickThreshold(list: readonly Threshold[], percent: Exact | null, otherwise: string): string {
  if (percent === null) return list[0]!.code;
  let bounds = parsedBounds.get(list);
  if (!bounds) {
    bounds = list.map((t) => exact(t.atLeast));
    parsedBounds.set(list, bounds);
  }
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    const c = cmp(percent, bounds[i]!);
    if (t.strict ? c > 0 : c >= 0) return t.code;
  }
  return otherwise;
}

export function prepareRuleInput(input: RuleInput): PreparedRuleInput {
  return {
    ...input,
    baseline: input.baseline === null ? null : exactValue(input.baseline),
    target: input.target === null ? null : exactValue(input.target),
    actual:
      input.actual === null ? null : { value: input.actual.value === null ? null : exactValue(input.actual.value), notMeasurable: input.actual.notMeasurable },
  };
}

export function evaluateRule(rule: RatingRule, input: RuleInput): RuleResult {
  return evaluatePrepared(rule, prepareRuleInput(input));
}

export function evaluatePrepared(rule: RatingRule, input: PreparedRuleInput): RuleResult {
  if (rule.kind === 'manual') return notEvaluable(rule, 'manual', 'この規則では評価を手入力します（規則による提案はありません）。');
  if (input.actual?.notMeasurable) return notEvaluable(rule, 'not-measurable', 'この年度の実績は測定できないため、規則による評価はできません。');
  const actual = input.actual?.value ?? null;
  if (actual === null) {
    return notEvaluable(
      rule,
      'missing-actual',
      input.indicator.cumulative ? '累計に必要な年度の実績が入力されていないため、評価できません。' : '実績値が入力されていないため、評価できません。',
    );
  }
  if (input.target === null) return notEvaluable(rule, 'missing-target', '目標値が設定されていないため、評価できません。');
  const lower = input.indicator.direction === 'lower';
  switch (rule.kind) {
    case 'ratio_thresholds':
      return ratioRule(rule, rule.parameters, actual, input.target, lower);
    case 'band_around_target':
      return bandRule(rule, rule.parameters, actual, input.target, input.baseline, lower);
    case 'progress_vs_elapsed':
      return paceRule(rule, rule.parameters, actual.x, input.target.x, input);
  }
}

/** Achievement ratio in percent; null: beyond every threshold (lower-is-better, actual 0 or below); 'undefined': no ratio (target on the wrong side of 0). */
export function achievementPercent(actual: Exact, target: Exact, lower: boolean): Exact | null | 'undefined' {
  if (lower) {
    if (sign(target) < 0) return 'undefined';
    return sign(actual) <= 0 ? null : mul(div(target, actual), HUNDRED);
  }
  return sign(target) <= 0 ? 'undefined' : mul(div(actual, target), HUNDRED);
}

function ratioRule(rule: RatingRule, p: z.infer<typeof ratioThresholdsParameters>, actual: ExactValue, target: ExactValue, lower: boolean): RuleResult {
  const percent = achievementPercent(actual.x, target.x, lower);
  if (percent === 'undefined') {
    return notEvaluable(
      rule,
      'zero-denominator',
      lower ? '目標値が負のため、達成率を計算できません。' : '目標値が0以下のため、達成率（実績値÷目標値）を計算できません。',
    );
  }
  const code = pickThreshold(p.thresholds, percent, p.otherwise);
  return proposal(
    code,
    'ratio',
    () => (percent === null ? null : toDecimalText(percent)),
    () =>
      percent === null
        ? `実績値が0以下で目標値以下のため、最上位の「${code}」とします（値が小さいほど良い指標）。`
        : `達成率（${lower ? '目標値÷実績値' : '実績値÷目標値'}）は${percentText(percent)}%のため「${code}」です。`,
  );
}

function bandRule(
  rule: RatingRule,
  p: z.infer<typeof bandAroundTargetParameters>,
  actual: ExactValue,
  target: ExactValue,
  baseline: ExactValue | null,
  lower: boolean,
): RuleResult {
  let bands = parsedBands.get(p);
  if (!bands) {
    bands = { upper: div(exact(p.upperPercent), HUNDRED), lower: div(exact(p.lowerPercent), HUNDRED) };
    parsedBands.set(p, bands);
  }
  // Bands are a share of the target's size, so a negative or zero target still has ordered bounds.
  const size = abs(target.x);
  const upper = mul(size, bands.upper);
  const below = mul(size, bands.lower);
  // For lower-is-better the picture is mirrored: "beyond" is below the target.
  const beyondBound = lower ? sub(target.x, upper) : add(target.x, upper);
  const withinBound = lower ? add(target.x, below) : sub(target.x, below);
  const better = (a: Exact, b: Exact) => (lower ? cmp(a, b) < 0 : cmp(a, b) > 0);
  const atLeast = (a: Exact, b: Exact) => (lower ? cmp(a, b) <= 0 : cmp(a, b) >= 0);
  const percent = () => {
    const ratio = achievementPercent(actual.x, target.x, lower);
    return ratio === null || ratio === 'undefined' ? null : toDecimalText(ratio);
  };
  const a = actual.text;
  const t = target.text;
  // Beyond or within the band: the same sentence with the band's phrase (built only when read).
  const inBand = (code: string, phrase: () => string) =>
    proposal(
      code,
      'band',
      percent,
      () => `実績値${a}は目標値${t}に対して「${phrase()}」${lower ? '（値が小さいほど良い指標のため上下を逆にして判定）' : ''}に当たるため「${code}」です。`,
    );
  if (p.beyondInclusive ? atLeast(actual.x, beyondBound) : better(actual.x, beyondBound)) return inBand(p.codes.beyond, () => beyondPhrase(p));
  if (atLeast(actual.x, withinBound)) return inBand(p.codes.within, () => withinPhrase(p));
  if (baseline === null) return notEvaluable(rule, 'missing-baseline', '実績値は目標の範囲に達していませんが、基準値がないため改善の有無を判定できません。');
  if (better(actual.x, baseline.x)) {
    const code = p.codes.improved;
    return proposal(code, 'band', percent, () => `実績値${a}は目標の範囲に達していませんが、基準値${baseline.text}より改善しているため「${code}」です。`);
  }
  const code = p.codes.notImproved;
  return proposal(code, 'band', percent, () => `実績値${a}は基準値${baseline.text}から改善していないため「${code}」です。`);
}

function paceRule(rule: RatingRule, p: z.infer<typeof progressVsElapsedParameters>, actual: Exact, target: Exact, input: PreparedRuleInput): RuleResult {
  // A cumulative indicator's sum starts from zero at the start of the period.
  const baseline = input.indicator.cumulative ? ZERO : (input.baseline?.x ?? null);
  if (baseline === null) return notEvaluable(rule, 'missing-baseline', '基準値が設定されていないため、進捗率を計算できません。');
  const span = sub(target, baseline);
  if (sign(span) === 0) return notEvaluable(rule, 'zero-denominator', '目標値が基準値と同じため、進捗率（基準値からの伸び÷目標までの伸び）を計算できません。');
  if (input.indicator.direction === 'lower' ? sign(span) > 0 : sign(span) < 0) {
    return notEvaluable(rule, 'target-on-wrong-side', '目標値が基準値より悪い側に設定されているため、進捗率を計算できません。');
  }
  const first = input.period.startFiscalYear;
  const last = input.targetFiscalYear ?? input.period.endFiscalYear;
  if (input.fiscalYear < first) return notEvaluable(rule, 'before-period', '計画期間の開始前の年度のため、経過割合を計算できません。');
  const elapsed = min(int(1), { n: BigInt(input.fiscalYear - first + 1), d: BigInt(Math.max(last - first + 1, 1)) });
  const progress = div(sub(actual, baseline), span);
  const pace = mul(div(progress, elapsed), HUNDRED);
  const code = pickThreshold(p.thresholds, pace, p.otherwise);
  return proposal(
    code,
    'progress-pace',
    () => toDecimalText(pace),
    () =>
      `基準値からの進捗率は${percentText(mul(progress, HUNDRED))}%、計画期間の経過割合は${percentText(mul(elapsed, HUNDRED))}%で、進捗は経過に対して${percentText(pace)}%のため「${code}」です。`,
    { progress, elapsed },
  );
}

/** The rule's proposable codes, best first (the order the monotonicity of the engine refers to). */
export function ruleCodeOrder(rule: RatingRule): string[] {
  switch (rule.kind) {
    case 'ratio_thresholds':
    case 'progress_vs_elapsed':
      return unique([...rule.parameters.thresholds.map((t) => t.code), rule.parameters.otherwise]);
    case 'band_around_target': {
      const c = rule.parameters.codes;
      return unique([c.beyond, c.within, c.improved, c.notImproved]);
    }
    case 'manual':
      return [];
  }
}

/** Every code a rule may give, the fallback included; a store checks them against the plan's scale. */
export function ruleCodes(rule: RatingRule): string[] {
  const fallback = rule.kind === 'manual' ? undefined : rule.parameters.notEvaluable;
  return unique([...ruleCodeOrder(rule), ...(fallback === undefined ? [] : [fallback])]);
}

const unique = (list: string[]) => [...new Set(list)];
