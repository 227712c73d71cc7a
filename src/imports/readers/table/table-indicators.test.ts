/**
 * Indicator, 今後の方向性 and cost columns of a mapped table: a Shift_JIS CSV read and
 * stored (exact figures, 測定不能, Japanese words as mapped values), the long form (one
 * row per year), and a figure that is not a number refused with its place, nothing stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb } from '../../../test-support/db.js';
import { csvText, encodeShiftJis, indicatorSheet, mapping, xlsxBytes } from '../../../test-support/table-fixtures.js';
import { loadDirectionCodes, loadIndicatorSeries, loadItemCosts, loadItemDirections } from '../../../indicators/indicator-queries.js';
import { ImportSourceError, walkNodes, type ImportedPlan } from '../../imported-plan.js';
import { storeImportedPlan } from '../../store-plan.js';
import { readImportFile } from '../index.js';
import { describeImportedPlan } from '../../dry-run.js';
import type { TableMapping, TableMappingInput } from './mapping-schema.js';

const nodeNamed = (plan: ImportedPlan, name: string) => [...walkNodes(plan.nodes)].map((x) => x.node).find((n) => n.name === name)!;

test('Shift_JIS CSV with indicator, direction and cost columns: exact figures, words as mapped values, stored in the import', async (t) => {
  const f = indicatorSheet();
  const bytes = encodeShiftJis(csvText(f.rows));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture really is not UTF-8');
  const { plan, reader } = await readImportFile(bytes, 'kosodate.csv', { mapping: mapping(f.mapping) });
  assert.equal(reader, 'table-csv');

  const a = nodeNamed(plan, '事業A');
  const [visits, waiting] = a.indicators!;
  assert.deepEqual(
    [visits!.name, visits!.unit, visits!.kind, visits!.direction, visits!.cumulative, visits!.decimals],
    ['相談件数', '件', 'activity', 'higher', true, 1],
  );
  assert.deepEqual(visits!.baseline, { fiscalYear: 2020, value: '1234.5' });
  assert.deepEqual(
    visits!.targets.map((x) => [x.kind, x.fiscalYear, x.value]),
    [
      ['final', 2025, '2000'],
      ['yearly', 2022, '1500'],
    ],
  );
  assert.deepEqual(
    visits!.actuals.map((x) => [x.fiscalYear, x.value, x.notMeasurable]),
    [
      [2021, '1300', false],
      [2022, null, true],
    ],
  );
  assert.deepEqual([waiting!.kind, waiting!.direction, waiting!.cumulative], ['outcome', 'lower', false]);
  assert.equal(waiting!.actuals.at(-1)!.value, '12.0', 'the digits are kept as written');
  assert.deepEqual(
    a.directions!.map((d) => [d.fiscalYear, d.code, d.note]),
    [[2022, '2', '窓口を増やす']],
  );
  assert.deepEqual(
    a.costs!.map((c) => [c.fiscalYear, c.unit, c.projectCost, c.personnelCost, c.totalCost, c.generalFunds, c.localBonds]),
    [[2022, '千円', '12345', '800', '13145', '12345', null]],
  );
  const b = nodeNamed(plan, '事業B');
  assert.equal(b.indicators![0]!.baseline, undefined);
  assert.deepEqual(
    b.directions!.map((d) => d.code),
    ['1'],
  );
  assert.deepEqual(plan.directionCodes, [
    { code: '1', label: '継続' },
    { code: '2', label: '拡充' },
    { code: '3', label: '縮小' },
    { code: '廃止', label: '廃止' },
  ]);

  const lines = describeImportedPlan(plan);
  for (const line of ['指標: 3件（目標値 4件、実績値 6件）', '今後の方向性: 2件', '事業費: 2件']) assert.ok(lines.includes(line), lines.join('\n'));

  const { db, cleanup } = await createTestDb('pglite');
  t.after(cleanup);
  const stored = await storeImportedPlan(db, plan, { reader, actor: 'test-importer' });
  const series = await loadIndicatorSeries(db, stored.planId);
  assert.deepEqual(
    series.map((s) => [s.name, s.baseline?.value ?? null, s.actuals.map((x) => x.value ?? '測定不能').join(' ')]),
    [
      ['相談件数', '1234.5', '1300 測定不能'],
      ['待機児童数', '25', '18 12.0'],
      ['利用者満足度', null, '80.5 81.25'],
    ],
  );
  assert.deepEqual(
    (await loadDirectionCodes(db, stored.planId)).map((c) => `${c.code}:${c.label}`),
    ['1:継続', '2:拡充', '3:縮小', '廃止:廃止'],
  );
  assert.deepEqual(
    (await loadItemDirections(db, stored.planId)).map((d) => [d.fiscalYear, d.label, d.note]),
    [
      [2022, '拡充', '窓口を増やす'],
      [2022, '継続', ''],
    ],
  );
  assert.deepEqual(
    (await loadItemCosts(db, stored.planId)).map((c) => [c.unit, c.projectCost, c.totalCost]),
    [
      ['千円', '12345', '13145'],
      ['千円', '500', null],
    ],
  );
  const audit = await db.query<{ after: { indicatorFacts: unknown } }>(`select after from audit_log where action = 'import' order by id limit 1`);
  assert.deepEqual(audit.rows[0]!.after.indicatorFacts, { indicators: 3, targets: 4, actuals: 6, directions: 2, costs: 2 });

  // Again: the same ids and figures, no second revision or row.
  await storeImportedPlan(db, plan, { reader, actor: 'test-importer' });
  assert.deepEqual(
    (await loadIndicatorSeries(db, stored.planId)).map((s) => s.id),
    series.map((s) => s.id),
  );
  const actuals = await db.query<{ n: number }>('select count(*)::int as n from indicator_actuals');
  assert.equal(actuals.rows[0]!.n, 6);
});

test('long form: one row per indicator and year, with the year, actual, target and source columns', async () => {
  const rows = [
    ['事業', '指標', '年度', '実績', '目標', '出典'],
    ['事業A', '参加者数', '令和3年度', '120', '100', '参加者名簿'],
    ['事業A', '参加者数', 'R4', '測定不能', '110', '中止'],
    ['事業A', '参加者数', '2023', '１３０．２５', '', ''],
  ];
  const { plan } = await readImportFile(await xlsxBytes({ 指標: rows }), 'long.xlsx', {
    mapping: mapping({
      plan: { name: '縦持ち', startFiscalYear: 2021, endFiscalYear: 2025 },
      tiers: [
        { name: '施策', nameColumn: 'A' },
        { name: '指標の項目', nameColumn: 'A' },
      ],
      scales: [{ name: '評価', codes: [{ code: 'A' }] }],
      indicators: [
        {
          nameColumn: 'B',
          kind: 'outcome',
          direction: 'higher',
          actualRows: { fiscalYearColumn: 'C', valueColumn: 'D', targetColumn: 'E', sourceNoteColumn: 'F' },
        },
      ],
    }),
  });
  const indicators = [...walkNodes(plan.nodes)].flatMap((x) => x.node.indicators ?? []);
  assert.equal(indicators.length, 1);
  assert.deepEqual(indicators[0]!.actuals, [
    { fiscalYear: 2021, value: '120', notMeasurable: false, sourceNote: '参加者名簿' },
    { fiscalYear: 2022, value: null, notMeasurable: true, sourceNote: '中止' },
    { fiscalYear: 2023, value: '130.25', notMeasurable: false, sourceNote: '' },
  ]);
  assert.deepEqual(
    indicators[0]!.targets.map((x) => [x.fiscalYear, x.value]),
    [
      [2021, '100'],
      [2022, '110'],
    ],
  );
  assert.equal(indicators[0]!.decimals, 2);
});

test('a figure that is not a number is refused with its place, every such cell listed, and nothing is stored', async (t) => {
  const f = indicatorSheet();
  f.rows[2]![14] = '12.0.1';
  f.rows[3]![17] = '５百';
  f.rows[1]![6] = 'どちらでもない';
  const { db, cleanup } = await createTestDb('pglite');
  t.after(cleanup);
  const bytes = encodeShiftJis(csvText(f.rows));
  await assert.rejects(
    readImportFile(bytes, 'bad.csv', { mapping: mapping(f.mapping) }).then(({ plan }) => storeImportedPlan(db, plan)),
    (error: unknown) => {
      assert.ok(error instanceof ImportSourceError);
      const texts = error.problems.map((p) => `${p.place?.row}${p.place?.column} ${p.message}`);
      assert.deepEqual(texts, [
        '2G 指標の方向「どちらでもない」が読めません（高いほど良い、大きいほど良い、多いほど良い、上昇、増加、↑、higher、低いほど良い、小さいほど良い、少ないほど良い、低下、減少、↓、lower）',
        '3O 2022年度の実績値「12.0.1」は数値として読めません',
        '4R 事業費「５百」は数値として読めません',
      ]);
      return true;
    },
  );
  const plans = await db.query<{ n: number }>('select count(*)::int as n from plans');
  assert.equal(plans.rows[0]!.n, 0);
});

/** Reading `rows` as a workbook with `tableMapping` is refused with exactly these problems, each as "rowColumn message". */
async function assertRowsRefused(rows: string[][], fileName: string, tableMapping: TableMapping, expected: string[]): Promise<void> {
  await assert.rejects(readImportFile(await xlsxBytes({ 指標: rows }), fileName, { mapping: tableMapping }), (error: unknown) => {
    assert.ok(error instanceof ImportSourceError);
    assert.deepEqual(
      error.problems.map((p) => `${p.place?.row}${p.place?.column} ${p.message}`),
      expected,
    );
    return true;
  });
}

