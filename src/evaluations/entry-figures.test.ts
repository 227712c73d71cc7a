import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFigures, enteredActualsOf, typedFiguresFromForm, typedFiguresOf } from './entry-figures.js';
import { emptyCostFigures } from '../indicators/cost-rollup.js';

const ctx = { indicatorIds: [3, 4], directionCodes: ['拡充', '継続', '廃止・休止'], costsEnabled: true };

describe('entry figures as typed', () => {
  test('a form body is read as typed, indicators by their fields', () => {
    const typed = typedFiguresFromForm({
      'actual-3': '１，２３４．５',
      'notMeasurable-4': '1',
      'sourceNote-4': '調査なし',
      directionCode: '継続',
      overrideReason: '理由',
      'cost-projectCost': '100',
      costUnit: '円',
      'actual-x': 'ignored',
    });
    assert.deepEqual(Object.keys(typed.actuals).sort(), ['3', '4']);
    assert.deepEqual(typed.actuals['3'], { value: '１，２３４．５', notMeasurable: false, sourceNote: '' });
    assert.deepEqual(typed.actuals['4'], { value: '', notMeasurable: true, sourceNote: '調査なし' });
    assert.equal(typed.costs.unit, '円');
    assert.equal(typed.costs.projectCost, '100');
    assert.equal(typed.costs.personnelCost, '');
  });

  test('valid figures are normalised; blanks are not entered', () => {
    const { figures, errors } = checkFigures(
      typedFiguresFromForm({ 'actual-3': '１，２３４．５', 'actual-4': '', directionCode: '拡充', 'cost-projectCost': '100', 'cost-generalFunds': '' }),
      ctx,
    );
    assert.deepEqual(errors, {});
    assert.deepEqual(figures.actuals, { '3': { value: '1234.5', notMeasurable: false, sourceNote: '' } });
    assert.equal(figures.directionCode, '拡充');
    assert.equal(figures.costs?.projectCost, '100');
    assert.equal(figures.costs?.unit, '千円');
  });

  test('each wrong field gets its Japanese message, and the typed text is untouched', () => {
    const wrongFields = {
      'actual-3': '12a',
      'actual-4': '5',
      'notMeasurable-4': '1',
      directionCode: '拡大',
      'cost-projectCost': '100',
      'cost-nationalPrefecturalFunds': '10',
      'cost-localBonds': '0',
      'cost-otherFunds': '0',
      'cost-generalFunds': '80',
    };
    const typed = typedFiguresFromForm(wrongFields);
    const { errors } = checkFigures(typed, ctx);
    assert.match(errors['actual-3']!, /数値で入力してください/);
    assert.match(errors['actual-4']!, /測定できない/);
    assert.match(errors.directionCode!, /拡充・継続・廃止・休止 から選んで/);
    assert.match(errors['cost-generalFunds']!, /財源内訳の合計（90）が事業費（100）と一致しません/);
    assert.equal(typed.actuals['3']!.value, '12a');
    assert.deepEqual(enteredActualsOf(typed), {}, 'nothing that does not parse feeds the proposal');
  });

  test('測定不能 needs its reason; actuals of other indicators and costs of a plan without costs are ignored', () => {
    const { errors } = checkFigures(typedFiguresFromForm({ 'notMeasurable-3': '1' }), ctx);
    assert.match(errors['sourceNote-3']!, /測定不能とする場合は/);
    const { figures, errors: none } = checkFigures(typedFiguresFromForm({ 'actual-9': '1', 'cost-projectCost': 'x' }), { ...ctx, costsEnabled: false });
    assert.deepEqual(none, {});
    assert.deepEqual(figures, { actuals: {}, directionCode: null, costs: null });
  });

  test('what an entry holds comes back as a form shows it', () => {
    const typed = typedFiguresOf(
      {
        actuals: { '3': { value: null, notMeasurable: true, sourceNote: '調査なし' } },
        directionCode: '継続',
        costs: {
          unit: '百万円',
          ...emptyCostFigures(),
          projectCost: '1.5',
          note: '',
        },
      },
      '理由',
    );
    assert.deepEqual(typed.actuals['3'], { value: '', notMeasurable: true, sourceNote: '調査なし' });
    assert.equal(typed.costs.unit, '百万円');
    assert.equal(typed.costs.projectCost, '1.5');
    assert.equal(typed.overrideReason, '理由');
    assert.deepEqual(checkFigures(typed, ctx).errors, {});
  });
});

describe('the form starts from what is known', () => {
  test("the year's stored actual fills an indicator the entry has none for; the entry's own stays", async () => {
    const { withStoredActuals } = await import('./entry-figures-queries.js');
    const series = (id: number, value: string) => ({
      id,
      itemId: 1,
      name: `指標${id}`,
      unit: '',
      kind: 'outcome' as const,
      direction: 'higher' as const,
      cumulative: false,
      decimals: 0,
      position: id,
      baseline: null,
      targets: [],
      actuals: [
        { fiscalYear: 2022, value: '1', notMeasurable: false, sourceNote: '' },
        { fiscalYear: 2023, value, notMeasurable: false, sourceNote: '統計' },
      ],
    });
    const basis = {
      rule: null,
      series: [series(3, '10'), series(4, '20')],
      period: { startFiscalYear: 2021, endFiscalYear: 2024 },
      fiscalYear: 2023,
      directionCodes: [],
      costsEnabled: false,
    };
    const f = withStoredActuals({ actuals: { '4': { value: '25', notMeasurable: false, sourceNote: '' } }, directionCode: null, costs: null }, basis);
    assert.deepEqual(f.actuals, {
      '3': { value: '10', notMeasurable: false, sourceNote: '統計' },
      '4': { value: '25', notMeasurable: false, sourceNote: '' },
    });
  });
});
