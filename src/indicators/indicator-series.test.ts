import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actualFor,
  evaluateIndicator,
  evaluateIndicatorYears,
  proposeForItem,
  ruleInputFor,
  targetValueInEffect,
  targetsNotResetAfterExtension,
} from './indicator-series.js';
import { evaluateRule } from './rating-rules.js';
import { RULE_PRESETS } from './rating-presets.js';
import { codeOf, indicatorSeries, input, period, preset } from '../test-support/rule-inputs.js';
import { seededRandom as random } from '../../bench/seeded-random.js';

const series = indicatorSeries;

describe('indicator series', () => {
  test('cumulative (延べ): the yearly actuals since the start are summed against the cumulative target', () => {
    const s = series({
      cumulative: true,
      targets: [{ id: 1, kind: 'final', fiscalYear: 2024, value: '1000', revisions: [] }],
      actuals: [
        { fiscalYear: 2020, value: '200', notMeasurable: false, sourceNote: '' },
        { fiscalYear: 2021, value: '250', notMeasurable: false, sourceNote: '' },
        { fiscalYear: 2022, value: '150', notMeasurable: false, sourceNote: '' },
      ],
    });
    assert.deepEqual(actualFor(s, 2022, period), { value: '600', notMeasurable: false });
    assert.equal(codeOf(evaluateIndicator(s, preset('ratio-a-d'), 2022, period)), 'C'); // 600 / 1000
    assert.equal(codeOf(evaluateIndicator(s, preset('pace'), 2022, period)), '順調'); // 60 % of the way in 60 % of the time
    assert.equal(codeOf(evaluateIndicator(s, preset('ratio-a-d'), 2023, period)), 'not-evaluable:missing-actual');
    const gap = { ...s, actuals: s.actuals.filter((a) => a.fiscalYear !== 2021) };
    assert.equal(codeOf(evaluateIndicator(gap, preset('ratio-a-d'), 2022, period)), 'not-evaluable:missing-actual', 'a missing year leaves the sum missing');
    assert.equal(codeOf(evaluateIndicator(gap, preset('ratio-a-d'), 2020, period)), 'D', 'earlier years are still judged');
    const unmeasured = { ...s, actuals: s.actuals.map((a) => (a.fiscalYear === 2021 ? { ...a, value: null, notMeasurable: true } : a)) };
    assert.equal(codeOf(evaluateIndicator(unmeasured, preset('ratio-a-d'), 2022, period)), 'not-evaluable:not-measurable');
  });

  test('a revised target applies from the year it was decided; the current target is the latest revision', () => {
    const target = {
      id: 7,
      kind: 'yearly' as const,
      fiscalYear: 2022,
      value: '100',
      revisions: [
        { id: 2, oldValue: '80', newValue: '60', reason: '計画期間の延長に合わせて再設定', decidedFiscalYear: 2023 },
        { id: 1, oldValue: '100', newValue: '80', reason: '感染症の影響で事業を縮小', decidedFiscalYear: 2021 },
      ],
    };
    assert.equal(targetValueInEffect(target, 2020), '100');
    assert.equal(targetValueInEffect(target, 2022), '80');
    assert.equal(targetValueInEffect(target), '60');
    const s = series({ targets: [target], actuals: [{ fiscalYear: 2022, value: '80', notMeasurable: false, sourceNote: '' }] });
    assert.equal(codeOf(evaluateIndicator(s, preset('ratio-a-d'), 2022, period)), 'A', '80 of the revised 80, not of the original 100');
  });

  test('yearly targets take precedence over the final one; the item proposal is its weakest indicator', () => {
    const s = series({
      targets: [
        { id: 1, kind: 'final', fiscalYear: 2024, value: '1000', revisions: [] },
        { id: 2, kind: 'yearly', fiscalYear: 2021, value: '400', revisions: [] },
      ],
      actuals: [
        { fiscalYear: 2021, value: '400', notMeasurable: false, sourceNote: '' },
        { fiscalYear: 2022, value: '600', notMeasurable: false, sourceNote: '' },
      ],
    });
    const rule = preset('ratio-a-d');
    const y2021 = evaluateIndicator(s, rule, 2021, period);
    const y2022 = evaluateIndicator(s, rule, 2022, period);
    assert.deepEqual([codeOf(y2021), codeOf(y2022)], ['A', 'C']);
    assert.equal(codeOf(proposeForItem([y2021, y2022, evaluateIndicator(s, rule, 2023, period)], rule)!), 'C');
    assert.equal(proposeForItem([], rule), null);
  });

  test('judging ten years at once (parsed once, running sums) gives what each year alone gives', () => {
    const rnd = random(7);
    for (let i = 0; i < 200; i++) {
      const cumulative = rnd() < 0.5;
      const s = series({
        cumulative,
        direction: rnd() < 0.3 ? 'lower' : 'higher',
        baseline: rnd() < 0.2 ? null : { fiscalYear: 2019, value: (rnd() * 50).toFixed(1) },
        targets: [
          {
            id: 1,
            kind: 'final',
            fiscalYear: 2024,
            value: (rnd() * 400).toFixed(2),
            revisions: rnd() < 0.5 ? [{ id: 1, oldValue: '0', newValue: (rnd() * 400).toFixed(0), reason: '見直し', decidedFiscalYear: 2022 }] : [],
          },
          ...(rnd() < 0.5 ? [{ id: 2, kind: 'yearly' as const, fiscalYear: 2021, value: '120', revisions: [] }] : []),
        ],
        actuals: [2020, 2021, 2022, 2023, 2024]
          .filter(() => rnd() < 0.85)
          .map((fiscalYear) => ({ fiscalYear, value: rnd() < 0.1 ? null : (rnd() * 100).toFixed(2), notMeasurable: false, sourceNote: '' })),
      });
      const years = [2019, 2020, 2021, 2022, 2023, 2024];
      for (const p of RULE_PRESETS) {
        const together = evaluateIndicatorYears(s, p.rule, years, period);
        years.forEach((year, k) => {
          const alone = evaluateRule(p.rule, ruleInputFor(s, p.rule, year, period));
          assert.deepEqual(JSON.parse(JSON.stringify(together[k])), JSON.parse(JSON.stringify(alone)), `${i} ${p.slug} ${year}`);
        });
      }
    }
  });

  test('a proposal serialises to its plain fields, texts included', () => {
    const r = evaluateRule(preset('pace'), input({ baseline: '100', target: '200', actual: '150', fiscalYear: 2022 }));
    assert.deepEqual(JSON.parse(JSON.stringify(r)), {
      status: 'proposed',
      code: '概ね順調',
      measure: 'progress-pace',
      percent: '83.3333333333',
      explanation: '基準値からの進捗率は50.0%、計画期間の経過割合は60.0%で、進捗は経過に対して83.3%のため「概ね順調」です。',
      progressPercent: '50',
      elapsedPercent: '60',
    });
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(evaluateRule(preset('ratio-a-d'), input({}))))), [
      'status',
      'code',
      'measure',
      'percent',
      'explanation',
    ]);
  });

  test('targets not re-set after an extension are named', () => {
    const plan = { endFiscalYear: 2020, effectiveEndFiscalYear: 2022, extensions: [{ decidedFiscalYear: 2020, toEndFiscalYear: 2022 }] };
    const kept = series({ id: 1, targets: [{ id: 1, kind: 'final', fiscalYear: 2020, value: '10', revisions: [] }] });
    const revised = series({
      id: 2,
      targets: [
        {
          id: 2,
          kind: 'final',
          fiscalYear: 2020,
          value: '10',
          revisions: [{ id: 1, oldValue: '10', newValue: '14', reason: '延長', decidedFiscalYear: 2020 }],
        },
      ],
    });
    const extended = series({ id: 3, targets: [{ id: 3, kind: 'yearly', fiscalYear: 2022, value: '10', revisions: [] }] });
    assert.deepEqual(
      targetsNotResetAfterExtension([kept, revised, extended], plan).map((s) => s.id),
      [1],
    );
    assert.deepEqual(targetsNotResetAfterExtension([kept], { ...plan, effectiveEndFiscalYear: 2020, extensions: [] }), []);
  });
});
