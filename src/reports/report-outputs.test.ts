/**
 * The outputs part of the report on the sample with the indicator fixture: the model says
 * what the data says (values as stored, the rule's answers, revisions, proposals,
 * directions, costs rolled up), the HTML prints it, the JSON keeps to its schema; the
 * sample alone has no outputs part.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { seededDb } from '../test-support/seed.js';
import { addIndicatorFixture, OVERRIDE_REASON, REVISION_REASON } from '../test-support/indicator-fixtures.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import type { TestDb } from '../test-support/db.js';
import { loadReportModel } from './report-queries.js';
import { asKnownIn } from './report-outputs.js';
import { indicatorSeries } from '../test-support/rule-inputs.js';
import { targetsNotResetAfterExtension } from '../indicators/indicator-series.js';
import type { ReportModel } from './report-model.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import { REPORT_JSON_SCHEMA, renderJson } from './report-json-schema.js';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { renderDocx } from './report-docx.js';
import { renderXlsx, SHEET_NAMES } from './report-xlsx.js';
import { renderCsv } from './report-csv.js';
import { parse } from 'csv-parse/sync';

let t: TestDb;
let model: ReportModel;
let plain: ReportModel;

before(async () => {
  t = await seededDb();
  plain = await loadReportModel(t.db, SAMPLE_PLAN_SLUG, 2022, 'final');
  await addIndicatorFixture(t.db, SAMPLE_PLAN_SLUG);
  model = await loadReportModel(t.db, SAMPLE_PLAN_SLUG, 2022, 'final');
});
after(async () => t.cleanup());

test('the sample alone has no outputs part: its JSON has no such key', () => {
  assert.equal(plain.outputs, undefined);
  assert.ok(!renderJson(plain).includes('"outputs"'));
});

test('indicators: stored values, the target in effect with its revision, the rate and the rule answer of FY2022', () => {
  const o = model.outputs!;
  assert.equal(o.fiscalYear, 2022);
  assert.deepEqual(
    o.indicators.map((i) => [i.itemCode, i.name]),
    [
      ['2.1.4.1', '電子申請の利用件数'],
      ['2.1.4.1', '窓口の平均待ち時間'],
      ['2.1.4.2', '研修の受講者数'],
    ],
  );
  const [apps, waiting, training] = o.indicators;
  assert.deepEqual(apps!.baseline, { fiscalYear: 2017, value: '100' });
  assert.equal(apps!.year.target?.originalValue, '1200');
  assert.equal(apps!.year.target?.value, '1400');
  assert.deepEqual(
    apps!.year.target?.revisions.map((r) => [r.decidedFiscalYear, r.oldValue, r.newValue, r.reason]),
    [[2021, '1200', '1400', REVISION_REASON]],
  );
  assert.equal(apps!.year.actual?.value, '1500');
  assert.equal(apps!.year.achievementPercent, '107.1');
  assert.deepEqual([apps!.year.rule?.status, apps!.year.rule?.code], ['proposed', 'B']);
  assert.equal(waiting!.year.achievementPercent, '75.0', 'lower is better: target ÷ actual');
  assert.equal(waiting!.year.rule?.code, 'C');
  // Cumulative from the period's start (2016): earlier years are missing, so no total and no rule answer.
  assert.equal(training!.year.actual?.value, '90');
  assert.equal(training!.year.comparedActual, null);
  assert.equal(training!.year.rule?.status, 'not-evaluable');
});

test('rule in words, the extension statement, proposals, directions and costs come from the data', () => {
  const o = model.outputs!;
  assert.ok(o.rule?.words.some((w) => w.includes('110%超')));
  assert.deepEqual(o.extension?.notReset, [{ itemCode: '2.1.4.1', indicator: '窓口の平均待ち時間', targetFiscalYear: 2020 }]);
  const changed = o.proposals.find((p) => p.itemCode === '2.1.4.2');
  assert.equal(changed?.proposedCode, 'C');
  assert.equal(changed?.overrideReason, OVERRIDE_REASON);
  assert.equal(o.proposals.find((p) => p.itemCode === '2.1.4.1')?.overrideReason, null);
  const y2022 = o.directionCounts.find((y) => y.fiscalYear === 2022)!;
  assert.equal(y2022.counts.find((c) => c.code === '拡充')?.count, 1);
  assert.equal(y2022.counts.find((c) => c.code === '継続')?.count, 1);
  assert.equal(y2022.counts.length, 7, 'every code of the plan, zero included');
  const costs = o.costs!;
  assert.deepEqual(costs.fields, ['projectCost', 'personnelCost', 'totalCost']);
  const total = (code: string) => costs.totals.find((c) => c.itemCode === code && c.fiscalYear === 2022)?.figures;
  assert.equal(total('2.1.4.1')?.totalCost, '20000', 'derived 事業費 + 人件費');
  assert.equal(total('2.1.4.2')?.totalCost, '8500', 'as published, 円 → 千円');
  assert.equal(total('2.1.4')?.totalCost, '28500', 'rolled up');
  assert.equal(total('2')?.projectCost, '17000');
  assert.equal(costs.plan.find((y) => y.fiscalYear === 2022)?.figures.personnelCost, '11000');
});

test('HTML prints the indicator table, the revision, the proposal marks, the rule words and the cost columns', () => {
  const html = renderStandaloneHtml(model, { era: 'wareki' });
  const { document } = parseHTML(html);
  const table = document.querySelector('table[data-indicators="2.1.4.1"]')!;
  assert.ok(table, 'indicator table of 2.1.4.1');
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  assert.deepEqual(heads, ['指標', '単位', '基準値（年度）', '目標値（年度）', '実績', '達成率', '規則による評価']);
  const first = [...table.querySelectorAll('tbody tr')[0]!.children].map((c) => c.textContent ?? '');
  assert.equal(first[2], '100（平成29年度）');
  assert.ok(first[3]!.startsWith('1400（令和2年度）※見直し1'), first[3]);
  assert.equal(first[5], '107.1%');
  assert.ok(first[6]!.startsWith('B'));
  assert.ok(html.includes(`目標値を令和3年度に 1200 から 1400 に見直し（理由：${REVISION_REASON}）`));
  assert.ok(
    html.includes(`評価 ${model.outputs!.proposals.find((p) => p.itemCode === '2.1.4.2')!.code}：規則による提案（C）から変更。変更の理由：${OVERRIDE_REASON}`),
  );
  assert.ok(html.includes('規則による提案どおり'));
  assert.ok(html.includes('今後の方向性：拡充（対象手続を広げる）'));
  assert.ok(document.querySelector('#sec-rule'), 'the rule section');
  assert.deepEqual(
    ['#sec-rule', '#sec-directions', '#sec-costs'].map((id) => document.querySelector(`nav.toc a[href="${id}"]`) !== null),
    [true, true, true],
    'listed in the contents',
  );
  assert.ok(html.includes('計画期間は令和2年度までから令和4年度までに延長されましたが'));
  assert.ok(document.querySelector('table[data-table="directions"]'));
  const cost = document.querySelector('table[data-table="2.1"] tr[data-row="2.1.4.2"] td[data-field="totalCost"]');
  assert.equal(cost?.textContent, '8500');
  assert.equal(document.querySelector('table[data-table="2.1"] tfoot td[data-field="totalCost"]')?.textContent, '28500');
  const seireki = renderStandaloneHtml(model, { era: 'seireki' });
  assert.ok(seireki.includes('100（2017年度）'));
});

test('the JSON with outputs is valid against the schema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(REPORT_JSON_SCHEMA);
  const parsed: unknown = JSON.parse(renderJson(model));
  assert.ok(validate(parsed), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.ok((parsed as { outputs?: unknown }).outputs);
});

test('the workbook has sheets of indicators, directions and costs with the stored values; the sample alone has none', async () => {
  const load = async (m: ReportModel) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(m, { era: 'wareki' })) as unknown as ArrayBuffer);
    return wb;
  };
  const wb = await load(model);
  const sheet = wb.getWorksheet(SHEET_NAMES.indicators)!;
  const head = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const row = Object.fromEntries(head.map((h, i) => [h, String(sheet.getRow(2).getCell(i + 1).value ?? '')]));
  assert.equal(row.指標, '電子申請の利用件数');
  assert.equal(row.目標値, '1400');
  assert.equal(row.当初の目標値, '1200');
  assert.equal(row['達成率（%）'], '107.1');
  assert.equal(row.規則による評価, 'B');
  assert.ok(row.目標値の見直し?.includes(REVISION_REASON));
  assert.equal(sheet.rowCount, 1 + 3);
  const costs = wb.getWorksheet(SHEET_NAMES.costs)!;
  const costRows: string[] = [];
  costs.eachRow((r, n) => n > 1 && costRows.push(`${r.getCell(1).value}:${r.getCell(8).value}`));
  assert.ok(costRows.includes('2.1.4:28500'), costRows.join(' '));
  assert.equal(wb.getWorksheet(SHEET_NAMES.directions)!.rowCount, 1 + 3);
  const sample = await load(plain);
  assert.deepEqual(
    sample.worksheets.map((w) => w.name),
    [SHEET_NAMES.cover, SHEET_NAMES.ratings, SHEET_NAMES.narratives, SHEET_NAMES.summary],
  );
});

test('the Word document prints the rule, the indicator table with its revision, the proposals, directions and cost totals', async () => {
  const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  for (const needle of [
    '指標による評価の規則',
    '電子申請の利用件数',
    '窓口の平均待ち時間',
    '1400（令和2年度）※見直し1',
    `目標値を令和3年度に 1200 から 1400 に見直し（理由：${REVISION_REASON}）`,
    '107.1%',
    `規則による提案（C）から変更。変更の理由：${OVERRIDE_REASON}`,
    '今後の方向性：拡充（対象手続を広げる）',
    '計画全体の事業費等の年度別合計（千円）',
  ])
    assert.ok(text.includes(needle), needle);
  const plainText = (await (await JSZip.loadAsync(await renderDocx(plain, { era: 'wareki' }))).file('word/document.xml')!.async('string')).replace(
    /<[^>]+>/g,
    '',
  );
  assert.ok(!plainText.includes('指標による評価の規則') && !plainText.includes('今後の方向性の年度別件数'));
});

test('a past year’s report knows only the extensions and target revisions decided by then', () => {
  const series = [
    indicatorSeries({
      name: '参加者数',
      targets: [
        {
          id: 1,
          kind: 'final',
          fiscalYear: 2022,
          value: '200',
          revisions: [{ id: 1, oldValue: '200', newValue: '260', reason: '延長に合わせて', decidedFiscalYear: 2023 }],
        },
      ],
    }),
  ];
  const plan = { startFiscalYear: 2018, endFiscalYear: 2022, effectiveEndFiscalYear: 2024, extensions: [{ decidedFiscalYear: 2022, toEndFiscalYear: 2024 }] };
  const in2021 = asKnownIn(series, plan, 2021);
  assert.equal(in2021.plan.effectiveEndFiscalYear, 2022, 'the extension decided in 2022 is not known in 2021');
  assert.deepEqual(targetsNotResetAfterExtension(in2021.series, in2021.plan), []);
  const in2022 = asKnownIn(series, plan, 2022);
  assert.equal(in2022.plan.effectiveEndFiscalYear, 2024);
  assert.equal(targetsNotResetAfterExtension(in2022.series, in2022.plan).length, 1, 'extended, the revision of 2023 not yet decided');
  const in2023 = asKnownIn(series, plan, 2023);
  assert.deepEqual(targetsNotResetAfterExtension(in2023.series, in2023.plan), [], 'the target was revised in 2023');
  const undated = asKnownIn(series, { ...plan, extensions: [{ decidedFiscalYear: null, toEndFiscalYear: 2024 }] }, 2019);
  assert.equal(undated.plan.effectiveEndFiscalYear, 2024, 'an extension without a decided year counts as known');
});

test('the CSV adds each item-year’s proposal, override reason and 今後の方向性; the sample alone keeps its columns', () => {
  const records = parse(renderCsv(model), { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(records[0]!).slice(-5), ['proposed_rating', 'override_reason', 'direction_code', 'direction_label', 'direction_note']);
  const changed = records.find((r) => r.record_id === '2.1.4.2/2022')!;
  assert.deepEqual([changed.rating === changed.proposed_rating, changed.proposed_rating, changed.override_reason], [false, 'C', OVERRIDE_REASON]);
  assert.equal(records.find((r) => r.record_id === '2.1.4.1/2022')?.direction_code, '拡充');
  assert.equal(records.find((r) => r.record_id === '1.1.1.1/2022')?.proposed_rating, '', 'an item without a proposal');
  assert.ok(!renderCsv(plain).split('\r\n')[0]!.includes('proposed_rating'));
});
