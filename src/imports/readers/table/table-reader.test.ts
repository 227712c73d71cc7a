import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countImportedPlan, ImportSourceError, walkNodes, type ImportedPlan } from '../../imported-plan.js';
import { readImportFile } from '../index.js';
import { parseMapping } from './mapping.js';
import { mappingJsonSchema, MAPPING_SCHEMA_PATH, type TableMappingInput } from './mapping-schema.js';
import { readCsvRows, readXlsxRows } from './sheet-rows.js';
import { suggestMapping } from './suggest-mapping.js';
import { normalizeCode, splitCodeAndName } from './table-reader.js';
import { comprehensivePlan, csvText, encodeShiftJis, kpiPlan, mapping, programWorkbook, xlsxBytes } from '../../../test-support/table-fixtures.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function rejected(promise: Promise<unknown>): Promise<ImportSourceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ImportSourceError, `expected an ImportSourceError, got ${String(error)}`);
    assert.equal(error.code, 'parse-error');
    return error;
  }
  assert.fail('the import was not rejected');
}

function nodesNamed(plan: ImportedPlan, name: string) {
  return [...walkNodes(plan.nodes)].map((x) => x.node).filter((n) => n.name === name);
}

test('codes: full-width digits and spaces are normalised, a leading code splits from its name', () => {
  assert.equal(normalizeCode('１－１'), '1-1');
  assert.deepEqual(splitCodeAndName('１　現状維持'), { code: '1', name: '現状維持' });
  assert.deepEqual(splitCodeAndName('1.2.1　基本施策121'), { code: '1.2.1', name: '基本施策121' });
  assert.deepEqual(splitCodeAndName('拡充'), { code: '拡充' });
});

test('3-tier KPI CSV in Shift_JIS with CRLF: tiers, nodes, ratings, narratives, detected encoding', async () => {
  const f = kpiPlan();
  const bytes = encodeShiftJis(csvText(f.rows));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture really is not UTF-8');
  const { plan, reader } = await readImportFile(bytes, 'kpi.csv', { mapping: mapping(f.mapping) });
  assert.equal(reader, 'table-csv');
  assert.deepEqual(plan.tiers, ['基本目標', '施策', 'KPI']);
  const counts = countImportedPlan(plan);
  assert.deepEqual(counts.nodesPerTier, f.expected.nodesPerTier);
  assert.equal(counts.ratings, f.expected.ratings);
  assert.equal(counts.narratives, f.expected.narratives);
  assert.deepEqual(counts.fiscalYears, [2021, 2022]);
  assert.deepEqual(
    plan.nodes.map((n) => [n.code, n.name]),
    [
      ['1', 'しごとをつくる'],
      ['2', 'ひとの流れをつくる'],
    ],
  );
  assert.deepEqual(
    plan.nodes[0]!.children.map((n) => n.code),
    ['1-1', '1-2'],
  );
  const kpi = nodesNamed(plan, '就労支援の利用者数')[0]!;
  assert.deepEqual(
    kpi.ratings.map((r) => [r.fiscalYear, r.code]),
    [
      [2021, '○'],
      [2022, '—'],
    ],
    'a full-width minus in a rating cell is the scale’s —',
  );
  assert.equal(kpi.department, '福祉課');
  assert.deepEqual(kpi.ratings[1]!.source, { file: 'kpi.csv', row: 5, column: 'H' });
  assert.deepEqual(plan.departments, ['産業振興課', '観光課', '福祉課', '企画課', '保育課']);
});

test('4-tier workbook: codes per tier, two scales bound to tiers, direction codes, annotation marks, decimals kept as written', async () => {
  const f = programWorkbook();
  const bytes = await xlsxBytes({ 表紙: [['事務事業評価']], 評価: f.rows });
  const { plan } = await readImportFile(bytes, 'jigyo.xlsx', { mapping: mapping(f.mapping) });
  const counts = countImportedPlan(plan);
  assert.deepEqual(counts.nodesPerTier, f.expected.nodesPerTier);
  assert.equal(counts.ratings, f.expected.ratings);
  assert.equal(counts.narratives, f.expected.narratives);
  assert.deepEqual(
    plan.scales.map((s) => [s.key, s.tierIndex]),
    [
      ['program', 3],
      ['measure', 1],
    ],
  );
  const measure = plan.nodes[0]!.children[0]!;
  assert.equal(measure.code, '1-1');
  assert.deepEqual(
    measure.ratings.map((r) => [r.scaleKey, r.code]),
    [['measure', '◎']],
  );
  const fifth = nodesNamed(plan, '事務事業5')[0]!;
  assert.deepEqual(fifth.ratings.find((r) => r.fiscalYear === 2022)!.marks, ['※']);
  assert.deepEqual(fifth.narratives.find((n) => n.kind === 'direction')!.text, '拡充', '「２　拡充」 → its label');
  // A number cell reads as the 15 digits Excel keeps and shows; a text cell as written.
  assert.equal(nodesNamed(plan, '事務事業7')[0]!.narratives.find((n) => n.kind === 'progress')!.text, '55.7949479940565');
  assert.equal(nodesNamed(plan, '事務事業8')[0]!.narratives.find((n) => n.kind === 'progress')!.text, '55.794947994056464');
  assert.deepEqual(fifth.source, { file: 'jigyo.xlsx', sheet: '評価', row: 6, column: 'H' });
});

