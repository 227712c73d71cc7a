/**
 * A rule in words, one sentence per line, for the report's 評価要領 and beside every
 * proposal: generated from the rule's data, so the published method and the engine can
 * never say different things.
 */
import type { z } from 'zod';
import type { bandAroundTargetParameters, RatingRule, ratioThresholdsParameters, Threshold } from './rating-rules.js';

type BandParameters = z.infer<typeof bandAroundTargetParameters>;
/** The parameters of both threshold rules (progress_vs_elapsed has the same as ratio_thresholds). */
type ThresholdParameters = z.infer<typeof ratioThresholdsParameters>;

/** Percent text is zero ("0", "0.0"); the schema has checked it is a number. */
const isZero = (percent: string) => /^[+-]?0*\.?0*$/.test(percent);

function thresholdSentences(list: readonly Threshold[], otherwise: string, measure: string): string[] {
  const out: string[] = [];
  let upper: Threshold | undefined;
  for (const t of list) {
    const from = `${t.atLeast}%${t.strict ? '超' : '以上'}`;
    const to = upper ? `${upper.atLeast}%${upper.strict ? '以下' : '未満'}` : '';
    out.push(`${measure}が${from}${to ? `${to}` : ''}：${t.code}`);
    upper = t;
  }
  const last = list.at(-1)!;
  out.push(`${measure}が${last.atLeast}%${last.strict ? '以下' : '未満'}：${otherwise}`);
  return out;
}

/** A rule that compares one measure with thresholds: how the measure is computed, each threshold's code, then what is not evaluable. */
function thresholdRuleSentences(method: string, measure: string, p: ThresholdParameters): string[] {
  return [method, ...thresholdSentences(p.thresholds, p.otherwise, measure), ...notEvaluableSentence(p.notEvaluable)];
}

/** The rule in words, one sentence per line, for the report's 評価要領. */
export function describeRule(rule: RatingRule): string[] {
  switch (rule.kind) {
    case 'manual':
      return ['評価は各担当課が手入力します。指標による自動の提案は行いません。'];
    case 'ratio_thresholds':
      return thresholdRuleSentences('指標の達成率（実績値÷目標値。値が小さいほど良い指標は目標値÷実績値）により評価します。', '達成率', rule.parameters);
    case 'progress_vs_elapsed':
      return thresholdRuleSentences(
        '基準値からの進捗率（(実績値−基準値)÷(目標値−基準値)）を計画期間の経過割合で割った値（進捗の度合い）により評価します。累計の指標は期間開始からの累計を基準値0から測ります。',
        '進捗の度合い',
        rule.parameters,
      );
    case 'band_around_target': {
      const p = rule.parameters;
      return [
        '実績値を基準値と目標値に照らして評価します（値が小さいほど良い指標は上下を逆にして判定します）。',
        `${beyondPhrase(p)}：${p.codes.beyond}`,
        `${withinPhrase(p)}：${p.codes.within}`,
        `目標の範囲に達しないが基準値より改善：${p.codes.improved}`,
        `基準値から改善していない：${p.codes.notImproved}`,
        ...notEvaluableSentence(p.notEvaluable),
      ];
    }
  }
}

export function beyondPhrase(p: BandParameters): string {
  if (isZero(p.upperPercent)) return p.beyondInclusive ? '目標値以上' : '目標値を上回る';
  return `目標値を${p.upperPercent}%${p.beyondInclusive ? '以上' : '超えて'}上回る`;
}

export function withinPhrase(p: BandParameters): string {
  const upTo = isZero(p.upperPercent)
    ? p.beyondInclusive
      ? '目標値未満'
      : '目標値まで'
    : `目標値の${p.upperPercent}%上${p.beyondInclusive ? '未満' : 'まで'}`;
  return `目標値の${p.lowerPercent}%手前から${upTo}`;
}

function notEvaluableSentence(code: string | undefined): string[] {
  return [
    code === undefined ? '実績・目標・基準値がなく計算できない場合は、規則による評価を行いません。' : `実績・目標・基準値がなく計算できない場合：${code}`,
  ];
}
