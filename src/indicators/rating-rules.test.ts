import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRule } from './rating-rules.js';
import { RULE_PRESETS } from './rating-presets.js';
import { assertCodes, codeOf, input, preset } from '../test-support/rule-inputs.js';

describe('ratio thresholds', () => {
  test('A/B/C/D by actual ÷ target at 100 / 80 / 50 %', () => {
    const rule = preset('ratio-a-d');
    assertCodes(rule, { target: '120' }, { '120': 'A', '100': 'B', '96': 'B', '60': 'C', '59.9': 'D', '0': 'D' });
    const r = evaluateRule(rule, input({ actual: '100', target: '120' }));
    assert.equal(r.status, 'proposed');
    assert.equal(r.status === 'proposed' && r.percent?.slice(0, 8), '83.33333');
    assert.equal(r.explanation, '達成率（実績値÷目標値）は83.3%のため「B」です。');
  });

  test('exact decimals: an actual of 0.3 against a target of 0.30 is exactly 100 %', () => {
    const r = evaluateRule(preset('ratio-a-d'), input({ actual: '0.3', target: '0.30' }));
    assert.equal(r.status === 'proposed' && r.percent, '100');
    assert.equal(codeOf(r), 'A');
  });

  test('A/B/C by > 110 % / 95–110 % / < 95 %: the bounds belong where the words say', () => {
    const rule = preset('ratio-a-c-110-95');
    assertCodes(rule, {}, { '110.01': 'A', '110': 'B', '95': 'B', '94.99': 'C' });
  });

  test('順調 ≥ 80 % / やや遅れ ≥ 60 % / 遅れ', () => {
    const rule = preset('ratio-on-track');
    assert.deepEqual(
      ['80', '79', '60', '59'].map((actual) => codeOf(evaluateRule(rule, input({ actual })))),
      ['順調', 'やや遅れ', 'やや遅れ', '遅れ'],
    );
  });

  test('lower is better (待機児童数): target ÷ actual, and 0 children beats every threshold', () => {
    const rule = preset('ratio-a-d');
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', target: '10', actual: '12' }))), 'B'); // 83.3 %
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', target: '10', actual: '8' }))), 'A');
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', target: '10', actual: '25' }))), 'D'); // 40 %
    const zero = evaluateRule(rule, input({ direction: 'lower', target: '10', actual: '0' }));
    assert.equal(codeOf(zero), 'A');
    assert.equal(zero.status === 'proposed' && zero.percent, null);
    assert.match(zero.explanation, /値が小さいほど良い指標/);
    // A target of zero: any child left is 0 % of it.
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', target: '0', actual: '3' }))), 'D');
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', target: '0', actual: '0' }))), 'A');
  });

  test('a zero target of a higher-is-better indicator is a zero denominator, not a crash', () => {
    const r = evaluateRule(preset('ratio-a-d'), input({ target: '0', actual: '5' }));
    assert.equal(r.status, 'not-evaluable');
    assert.equal(r.status === 'not-evaluable' && r.cause, 'zero-denominator');
    assert.match(r.explanation, /目標値が0以下/);
  });
});

describe('band around the target', () => {
  test('S/A/B/C/− with ±10 % against baseline and target', () => {
    const rule = preset('band-s-c');
    assertCodes(rule, { baseline: '50' }, { '111': 'S', '110': 'A', '90': 'A', '89': 'B', '51': 'B', '50': 'C', '40': 'C' });
    const noBase = evaluateRule(rule, input({ actual: '60', baseline: null }));
    assert.equal(noBase.status, 'not-evaluable');
    assert.equal(noBase.code, '−', 'the scale’s own “not evaluated” code');
  });

  test('lower is better mirrors the bands', () => {
    const rule = preset('band-s-c');
    assertCodes(rule, { direction: 'lower', baseline: '200' }, { '89': 'S', '110': 'A', '150': 'B', '200': 'C', '250': 'C' });
  });

  test('◎ 目標値以上 / ○ 同等 / △ 未達成 / × 進捗なし', () => {
    const rule = preset('marks-target');
    assertCodes(rule, { baseline: '50' }, { '100': '◎', '130': '◎', '99': '○', '95': '○', '80': '△', '50': '×' });
  });

  test('a zero baseline and a zero target still give ordered zones', () => {
    const rule = preset('band-s-c');
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: '0', target: '20', actual: '5' }))), 'B');
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: '0', target: '20', actual: '0' }))), 'C');
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: '5', target: '0', actual: '0', direction: 'lower' }))), 'A');
  });
});

describe('progress from the baseline against the elapsed share', () => {
  const rule = preset('pace');

  test('half the way in 60 % of the period is 83.3 % of the pace', () => {
    const r = evaluateRule(rule, input({ baseline: '100', target: '200', actual: '150', fiscalYear: 2022 }));
    assert.equal(codeOf(r), '概ね順調');
    assert.equal(r.status === 'proposed' && r.progressPercent, '50');
    assert.equal(r.status === 'proposed' && r.elapsedPercent, '60');
    assert.match(r.explanation, /進捗率は50\.0%、計画期間の経過割合は60\.0%/);
  });

  test('lower is better: the signs of (actual − base) and (target − base) cancel', () => {
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', baseline: '200', target: '100', actual: '150', fiscalYear: 2022 }))), '概ね順調');
    assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', baseline: '200', target: '100', actual: '210', fiscalYear: 2022 }))), '遅れ');
  });

  test('a zero baseline', () => {
    const r = evaluateRule(rule, input({ baseline: '0', target: '50', actual: '30', fiscalYear: 2022 }));
    assert.equal(codeOf(r), '順調');
    assert.equal(r.status === 'proposed' && r.percent, '100');
  });

  test('a target equal to the baseline, or on its wrong side, or a year before the period is not evaluable', () => {
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: '100', target: '100', actual: '120' }))), 'not-evaluable:zero-denominator');
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: '100', target: '80', actual: '120' }))), 'not-evaluable:target-on-wrong-side');
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: '100', target: '200', actual: '120', fiscalYear: 2019 }))), 'not-evaluable:before-period');
    assert.equal(codeOf(evaluateRule(rule, input({ baseline: null, target: '200', actual: '120' }))), 'not-evaluable:missing-baseline');
  });
});

describe('what every rule refuses', () => {
  test('a missing actual, an unmeasurable year, a missing target, a manual rule', () => {
    for (const p of RULE_PRESETS.filter((x) => x.rule.kind !== 'manual')) {
      assert.equal(codeOf(evaluateRule(p.rule, input({ actual: null }))), 'not-evaluable:missing-actual', p.slug);
      assert.equal(codeOf(evaluateRule(p.rule, input({ notMeasurable: true }))), 'not-evaluable:not-measurable', p.slug);
      assert.equal(codeOf(evaluateRule(p.rule, input({ target: null }))), 'not-evaluable:missing-target', p.slug);
    }
    const manual = evaluateRule(preset('manual'), input({}));
    assert.equal(codeOf(manual), 'not-evaluable:manual');
    assert.equal(manual.code, null);
    assert.match(evaluateRule(preset('ratio-a-d'), input({ actual: null })).explanation, /実績値が入力されていない/);
  });
});
