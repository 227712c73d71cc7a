import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertCost, emptyCostFigures, fundingMismatch, rollUpCosts, totalCostOf, type ItemCost } from './cost-rollup.js';
import { formatDecimal, parseDecimal } from './decimal.js';

const cost = (itemId: number, fiscalYear: number, over: Partial<ItemCost>): ItemCost => ({
  itemId,
  fiscalYear,
  unit: '千円',
  note: '',
  ...emptyCostFigures(),
  ...over,
});

test('decimals: typed numbers are normalised, exactly, and rounded half up for display', () => {
  assert.equal(parseDecimal('１，２３４．５')?.toString(), '1234.5');
  assert.equal(parseDecimal('  '), null);
  assert.throws(() => parseDecimal('12a'), RangeError);
  assert.equal(parseDecimal('0.1')!.plus('0.2').toString(), '0.3');
  assert.equal(parseDecimal('0.00000001')!.toString(), '0.00000001', 'never 1e-8');
  assert.equal(parseDecimal('123456789012345678901234567890')!.toString(), '123456789012345678901234567890');
  assert.equal(formatDecimal(parseDecimal('2.345')!, 2), '2.35');
  assert.equal(formatDecimal(parseDecimal('87.9518')!, 2), '87.95');
});

test('units convert exactly; トータルコスト is the published one, else 事業費 + 人件費', () => {
  assert.equal(convertCost('1', '百万円', '千円'), '1000');
  assert.equal(convertCost('1', '円', '千円'), '0.001');
  assert.equal(totalCostOf(cost(1, 2022, { projectCost: '10.5', personnelCost: '2' })), '12.5');
  assert.equal(totalCostOf(cost(1, 2022, { projectCost: '10.5', personnelCost: '2', totalCost: '15' })), '15');
  assert.equal(totalCostOf(cost(1, 2022, {})), null);
});

test('funding sources must add up to 事業費 when all are given', () => {
  assert.equal(
    fundingMismatch(cost(1, 2022, { projectCost: '100', nationalPrefecturalFunds: '20', localBonds: '30', otherFunds: '0', generalFunds: '50' })),
    null,
  );
  assert.match(
    fundingMismatch(cost(1, 2022, { projectCost: '100', nationalPrefecturalFunds: '20', localBonds: '30', otherFunds: '0', generalFunds: '49' }))!,
    /99/,
  );
  assert.equal(fundingMismatch(cost(1, 2022, { projectCost: '100', generalFunds: '1' })), null, 'a partial breakdown is not checked');
});

test('totals roll up every level; a program’s own cost adds to its sub-items’', () => {
  const tree = [
    {
      id: 1,
      children: [
        {
          id: 2,
          children: [
            { id: 3, children: [] },
            { id: 4, children: [] },
          ],
        },
        { id: 5, children: [] },
      ],
    },
  ];
  const totals = rollUpCosts(tree, [
    cost(3, 2022, { projectCost: '0.1' }),
    cost(4, 2022, { projectCost: '0.2', unit: '千円' }),
    cost(2, 2022, { personnelCost: '5' }),
    cost(5, 2021, { projectCost: '1', unit: '百万円' }),
  ]);
  assert.equal(totals.get(2)!.get(2022)!.projectCost, '0.3');
  assert.equal(totals.get(2)!.get(2022)!.totalCost, '5.3');
  assert.equal(totals.get(1)!.get(2022)!.totalCost, '5.3');
  assert.equal(totals.get(1)!.get(2021)!.projectCost, '1000');
  assert.equal(totals.get(1)!.get(2021)!.personnelCost, null, 'unknown stays unknown, not zero');
  assert.deepEqual([...totals.keys()].sort(), [1, 2, 3, 4, 5]);
});
