import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { overrideError, proposeForEntry, proposedCode, withEnteredActual } from './entry-proposal.js';
import { findPreset } from './rating-presets.js';
import type { IndicatorSeries } from './indicator-series.js';
import { indicatorSeries } from '../test-support/rule-inputs.js';

const rule = findPreset('ratio-a-d')!.rule;
const period = { startFiscalYear: 2021, endFiscalYear: 2024 };

const series = (over: Partial<IndicatorSeries> = {}): IndicatorSeries =>
  indicatorSeries({
    id: 7,
    baseline: { fiscalYear: 2020, value: '0' },
    targets: [{ id: 1, kind: 'final', fiscalYear: 2024, value: '100', revisions: [] }],
    actuals: [{ fiscalYear: 2022, value: '50', notMeasurable: false, sourceNote: '' }],
    ...over,
  });

describe('the proposal on an entry', () => {
  test('the entered actual replaces the stored one for the year only, and the proposal follows it', () => {
    const s = series();
    assert.equal(proposedCode(proposeForEntry([s], rule, 2023, period, {})), null, 'no actual for 2023: nothing proposed');
    const entered = { '7': { value: '85', notMeasurable: false, sourceNote: '' } };
    const p = proposeForEntry([s], rule, 2023, period, entered);
    assert.equal(proposedCode(p), 'B');
    assert.equal(p.indicators[0]!.result?.status, 'proposed');
    assert.match(p.indicators[0]!.result!.explanation, /85\.0%/);
    assert.deepEqual(
      withEnteredActual(s, 2023, entered['7']).actuals.map((a) => [a.fiscalYear, a.value]),
      [
        [2022, '50'],
        [2023, '85'],
      ],
    );
    assert.deepEqual(withEnteredActual(s, 2022, { value: null, notMeasurable: false, sourceNote: '' }).actuals, [], 'a blank entry removes the year');
  });

  test('the target in effect is the revised one for years from the revision on, and the form says it was revised', () => {
    const s = series({
      targets: [
        {
          id: 1,
          kind: 'final',
          fiscalYear: 2024,
          value: '100',
          revisions: [{ id: 1, oldValue: '100', newValue: '80', reason: '再設定', decidedFiscalYear: 2023 }],
        },
      ],
    });
    const entered = { '7': { value: '80', notMeasurable: false, sourceNote: '' } };
    const y2023 = proposeForEntry([s], rule, 2023, period, entered);
    assert.deepEqual(y2023.indicators[0]!.target, { kind: 'final', fiscalYear: 2024, value: '80', revised: true });
    assert.equal(proposedCode(y2023), 'A');
    const y2022 = proposeForEntry([s], rule, 2022, period, { '7': { value: '80', notMeasurable: false, sourceNote: '' } });
    assert.deepEqual(y2022.indicators[0]!.target, { kind: 'final', fiscalYear: 2024, value: '100', revised: false });
    assert.equal(proposedCode(y2022), 'B');
  });

  test('lower-is-better and not measurable', () => {
    const lower = series({ direction: 'lower', targets: [{ id: 1, kind: 'final', fiscalYear: 2024, value: '15', revisions: [] }] });
    assert.equal(proposedCode(proposeForEntry([lower], rule, 2023, period, { '7': { value: '20', notMeasurable: false, sourceNote: '' } })), 'C');
    const p = proposeForEntry([lower], rule, 2023, period, { '7': { value: null, notMeasurable: true, sourceNote: '調査なし' } });
    assert.equal(p.proposal?.status, 'not-evaluable');
    assert.equal(proposedCode(p), null);
  });

  test('no rule, a manual rule or no indicators propose nothing; the item takes its weakest indicator', () => {
    const entered = { '7': { value: '100', notMeasurable: false, sourceNote: '' } };
    assert.equal(proposeForEntry([series()], null, 2023, period, entered).proposal, null);
    assert.equal(proposeForEntry([series()], findPreset('manual')!.rule, 2023, period, entered).proposal, null);
    assert.equal(proposeForEntry([], rule, 2023, period, {}).proposal, null);
    const second = series({ id: 8, name: '二つ目' });
    const both = proposeForEntry([series(), second], rule, 2023, period, { ...entered, '8': { value: '40', notMeasurable: false, sourceNote: '' } });
    assert.equal(proposedCode(both), 'D');
  });

  test('another rating than the proposal needs a reason', () => {
    assert.equal(overrideError('B', 'B', ''), undefined);
    assert.equal(overrideError(null, 'A', ''), undefined, 'no proposal: any rating');
    assert.equal(overrideError('B', null, ''), undefined, 'no rating chosen yet');
    assert.equal(overrideError('B', 'A', '実態に合わせた'), undefined);
    assert.equal(overrideError('B', 'A', '  \n '), '規則による提案は「B」です。「A」を選ぶ場合は、変更の理由を入力してください。');
  });
});

describe('the extension warning', () => {
  test('lists indicators whose target year ends before the extended period and that were not revised since the extension was decided', async () => {
    const { extensionWarningOf } = await import('./extension-warning.js');
    const plan = { endFiscalYear: 2024, effectiveEndFiscalYear: 2026, extensions: [{ decidedFiscalYear: 2024, toEndFiscalYear: 2026 }] };
    const stale = series();
    const reset = series({
      id: 8,
      itemId: 2,
      targets: [
        {
          id: 2,
          kind: 'final',
          fiscalYear: 2024,
          value: '100',
          revisions: [{ id: 1, oldValue: '100', newValue: '120', reason: '延長', decidedFiscalYear: 2024 }],
        },
      ],
    });
    const revisedBefore = series({
      id: 9,
      itemId: 2,
      targets: [
        {
          id: 3,
          kind: 'final',
          fiscalYear: 2024,
          value: '100',
          revisions: [{ id: 2, oldValue: '100', newValue: '90', reason: '見直し', decidedFiscalYear: 2023 }],
        },
      ],
    });
    const extendedTarget = series({ id: 10, itemId: 2, targets: [{ id: 4, kind: 'yearly', fiscalYear: 2026, value: '150', revisions: [] }] });
    const items = new Map([
      [1, { code: '1.1.1', name: '事業一' }],
      [2, { code: '1.1.2', name: '事業二' }],
    ]);
    const w = extensionWarningOf([stale, reset, revisedBefore, extendedTarget], plan, items);
    assert.deepEqual(
      w?.indicators.map((i) => [i.indicatorId, i.itemCode, i.targetFiscalYear]),
      [
        [7, '1.1.1', 2024],
        [9, '1.1.2', 2024],
      ],
    );
    const tiered = new Map([
      [1, { code: '1.10', name: '事業十' }],
      [2, { code: '1.2', name: '事業二' }],
    ]);
    assert.deepEqual(
      extensionWarningOf([stale, revisedBefore], plan, tiered)?.indicators.map((i) => i.itemCode),
      ['1.2', '1.10'],
      'in the plan’s reading order, numbers compared as numbers',
    );
    assert.equal(extensionWarningOf([stale], { ...plan, effectiveEndFiscalYear: 2024, extensions: [] }, items), null, 'no extension: no warning');
    assert.equal(extensionWarningOf([reset], plan, items), null);
  });
});
