/**
 * hyoka's own workbook: the sample imported, exported, imported into a fresh store and
 * exported again; both workbooks and both stored plans are the same. A damaged workbook
 * is refused with its sheet, row and column.
 */
import { type TestContext, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestDb, type Engine, engines } from '../test-support/db.js';
import { importReportFile } from './import-report.js';
import { importPlanFile } from './import-plan.js';
import { type ImportedPlan, ImportSourceError, walkNodes } from './imported-plan.js';
import { loadStoredPlan } from './plan-export-queries.js';
import { writePlanWorkbook } from './plan-workbook.js';
import { readImportFile } from './readers/index.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from './sample.js';
import { cellText } from './readers/table/sheet-rows.js';
import { storeImportedPlan } from './store-plan.js';
import { mapping, programWorkbook, xlsxBytes } from '../test-support/table-fixtures.js';
import type { Db } from '../db/db.js';
import type { Actor } from '../evaluations/workflow.js';
import * as indicatorStore from '../indicators/indicator-store.js';

const division: Actor = { login: 'test-division', roles: ['division'], departmentIds: [] };
const PROGRAM_SLUG = 'jimu-jigyo';

/** Indicators with every kind of figure, a plan's own direction code and costs, entered as staff enter them. */
async function enterIndicatorFacts(db: Db, slug: string): Promise<void> {
  const plan = (await db.query<{ id: number }>('select id from plans where slug = $1', [slug])).rows[0]!.id;
  const items = (await db.query<{ id: number }>('select id from plan_items where plan_id = $1 and level = 4 order by code limit 2', [plan])).rows;
  const [a, b] = items.map((i) => i.id) as [number, number];
  const visits = await indicatorStore.createIndicator(
    db,
    a,
    { name: '相談件数', unit: '件', kind: 'activity', direction: 'higher', cumulative: true },
    division,
  );
  await indicatorStore.setBaseline(db, visits, { fiscalYear: 2020, value: '１，２３４．５０' }, division);
  const final = await indicatorStore.addTarget(db, visits, { kind: 'final', fiscalYear: 2025, value: '2000' }, division);
  await indicatorStore.addTarget(db, visits, { kind: 'yearly', fiscalYear: 2022, value: '1500.25' }, division);
  await indicatorStore.reviseTarget(db, final, { newValue: '2200', reason: '利用の伸びに合わせて上方修正', decidedFiscalYear: 2022 }, division);
  await indicatorStore.reviseTarget(db, final, { newValue: '2100.5', reason: '施設の改修で受付を休止', decidedFiscalYear: 2023 }, division);
  await indicatorStore.saveActual(db, visits, 2021, { value: '1300', sourceNote: '窓口の記録' }, division);
  await indicatorStore.saveActual(db, visits, 2022, { value: null, notMeasurable: true, sourceNote: '調査を中止' }, division);
  const waiting = await indicatorStore.createIndicator(db, b, { name: '待機者数', unit: '人', kind: 'outcome', direction: 'lower', decimals: 1 }, division);
  await indicatorStore.addTarget(db, waiting, { kind: 'yearly', fiscalYear: 2022, value: '-0.5' }, division);
  await indicatorStore.saveActual(db, waiting, 2022, { value: '0.0' }, division);
  await indicatorStore.ensureDirectionCodes(db, plan, division);
  await indicatorStore.addDirectionCode(db, plan, { code: '見直し', label: '事業手法の見直し' }, division);
  await indicatorStore.chooseDirection(db, a, 2022, { code: '拡充', note: '対象を広げる' }, division);
  await indicatorStore.chooseDirection(db, b, 2022, { code: '見直し' }, division);
  await indicatorStore.saveCost(
    db,
    a,
    2022,
    { unit: '千円', projectCost: '12345.678', personnelCost: '800', generalFunds: '12345.678', note: '決算見込み' },
    division,
  );
  await indicatorStore.saveCost(db, b, 2021, { unit: '円', totalCost: '1000000' }, division);
}

/** Every sheet's cells as text, row by row: what "the same workbook" means (a zip's dates differ). */
async function workbookCells(bytes: Uint8Array): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  for (const ws of workbook.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = Array.from({ length: ws.columnCount }, (_, c) => cellText(row.getCell(c + 1).value));
    });
    out[ws.name] = Array.from(rows, (r) => r ?? []);
  }
  return out;
}

/** The plan without where each fact was read (a text line the first time, a cell the second). */
function withoutPlaces(plan: ImportedPlan): unknown {
  return JSON.parse(JSON.stringify({ ...plan, file: undefined }, (key, value) => (key === 'source' ? undefined : value)));
}

/** The 4-tier program workbook stored with indicator facts entered on it, or the sample report imported. */
type SourcePlan = 'program' | 'sample';