/** A 施策 → 事業 table (names in A and B) of a 2021–2025 plan with one scale; `columns` are the rest of each test's own. */
const twoTierMapping = (planName: string, columns: Omit<TableMappingInput, 'plan' | 'tiers' | 'scales'>) =>
  mapping({
    plan: { name: planName, startFiscalYear: 2021, endFiscalYear: 2025 },
    tiers: [
      { name: '施策', nameColumn: 'A' },
      { name: '事業', nameColumn: 'B' },
    ],
    scales: [{ name: '評価', codes: [{ code: 'A' }] }],
    ...columns,
  });

/** The header of the sheets read with `longMapping`: the columns it names. */
const LONG_HEADER = ['施策', '事業', '指標', '年度', '実績', '事業費'];
const longMapping = () =>
  twoTierMapping('縦持ち', {
    indicators: [{ nameColumn: 'C', actualRows: { fiscalYearColumn: 'D', valueColumn: 'E' } }],
    costs: [{ fiscalYearColumn: 'D', projectCost: 'F' }],
  });

test('a row that names no item but has indicator or cost cells is refused at the first such cell, never dropped', async () => {
  const rows = [LONG_HEADER, ['施策1', '事業A', '参加者数', '2021', '120', ''], ['', '', '参加者数', '2022', '130', ''], ['', '', '', '2023', '', '500']];
  await assertRowsRefused(rows, 'long.xlsx', longMapping(), [
    '3C この行にはどの階層の項目名もありません（上の行と同じ項目の続きなら、その項目名を書いてください）',
    '4D この行にはどの階層の項目名もありません（上の行と同じ項目の続きなら、その項目名を書いてください）',
  ]);
});

