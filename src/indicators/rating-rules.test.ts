import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRule, parseRule, ruleCodeOrder, ruleCodes, type RatingRule, type RuleInput, type RuleResult } from './rating-rules.js';
import { describeRule } from './rule-words.js';
import { RULE_PRESETS, findPreset } from './rating-presets.js';
import {
  actualFor,
  evaluateIndicator,
  evaluateIndicatorYears,
  proposeForItem,
  ruleInputFor,
  targetValueInEffect,
  targetsNotResetAfterExtension,
  type IndicatorSeries,
} from './indicator-series.js';
import { seededRandom as random } from '../../bench/seeded-random.js';

const preset = (slug: string): RatingRule => {
  const p = findPreset(slug);
  assert.ok(p, slug);
  return p.rule;
};

const period = { startFiscalYear: 2020, endFiscalYear: 2024 };

function input(over: {
  actual?: string | null;
  target?: string | null;
  baseline?: string | null;
  direction?: 'higher' | 'lower';
  fiscalYear?: number;
  notMeasurable?: boolean;
  cumulative?: boolean;
}): RuleInput {
  const actual = over.actual === undefined ? '100' : over.actual;
  return {
    indicator: { direction: over.direction ?? 'higher', cumulative: over.cumulative ?? false },
    baseline: over.baseline === undefined ? '50' : over.baseline,
    target: over.target === undefined ? '100' : over.target,
    actual: over.notMeasurable ? { value: null, notMeasurable: true } : actual === null ? null : { value: actual, notMeasurable: false },
    fiscalYear: over.fiscalYear ?? 2022,
    period,
  };
}

const codeOf = (r: RuleResult) => (r.status === 'proposed' ? r.code : `not-evaluable:${r.cause}`);

describe('ratio thresholds', () => {
  test('A/B/C/D by actual ÷ target at 100 / 80 / 50 %', () => {
    const rule = preset('ratio-a-d');
    const cases: [string, string][] = [
      ['120', 'A'],
      ['100', 'B'],
      ['96', 'B'],
      ['60', 'C'],
      ['59.9', 'D'],
      ['0', 'D'],
    ];
    for (const [actual, expected] of cases) assert.equal(codeOf(evaluateRule(rule, input({ actual, target: '120' }))), expected, actual);
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
    const cases: [string, string][] = [
      ['110.01', 'A'],
      ['110', 'B'],
      ['95', 'B'],
      ['94.99', 'C'],
    ];
    for (const [actual, expected] of cases) assert.equal(codeOf(evaluateRule(rule, input({ actual }))), expected, actual);
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
    const cases: [string, string][] = [
      ['111', 'S'],
      ['110', 'A'],
      ['90', 'A'],
      ['89', 'B'],
      ['51', 'B'],
      ['50', 'C'],
      ['40', 'C'],
    ];
    for (const [actual, expected] of cases) assert.equal(codeOf(evaluateRule(rule, input({ actual, baseline: '50' }))), expected, actual);
    const noBase = evaluateRule(rule, input({ actual: '60', baseline: null }));
    assert.equal(noBase.status, 'not-evaluable');
    assert.equal(noBase.code, '−', 'the scale’s own “not evaluated” code');
  });

  test('lower is better mirrors the bands', () => {
    const rule = preset('band-s-c');
    const cases: [string, string][] = [
      ['89', 'S'],
      ['110', 'A'],
      ['150', 'B'],
      ['200', 'C'],
      ['250', 'C'],
    ];
    for (const [actual, expected] of cases) assert.equal(codeOf(evaluateRule(rule, input({ direction: 'lower', actual, baseline: '200' }))), expected, actual);
  });

  test('◎ 目標値以上 / ○ 同等 / △ 未達成 / × 進捗なし', () => {
    const rule = preset('marks-target');
    const cases: [string, string][] = [
      ['100', '◎'],
      ['130', '◎'],
      ['99', '○'],
      ['95', '○'],
      ['80', '△'],
      ['50', '×'],
    ];
    for (const [actual, expected] of cases) assert.equal(codeOf(evaluateRule(rule, input({ actual, baseline: '50' }))), expected, actual);
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

const series = (over: Partial<IndicatorSeries>): IndicatorSeries => ({
  id: 1,
  itemId: 1,
  name: '電子申請の利用件数',
  unit: '件',
  kind: 'outcome',
  direction: 'higher',
  cumulative: false,
  decimals: 0,
  position: 1,
  baseline: { fiscalYear: 2019, value: '0' },
  targets: [],
  actuals: [],
  ...over,
});

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