/** A plan as one store holds it and hyoka's workbook of it. */
interface PlanExport {
  slug: string;
  stored: ImportedPlan;
  book: Uint8Array;
}

/**
 * Storing a plan and exporting it is most of each test's time, and no test changes
 * either, so each is made once per engine and read by every test that needs it. Its
 * store is dropped as soon as the export is taken: nothing is held between tests.
 */
const exports = new Map<string, Promise<PlanExport>>();
function exported(engine: Engine, source: SourcePlan): Promise<PlanExport> {
  const key = `${engine} ${source}`;
  let made = exports.get(key);
  if (!made) {
    made = exportPlan(engine, source);
    exports.set(key, made);
  }
  return made;
}

async function exportPlan(engine: Engine, source: SourcePlan): Promise<PlanExport> {
  const { db, cleanup } = await createTestDb(engine);
  try {
    let slug = SAMPLE_PLAN_SLUG;
    if (source === 'sample') await importReportFile(db, SAMPLE_REPORT, { slug });
    else {
      const fixture = programWorkbook();
      const { plan, reader } = await readImportFile(await xlsxBytes({ 評価: fixture.rows }), 'programs.xlsx', { mapping: mapping(fixture.mapping) });
      await storeImportedPlan(db, plan, { reader });
      slug = PROGRAM_SLUG;
      await enterIndicatorFacts(db, slug);
    }
    const stored = await loadStoredPlan(db, slug);
    return { slug, stored, book: await writePlanWorkbook(stored) };
  } finally {
    await cleanup();
  }
}

/**
 * A fresh store and a folder, closed after the test. Taken after the exports the test
 * reads: on PGlite a test database is the shared instance's schema made last.
 */
async function freshStore(t: TestContext, engine: Engine): Promise<{ into: Db; dir: string }> {
  const { db, cleanup } = await createTestDb(engine);
  t.after(cleanup);
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-workbook-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { into: db, dir };
}

/** Import the exported workbook into `into` and export again: both workbooks and both stored plans are the same. */
async function roundTrip(from: PlanExport, into: Db, dir: string): Promise<ImportedPlan> {
  const file = join(dir, `${from.slug}.xlsx`);
  writeFileSync(file, from.book);
  const imported = await importPlanFile(into, file);
  assert.equal(imported.slug, from.slug, 'the slug travels in the workbook');
  const stored = await loadStoredPlan(into, from.slug);
  assert.deepEqual(await workbookCells(await writePlanWorkbook(stored)), await workbookCells(from.book));
  assert.deepEqual(withoutPlaces(stored), withoutPlaces(from.stored));
  return stored;
}

/** hyoka's workbook of a plan, opened to be edited. */
async function workbookToEdit(source: SourcePlan): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exported('pglite', source)).book as unknown as ArrayBuffer);
  return workbook;
}

/** Reading the edited workbook is refused with exactly these problems, each as "sheet rowColumn message". */
async function assertRefusedAt(workbook: ExcelJS.Workbook, expected: string[], message?: string): Promise<void> {
  await assert.rejects(readImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'plan.xlsx'), (e: unknown) => {
    assert.ok(e instanceof ImportSourceError);
    assert.deepEqual(
      e.problems.map((p) => `${p.place?.sheet} ${p.place?.row}${p.place?.column} ${p.message}`),
      expected,
      message,
    );
    return true;
  });
}