test('a row that leaves the deeper tier blank puts its figures on the upper item with a warning at the cell', async () => {
  const rows = [LONG_HEADER, ['施策1', '', '参加者数', '2021', '120', '500']];
  const { plan } = await readImportFile(await xlsxBytes({ 指標: rows }), 'long.xlsx', { mapping: longMapping() });
  assert.equal(nodeNamed(plan, '施策1').indicators![0]!.name, '参加者数');
  assert.deepEqual(
    plan.warnings.map((w) => `${w.place?.row}${w.place?.column} ${w.message}`),
    [
      '2C 指標「参加者数」を「施策」の「施策1」に付けます（この行には「事業」がありません）',
      '2F 2021年度の事業費を「施策」の「施策1」に付けます（この行には「事業」がありません）',
    ],
  );
});

const everyRowMapping = () =>
  twoTierMapping('毎行', {
    indicators: [{ nameColumn: 'C', unitColumn: 'D', actualRows: { fiscalYearColumn: 'E', valueColumn: 'F', sourceNoteColumn: 'G' } }],
    directionChoices: [
      {
        column: 'H',
        fiscalYear: 2022,
        values: [
          { code: '1', label: '継続' },
          { code: '2', label: '拡充' },
          { code: '3', label: '縮小' },
        ],
      },
    ],
    costs: [{ fiscalYearColumn: 'E', projectCost: 'I', noteColumn: 'J' }],
  });

const everyRowHeader = ['施策', '事業', '指標', '単位', '年度', '実績', '出典', '方向性', '事業費', '備考'];
/** A row of `everyRowHeader`'s sheet with only a 事業 of 施策1 and its 方向性 cell. */
const directionOnly = (program: string, direction: string) => ['施策1', program, '', '', '', '', '', direction, '', ''];

test('every row is read whole: a second unit, a note without an actual, a second cost note, a direction that names no one choice are problems at their cells', async () => {
  const rows = [
    everyRowHeader,
    ['施策1', '事業A', '参加者数', '人', '2021', '120', '名簿', '2 拡充', '500', '当初'],
    ['施策1', '事業A', '参加者数', '件', '2022', '', '中止', '', '500', ''],
    ['施策1', '事業A', '参加者数', '', '2021', '120', '名簿', '', '500', '補正後'],
    directionOnly('事業B', '縮小 拡充'),
    directionOnly('事業C', '2 縮小'),
  ];
  await assertRowsRefused(rows, 'rows.xlsx', everyRowMapping(), [
    '3D 指標「参加者数」の単位が二通りあります（「人」と「件」）',
    '3G 2022年度の出典・備考「中止」がありますが、実績値（数値か測定不能）がありません',
    '4I 「事業A」の2021年度の事業費が二通りあります',
    '5H 今後の方向性「縮小 拡充」は選択肢にありません（1 継続、2 拡充、3 縮小）',
    '6H 今後の方向性「2 縮小」は選択肢にありません（1 継続、2 拡充、3 縮小）',
  ]);
});

test('a direction cell names a choice by its code, its label, or its code and own label', async () => {
  const rows = [everyRowHeader, directionOnly('事業A', '２　拡充'), directionOnly('事業B', '縮小'), directionOnly('事業C', '１')];
  const { plan } = await readImportFile(await xlsxBytes({ 指標: rows }), 'rows.xlsx', { mapping: everyRowMapping() });
  assert.deepEqual(
    ['事業A', '事業B', '事業C'].map((n) => nodeNamed(plan, n).directions![0]!.code),
    ['2', '3', '1'],
  );
});
