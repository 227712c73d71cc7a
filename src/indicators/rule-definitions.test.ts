import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRule, parseRule, ruleCodeOrder, ruleCodes, type RatingRule } from './rating-rules.js';
import { describeRule } from './rule-words.js';
import { RULE_PRESETS } from './rating-presets.js';
import { codeOf, input, preset } from '../test-support/rule-inputs.js';
import { seededRandom as random } from '../../bench/seeded-random.js';

describe('rules as data and in words', () => {
  test('new thresholds are data; thresholds out of order are refused in Japanese', () => {
    const rule = parseRule({
      kind: 'ratio_thresholds',
      parameters: {
        thresholds: [
          { atLeast: '90', code: '5' },
          { atLeast: '70', code: '4' },
          { atLeast: '40', code: '3' },
          { atLeast: '10', code: '2' },
        ],
        otherwise: '1',
      },
    });
    assert.equal(codeOf(evaluateRule(rule, input({ actual: '45' }))), '3');
    assert.deepEqual(ruleCodeOrder(rule), ['5', '4', '3', '2', '1']);
    assert.throws(
      () =>
        parseRule({
          kind: 'ratio_thresholds',
          parameters: {
            thresholds: [
              { atLeast: '50', code: 'B' },
              { atLeast: '80', code: 'A' },
            ],
            otherwise: 'C',
          },
        }),
      /大きい順/,
    );
    assert.throws(() => parseRule({ kind: 'ratio_thresholds', parameters: { thresholds: [{ atLeast: '八十', code: 'A' }], otherwise: 'C' } }), /数値で入力/);
    assert.throws(() => parseRule({ kind: 'lottery', parameters: {} }));
    assert.deepEqual(ruleCodes(preset('band-s-c')), ['S', 'A', 'B', 'C', '−']);
  });

  test('describeRule says each preset in words, bounds included', () => {
    assert.deepEqual(describeRule(preset('ratio-a-c-110-95')).slice(1, 4), ['達成率が110%超：A', '達成率が95%以上110%以下：B', '達成率が95%未満：C']);
    assert.deepEqual(describeRule(preset('ratio-a-d')).slice(1, 5), [
      '達成率が100%以上：A',
      '達成率が80%以上100%未満：B',
      '達成率が50%以上80%未満：C',
      '達成率が50%未満：D',
    ]);
    for (const p of RULE_PRESETS) {
      const words = describeRule(p.rule);
      assert.ok(words.length >= 1, p.slug);
      for (const c of ruleCodeOrder(p.rule))
        assert.ok(
          words.some((w) => w.includes(`：${c}`)),
          `${p.slug} names ${c}`,
        );
    }
    assert.match(describeRule(preset('band-s-c')).at(-1)!, /：−$/);
    assert.deepEqual(describeRule(preset('marks-target')).slice(1, 5), [
      '目標値以上：◎',
      '目標値の5%手前から目標値未満：○',
      '目標の範囲に達しないが基準値より改善：△',
      '基準値から改善していない：×',
    ]);
    assert.deepEqual(describeRule(preset('band-s-c')).slice(1, 3), ['目標値を10%超えて上回る：S', '目標値の10%手前から目標値の10%上まで：A']);
    assert.equal(
      evaluateRule(preset('marks-target'), input({ actual: '100' })).explanation,
      '実績値100は目標値100に対して「目標値以上」に当たるため「◎」です。',
    );
  });
});

describe('property: the engine never throws and is monotone in the actual', () => {
  const rnd = random(20260401);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const value = (): string => {
    const r = rnd();
    if (r < 0.1) return '0';
    if (r < 0.15) return String(-Math.floor(rnd() * 100));
    if (r < 0.2) return '1000000000000.000001';
    return (rnd() * 300).toFixed(pick([0, 1, 3]));
  };
  const randomRule = (): RatingRule => {
    if (rnd() < 0.6) return pick(RULE_PRESETS).rule;
    const count = 1 + Math.floor(rnd() * 4);
    const bounds = Array.from({ length: count }, () => Math.floor(rnd() * 200)).sort((a, b) => b - a);
    const thresholds = bounds.map((b, i) => ({ atLeast: String(b), strict: rnd() < 0.3, code: `c${i}` }));
    const kind = pick(['ratio_thresholds', 'progress_vs_elapsed'] as const);
    return parseRule({ kind, parameters: { thresholds, otherwise: `c${count}` } });
  };

  test('5,000 random cases', () => {
    for (let i = 0; i < 5000; i++) {
      const rule = randomRule();
      const order = ruleCodeOrder(rule);
      const [lo, hi] = [value(), value()].sort((a, b) => Number(a) - Number(b)) as [string, string];
      const common = { baseline: rnd() < 0.1 ? null : value(), target: rnd() < 0.05 ? null : value(), fiscalYear: 2018 + Math.floor(rnd() * 9) };
      for (const direction of ['higher', 'lower'] as const) {
        const worse = direction === 'higher' ? lo : hi;
        const better = direction === 'higher' ? hi : lo;
        const context = `case ${i} ${rule.kind} ${JSON.stringify(common)} ${direction} ${worse} → ${better}`;
        const a = evaluateRule(rule, input({ ...common, direction, actual: worse }));
        const b = evaluateRule(rule, input({ ...common, direction, actual: better }));
        if (a.status === 'proposed') {
          assert.equal(b.status, 'proposed', context);
          assert.ok(order.indexOf(b.status === 'proposed' ? b.code : '') <= order.indexOf(a.code), `${context}: ${a.code} then ${codeOf(b)}`);
        }
        assert.ok(a.explanation.length > 0 || rule.kind === 'manual', context);
      }
    }
  });
});