for (const engine of engines()) {
  // One round trip of the program workbook, two subtests on what came through: the plan's
  // structure, then the indicator facts entered on it. A plan without indicators is the sample's round trip below.
  test(`${engine}: the 4-tier program workbook with indicator facts round-trips through hyoka's workbook`, async (t) => {
    const source = await exported(engine, 'program');
    const { into, dir } = await freshStore(t, engine);
    const stored = await roundTrip(source, into, dir);
    const nodes = [...walkNodes(stored.nodes)].map((x) => x.node);

    await t.test('departments, two scales, directions and marks', () => {
      assert.deepEqual(stored.departments, ['企画課', '総務課']);
      assert.equal(stored.scales.length, 2);
      assert.deepEqual(
        stored.tiers.map((_, i) => nodes.filter((n) => n.tierIndex === i).length),
        programWorkbook().expected.nodesPerTier,
      );
      assert.ok(nodes.some((n) => n.ratings.some((r) => r.marks.includes('※'))));
      assert.ok(nodes.some((n) => n.narratives.some((x) => x.kind === 'direction')));
    });

    await t.test('indicators, targets with revisions, actuals (測定不能 too), directions and costs', async () => {
      const indicators = nodes.flatMap((n) => n.indicators ?? []);
      assert.deepEqual(
        indicators.map((i) => [i.name, i.unit, i.kind, i.direction, i.cumulative, i.decimals]),
        [
          ['相談件数', '件', 'activity', 'higher', true, 0],
          ['待機者数', '人', 'outcome', 'lower', false, 1],
        ],
      );
      const visits = indicators[0]!;
      assert.deepEqual(visits.baseline, { fiscalYear: 2020, value: '1234.5' });
      assert.deepEqual(
        visits.targets.map((x) => [x.kind, x.fiscalYear, x.value, x.revisions.map((r) => [r.oldValue, r.newValue, r.decidedFiscalYear])]),
        [
          ['yearly', 2022, '1500.25', []],
          [
            'final',
            2025,
            '2000',
            [
              ['2000', '2200', 2022],
              ['2200', '2100.5', 2023],
            ],
          ],
        ],
      );
      assert.deepEqual(visits.actuals, [
        { fiscalYear: 2021, value: '1300', notMeasurable: false, sourceNote: '窓口の記録' },
        { fiscalYear: 2022, value: null, notMeasurable: true, sourceNote: '調査を中止' },
      ]);
      assert.deepEqual(indicators[1]!.targets[0]!.value, '-0.5');
      assert.deepEqual(indicators[1]!.actuals[0]!.value, '0');
      assert.deepEqual(stored.directionCodes?.at(-1), { code: '見直し', label: '事業手法の見直し' });
      assert.deepEqual(
        nodes.flatMap((n) => (n.directions ?? []).map((d) => [d.fiscalYear, d.code, d.note])),
        [
          [2022, '拡充', '対象を広げる'],
          [2022, '見直し', ''],
        ],
      );
      const costs = nodes.flatMap((n) => n.costs ?? []);
      assert.deepEqual(
        costs.map((c) => [c.fiscalYear, c.unit, c.projectCost, c.personnelCost, c.totalCost, c.generalFunds, c.note]),
        [
          [2022, '千円', '12345.678', '800', null, '12345.678', '決算見込み'],
          [2021, '円', null, null, '1000000', null, ''],
        ],
      );
      // A second import of the same workbook adds nothing: revisions are not stored twice.
      const book = await writePlanWorkbook(stored);
      const again = join(dir, 'again.xlsx');
      writeFileSync(again, book);
      await importPlanFile(into, again);
      const revisions = await into.query<{ n: number }>('select count(*)::int as n from indicator_target_revisions');
      assert.equal(revisions.rows[0]!.n, 2);
    });
  });

  test(`${engine}: sample → export → import into a fresh store → export: the same workbook and the same stored plan`, async (t) => {
    const source = await exported(engine, 'sample');
    const { into, dir } = await freshStore(t, engine);
    const stored2 = await roundTrip(source, into, dir);

    // What the sample holds came through: tiers and counts, codes, departments, scales, marks, narratives, footnotes, rounds.
    const nodes = [...walkNodes(stored2.nodes)].map((x) => x.node);
    assert.deepEqual(stored2.tiers, ['施策展開の柱', '施策', '事務事業', '事務事業細目']);
    assert.deepEqual(
      stored2.tiers.map((_, i) => nodes.filter((n) => n.tierIndex === i).length),
      [3, 5, 44, 83],
    );
    assert.equal(nodes.flatMap((n) => n.ratings).length, 415);
    assert.equal(nodes.flatMap((n) => n.ratings).filter((r) => r.marks.includes('※')).length, 4);
    assert.equal(nodes.flatMap((n) => n.narratives).length + stored2.planNarratives.length, 73);
    assert.ok(nodes.every((n) => n.code));
    assert.deepEqual(
      stored2.scales[0]!.codes.map((c) => c.code),
      ['A', 'B', 'C', '—'],
    );
    assert.deepEqual(
      stored2.rounds.map((r) => [r.fiscalYear, r.kind]),
      [
        [2022, 'final'],
        [2018, 'midterm'],
      ],
    );
    assert.ok(stored2.annotationFootnotes.length > 0);
    assert.ok(stored2.reportedSummaries.length > 0);
    assert.ok(stored2.plan.extensions?.length);
  });
}

