import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indicatorYears } from './indicator-years.js';
import { proposeForEntry } from './entry-proposal.js';
import { findPreset } from './rating-presets.js';
import { indicatorSeries } from '../test-support/rule-inputs.js';

const pace = findPreset('pace')!.rule;
const ratio = findPreset('ratio-a-d')!.rule;
const period = { startFiscalYear: 2021, endFiscalYear: 2025 };

// A yearly target for 2023 (60) and a final one for 2025 (100, revised to 90 in 2023).
const series = indicatorSeries({
  id: 7,
  baseline: { fiscalYear: 2020, value: '0' },
  targets: [
    { id: 1, kind: 'yearly', fiscalYear: 2023, value: '60', revisions: [] },
    {
      id: 2,
      kind: 'final',
      fiscalYear: 2025,
      value: '100',
      revisions: [{ id: 1, oldValue: '100', newValue: '90', reason: '再設定', decidedFiscalYear: 2023 }],
    },
  ],
  actuals: [{ fiscalYear: 2023, value: '54', notMeasurable: false, sourceNote: '' }],
});

describe('the target the rule judges against', () => {
  test('the pace rule: the year keeps its own target and rate, and the final target is given beside them', () => {
    const [y] = indicatorYears(series, pace, [2023], period);
    assert.deepEqual([y!.target?.kind, y!.target?.value, y!.achievementPercent], ['yearly', '60', '90.0']);
    assert.deepEqual(y!.ruleTarget, {
      kind: 'final',
      fiscalYear: 2025,
      originalValue: '100',
      value: '90',
      revisions: [{ id: 1, oldValue: '100', newValue: '90', reason: '再設定', decidedFiscalYear: 2023 }],
    });
    const onEntry = proposeForEntry([series], pace, 2023, period, {}).indicators[0]!;
    assert.deepEqual(onEntry.target, { kind: 'yearly', fiscalYear: 2023, value: '60', revised: false });
    assert.deepEqual(onEntry.ruleTarget, { kind: 'final', fiscalYear: 2025, value: '90', revised: true });
  });

  test('none given when it is the year’s own target (a year without its own, or another rule)', () => {
    assert.equal(indicatorYears(series, pace, [2024], period)[0]!.ruleTarget, null, '2024 has no yearly target: its target is the final one');
    assert.equal(indicatorYears(series, ratio, [2023], period)[0]!.ruleTarget, null);
    assert.equal(indicatorYears(series, null, [2023], period)[0]!.ruleTarget, null);
    assert.equal(proposeForEntry([series], ratio, 2023, period, {}).indicators[0]!.ruleTarget, null);
  });
});