test('5-tier plan in UTF-8 with BOM: codes and names in one cell, columns by header, era year labels', async () => {
  const f = comprehensivePlan();
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csvText(f.rows))]);
  const { plan } = await readImportFile(bytes, 'sogo.csv', { mapping: mapping(f.mapping) });
  const counts = countImportedPlan(plan);
  assert.deepEqual(counts.nodesPerTier, f.expected.nodesPerTier);
  assert.equal(counts.ratings, f.expected.ratings);
  assert.deepEqual([plan.plan.startFiscalYear, plan.plan.endFiscalYear], [2021, 2030]);
  const basic = plan.nodes[0]!.children[1]!.children[0]!;
  assert.deepEqual([basic.code, basic.name, basic.tierIndex], ['1.2.1', '基本施策121', 2]);
  assert.equal(plan.nodes[1]!.children[1]!.children[0]!.children[1]!.children[1]!.name, '事務事業16');
});

test('UTF-16 with a BOM is detected', async () => {
  const f = kpiPlan();
  const text = csvText(f.rows);
  const le = new Uint8Array(2 + text.length * 2);
  le.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    le[2 + i * 2] = text.charCodeAt(i) & 0xff;
    le[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  const rows = readCsvRows(le, 'kpi16.csv');
  assert.equal(rows.encoding, 'utf-16le');
  assert.deepEqual(rows.rows[1]!.cells.slice(0, 4), ['１', 'しごとをつくる', '１－１', '地域産業の振興']);
});

test('a rating not in the scale: the cell, the scale, nothing read', async () => {
  const f = programWorkbook();
  f.rows[12]![10] = 'E';
  const bytes = await xlsxBytes({ 評価: f.rows });
  const error = await rejected(readImportFile(bytes, 'jigyo.xlsx', { mapping: mapping(f.mapping) }));
  assert.equal(error.message, 'シート「評価」 13行 K列: 評価「E」は評価基準にありません（A, B, C, D）');
  assert.deepEqual(error.details.place, { file: 'jigyo.xlsx', sheet: '評価', row: 13, column: 'K' });
});

test('every problem is listed, each with its cell; an invalid direction value is one of them', async () => {
  const f = kpiPlan();
  f.rows[2]![6] = 'A';
  f.rows[6]![7] = '◯◯';
  const g = programWorkbook();
  g.rows[3]![12] = '５　新規';
  const csv = await rejected(readImportFile(utf8(csvText(f.rows)), 'kpi.csv', { mapping: mapping(f.mapping) }));
  assert.deepEqual(
    (csv.details.problems as { text: string }[]).map((p) => p.text),
    ['3行 G列: 評価「A」は評価基準にありません（◎, ○, △, ×, —）', '7行 H列: 評価「◯◯」は評価基準にありません（◎, ○, △, ×, —）'],
  );
  assert.match(csv.message, /（ほか1件）$/);
  const xlsx = await rejected(readImportFile(await xlsxBytes({ 評価: g.rows }), 'jigyo.xlsx', { mapping: mapping(g.mapping) }));
  assert.equal(xlsx.message, 'シート「評価」 4行 M列: 今後の方向性「5 新規」は選択肢にありません（1 現状維持, 2 拡充, 3 縮小, 4 廃止）');
});

test('a mapping with a bad column letter or an unknown header is refused with its place', async () => {
  const f = kpiPlan();
  const bad: TableMappingInput = { ...f.mapping, ratings: [{ column: 'h', fiscalYear: 'R4' }] };
  const badJson = await rejected(Promise.resolve().then(() => parseMapping(JSON.stringify(bad), 'map.json')));
  assert.match(badJson.message, /^ファイル「map\.json」: マッピングの ratings\[0\]\.column: /);
  const wide = await rejected(readImportFile(utf8(csvText(f.rows)), 'kpi.csv', { mapping: mapping({ ...f.mapping, departmentColumn: 'Q' }) }));
  assert.equal(wide.message, '1行 Q列: 列 Q は見出し行の範囲外です（最後の列は I）');
  const header = await rejected(
    readImportFile(utf8(csvText(f.rows)), 'kpi.csv', { mapping: mapping({ ...f.mapping, departmentColumn: { header: '所管部署' } }) }),
  );
  assert.match(header.message, /^1行: 見出し「所管部署」が見出し行にありません/);
});

test('a missing sheet names the sheets the workbook has', async () => {
  const f = programWorkbook();
  const bytes = await xlsxBytes({ 表紙: [['x']], 評価: f.rows });
  const error = await rejected(readImportFile(bytes, 'jigyo.xlsx', { mapping: mapping({ ...f.mapping, sheet: '評価シート' }) }));
  assert.equal(error.message, 'ファイル「jigyo.xlsx」: シート「評価シート」がありません（ブックのシート: 「表紙」、「評価」）');
});

test('one code with two spellings is one node and a warning listing both', async () => {
  const f = programWorkbook();
  f.rows[4]![3] = '施策１-１';
  const { plan } = await readImportFile(await xlsxBytes({ 評価: f.rows }), 'jigyo.xlsx', { mapping: mapping(f.mapping) });
  assert.deepEqual(countImportedPlan(plan).nodesPerTier, f.expected.nodesPerTier);
  assert.equal(plan.warnings.length, 1);
  assert.match(plan.warnings[0]!.message, /^コード「1-1」の名前が2通りあります（「施策1-1」、「施策１-１」）/);
  assert.deepEqual(plan.warnings[0]!.place, { file: 'jigyo.xlsx', sheet: '評価', row: 2, column: 'D' });
});

test('a wrong encoding is refused with the first line it cannot read', async () => {
  const f = kpiPlan();
  const bytes = encodeShiftJis(csvText(f.rows));
  const error = await rejected(readImportFile(bytes, 'kpi.csv', { mapping: mapping(f.mapping), encoding: 'utf-8' }));
  assert.equal(error.message, '1行目: UTF-8として読めない文字があります。文字コードを確かめてください（--encoding で指定できます）');
  assert.deepEqual(error.details.place, { file: 'kpi.csv', line: 1 });
  const latin = await rejected(
    readImportFile(new Uint8Array([0x41, 0x2c, 0x42, 0x0d, 0x0a, 0xff, 0xff, 0x2c, 0x43]), 'x.csv', { mapping: mapping(f.mapping) }),
  );
  assert.match(latin.message, /^2行目: 文字コードを判別できません/);
});

test('an upper tier left blank without a row above to continue is refused', async () => {
  const f = kpiPlan();
  f.rows[1]![0] = '';
  f.rows[1]![1] = '';
  const error = await rejected(readImportFile(utf8(csvText(f.rows)), 'kpi.csv', { mapping: mapping(f.mapping) }));
  assert.equal(error.message, '2行 B列: 階層「基本目標」が空です（上の行から引き継げません）（ほか3件）', 'the rows below it cannot continue it either');
});

test('suggested mapping: tiers, codes, department, year columns, direction and issues from Japanese headers', async () => {
  const f = programWorkbook();
  const sheet = await readXlsxRows(await xlsxBytes({ 評価: f.rows }), 'jigyo.xlsx');
  const guess = suggestMapping(sheet, '事務事業評価');
  assert.deepEqual(guess.tiers, [
    { name: '政策', codeColumn: 'A', nameColumn: 'B' },
    { name: '施策', codeColumn: 'C', nameColumn: 'D' },
    { name: '基本事業', codeColumn: 'E', nameColumn: 'F' },
    { name: '事務事業', codeColumn: 'G', nameColumn: 'H' },
  ]);
  assert.equal(guess.departmentColumn, 'I');
  assert.deepEqual(guess.ratings, [
    { column: 'J', fiscalYear: 2021 },
    { column: 'K', fiscalYear: 2022 },
    { column: 'L', fiscalYear: 2022 },
  ]);
  assert.deepEqual(guess.direction, { column: 'M' });
  assert.deepEqual(guess.narratives, [
    { column: 'N', kind: 'issues', role: 'department' },
    { column: 'O', kind: 'progress', role: 'department' },
  ]);
  assert.deepEqual(
    guess.scales[0]!.codes.map((c) => c.code),
    ['A', 'B', 'C', 'D', '◎'],
  );
  const kpi = suggestMapping(readCsvRows(encodeShiftJis(csvText(kpiPlan().rows)), 'kpi.csv'), 'KPI');
  assert.deepEqual(
    kpi.tiers.map((t) => t.name),
    ['基本目標', '施策', 'KPI'],
  );
  assert.equal(kpi.departmentColumn, 'F');
});

test('the committed JSON Schema is the one generated from the zod schema', () => {
  assert.deepEqual(JSON.parse(readFileSync(MAPPING_SCHEMA_PATH, 'utf8')), JSON.parse(JSON.stringify(mappingJsonSchema())));
});