test('a damaged workbook is refused with its sheet, row and column; an xlsx without the marker still needs a mapping', async () => {
  const workbook = await workbookToEdit('sample');
  workbook.getWorksheet('評価')!.getCell('D3').value = 'Z';
  workbook.getWorksheet('記述')!.getCell('C2').value = 'mayor';
  const damaged = new Uint8Array(await workbook.xlsx.writeBuffer());
  await assert.rejects(readImportFile(damaged, 'plan.xlsx'), (e: unknown) => {
    assert.ok(e instanceof ImportSourceError);
    const texts = e.problems.map((p) => (p.place ? `${p.place.sheet} ${p.place.row}${p.place.column}` : '') + ` ${p.message}`);
    assert.ok(
      texts.some((x) => /^評価 3D 評価「Z」は評価基準「評点式評価」にありません/.test(x)),
      texts.join('\n'),
    );
    assert.ok(
      texts.some((x) => /^記述 2C 書き手「mayor」は使えません/.test(x)),
      texts.join('\n'),
    );
    return true;
  });
  workbook.getWorksheet('hyoka')!.getCell('A1').value = 'something else';
  await assert.rejects(readImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'plan.xlsx'), /表のファイルにはマッピングが必要です/);
});

test('a figure in the workbook that is not a number is refused with its sheet, row and column', async () => {
  const workbook = await workbookToEdit('program');
  workbook.getWorksheet('実績値')!.getCell('C2').value = '12,3a';
  workbook.getWorksheet('事業費')!.getCell('D2').value = '１２，３４５．６７８';
  workbook.getWorksheet('指標')!.getCell('E2').value = 'input';
  await assertRefusedAt(
    workbook,
    ['指標 2E 種類「input」は使えません（activity, outcome, other）', '実績値 2C 実績値は数値で書いてください（「12,3a」）'],
    'full-width digits with separators are a number; the other two cells are not',
  );
});

test('rows the store would refuse or write twice are refused in the workbook with their cells: repeated keys, flags not 0/1, decimals, blank codes, years', async () => {
  const workbook = await workbookToEdit('program');
  const sheet = (name: string) => workbook.getWorksheet(name)!;
  const again = (name: string, change: (cells: ExcelJS.CellValue[]) => void = () => {}) => {
    const cells = (sheet(name).getRow(2).values as ExcelJS.CellValue[]).slice(1);
    change(cells);
    return sheet(name).addRow(cells).number;
  };
  const targetRow = again('目標値');
  const revisionRow = again('目標値の見直し');
  const actualRow = again('実績値');
  const blankActualRow = again('実績値', (c) => {
    c[1] = 2030;
    c[2] = null;
    c[3] = 0;
  });
  const farYearRow = again('実績値', (c) => {
    c[1] = 3000;
  });
  const directionRow = again('今後の方向性');
  const costRow = again('事業費');
  const codeRow = again('方向性の選択肢');
  sheet('実績値').getCell('D4').value = '○';
  sheet('指標').getCell('H2').value = 7;
  sheet('指標').getCell('G3').value = true;
  sheet('今後の方向性').getCell('C3').value = null;
  await assertRefusedAt(
    workbook,
    [
      '指標 2H 小数桁数は 0〜6 で書いてください（「7」）',
      `目標値 ${targetRow}C 指標番号 1 の2022年度の目標値が2回あります（2行と同じ）`,
      `目標値の見直し ${revisionRow}A 同じ見直しが2回あります（2行と同じ）`,
      '実績値 4D 測定不能は 1（はい）か 0・空欄（いいえ）で書いてください（「○」）',
      `実績値 ${actualRow}B 指標番号 1 の2021年度の実績値が2回あります（2行と同じ）`,
      `実績値 ${blankActualRow}C 実績値か測定不能（1）を書いてください`,
      `実績値 ${farYearRow}B 年度 3000 は年度の範囲（1926〜2200）の外です`,
      '今後の方向性 3C 今後の方向性のコードがありません',
      `今後の方向性 ${directionRow}B 項目番号 ${sheet('今後の方向性').getCell('A2').text} の2022年度の今後の方向性が2回あります（2行と同じ）`,
      `事業費 ${costRow}B 項目番号 ${sheet('事業費').getCell('A2').text} の${sheet('事業費').getCell('B2').text}年度の事業費が2回あります（2行と同じ）`,
      `方向性の選択肢 ${codeRow}A コード「${sheet('方向性の選択肢').getCell('A2').text}」が2回あります（2行と同じ）`,
    ],
    'a TRUE cell in 累計 is a flag like 1',
  );
});

test('what the store would refuse is refused when the file is read (dry run, web preview), at its cell', async () => {
  const workbook = await workbookToEdit('program');
  workbook.getWorksheet('今後の方向性')!.getCell('C2').value = '休止';
  const indicators = workbook.getWorksheet('指標')!;
  indicators.getCell('B3').value = indicators.getCell('B2').value;
  indicators.getCell('C3').value = indicators.getCell('C2').value;
  await assertRefusedAt(workbook, [
    '指標 3C 「事務事業1」に指標「相談件数」が2つあります',
    '今後の方向性 2C 「事務事業1」の2022年度の今後の方向性「休止」は選択肢にありません（拡充、継続、改善、縮小、統合、廃止・休止、完了、見直し）',
  ]);
});
