import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { stringify } from 'csv-stringify/sync';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { engines } from '../test-support/db.js';
import { suiteDb } from '../test-support/suite-db.js';
import { importReportFile } from '../imports/import-report.js';
import { toCsv, type Table } from '../portal/downloads.js';
import { exportSite } from '../portal/static-export.js';
import { sitePages } from '../portal/pages/site-pages.js';
import { loadReportModel } from '../reports/report-queries.js';
import { renderCsv } from '../reports/report-csv.js';
import { renderXlsx } from '../reports/report-xlsx.js';
import { cleanText } from '../reports/text.js';
import { recordAudit } from '../audit/audit-log.js';
import { listAudit } from '../audit/audit-queries.js';
import { auditCsv } from '../audit/audit-csv.js';
import { buildServer } from './server.js';
import { SPREADSHEET_SAFE_CSV, looksLikeFormula, spreadsheetSafe } from './spreadsheet-safe.js';

/** One text per character a spreadsheet starts a formula with (tab and CR count too). */
const PAYLOADS = ['=HYPERLINK("http://example.invalid","x")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

describe('spreadsheetSafe', () => {
  test('every formula start gets the quote prefix, other text is unchanged', () => {
    for (const p of PAYLOADS) {
      assert.ok(looksLikeFormula(p), JSON.stringify(p));
      assert.equal(spreadsheetSafe(p), `'${p}`);
    }
    for (const plain of ['電子申請', 'A', '—', '', ' =1', "'=1", 'x=1', '１＝１']) assert.equal(spreadsheetSafe(plain), plain);
    // A lone dash is text a spreadsheet would not evaluate, but the rule is kept simple: it is prefixed too.
    assert.equal(spreadsheetSafe('-'), "'-");
  });

  test('exact decimal text after a dash is a number, not a formula: it stays as it is', () => {
    for (const n of ['-3.5', '-3', '-0', '-12.000']) assert.equal(spreadsheetSafe(n), n);
    for (const f of ['-1+2', '=1', '-3.', '-.5', '-3.5e2', '- 3', '-A1', '-3.5\n=1']) assert.equal(spreadsheetSafe(f), `'${f}`, JSON.stringify(f));
  });

  test('CSV options: formula-like strings quoted and prefixed, numbers (negative too) untouched', () => {
    const csv = stringify([[-3, '-3.5', '-1+2', '=1', 'ok', '\t=1']], SPREADSHEET_SAFE_CSV);
    assert.equal(csv, `-3,-3.5,"'-1+2","'=1",ok,"'\t=1"\n`);
  });

  test('portal CSV keeps numbers as numbers', () => {
    const table: Table = {
      name: 't',
      titleJa: 't',
      titleEn: 't',
      columns: ['n', 's'].map((key) => ({ key, ja: key })),
      rows: [
        { n: -3, s: '-3.5' },
        { n: 1, s: '-1+2' },
      ],
    };
    assert.equal(toCsv(table), `\uFEFFn,s\r\n-3,-3.5\r\n1,"'-1+2"\r\n`);
  });
});

/** True when no cell of the CSV starts with a formula character, and every payload is there prefixed. */
function assertNeutralised(csv: string, where: string, payloads: readonly string[] = PAYLOADS): void {
  const cells = (parse(csv, { bom: true, relax_column_count: true }) as string[][]).flat();
  const risky = cells.filter((c) => looksLikeFormula(c));
  assert.deepEqual(risky, [], `${where}: formula-like cells`);
  for (const p of payloads) assert.ok(cells.includes(`'${p}`), `${where}: ${JSON.stringify(p)} prefixed`);
}

/** The report cleans its text first (a CR becomes a line feed, which no spreadsheet reads as a formula start). */
const REPORT_PAYLOADS = PAYLOADS.map(cleanText).filter(looksLikeFormula);

for (const engine of engines()) {
  describe(`formula text through every export (${engine})`, () => {
    const t = suiteDb(engine, async (db) => {
      await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
      // Sub-item names are published text that reaches every export.
      const leaves = await db.query<{ id: number }>(
        `select i.id from plan_items i join plans p on p.id = i.plan_id
            where p.slug = $1 and not exists (select 1 from plan_items c where c.parent_id = i.id) order by i.id limit $2`,
        [SAMPLE_PLAN_SLUG, PAYLOADS.length],
      );
      for (const [i, row] of leaves.rows.entries()) await db.query('update plan_items set name = $1 where id = $2', [PAYLOADS[i]!, row.id]);
    });
    const out = mkdtempSync(join(tmpdir(), 'hyoka-formula-'));
    after(() => rmSync(out, { recursive: true, force: true }));

    test('portal download CSV and the all.zip entries', async () => {
      const app = await buildServer({ db: t.db, config: { secureCookies: false } });
      try {
        const csv = await app.inject(`/portal/plans/${SAMPLE_PLAN_SLUG}/data/ratings.csv`);
        assert.equal(csv.statusCode, 200);
        assertNeutralised(csv.body, 'ratings.csv');
        const zipped = await app.inject(`/portal/plans/${SAMPLE_PLAN_SLUG}/data/all.zip`);
        assert.equal(zipped.statusCode, 200);
        const zip = await JSZip.loadAsync(zipped.rawPayload);
        for (const name of ['items', 'ratings']) assertNeutralised(await zip.file(`${SAMPLE_PLAN_SLUG}/${name}.csv`)!.async('string'), `all.zip ${name}.csv`);
      } finally {
        await app.close();
      }
    });

    test('static export files', async () => {
      await exportSite(t.db, out, sitePages);
      for (const name of ['items', 'ratings'])
        assertNeutralised(readFileSync(join(out, `plans/${SAMPLE_PLAN_SLUG}/data/${name}.csv`), 'utf8'), `static ${name}.csv`);
    });

    test('report CSV and xlsx (read back with ExcelJS: text, not formulas)', async () => {
      const model = await loadReportModel(t.db, SAMPLE_PLAN_SLUG, 2022, 'final');
      assert.equal(REPORT_PAYLOADS.length, PAYLOADS.length - 1);
      assertNeutralised(renderCsv(model), 'report csv', REPORT_PAYLOADS);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderXlsx(model, { era: 'wareki' })) as unknown as ArrayBuffer);
      const values: unknown[] = [];
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${sheet.name}!${cell.address}`);
            values.push(cell.value);
          }),
        ),
      );
      const texts = values.filter((v): v is string => typeof v === 'string');
      assert.deepEqual(texts.filter(looksLikeFormula), []);
      for (const p of REPORT_PAYLOADS) assert.ok(texts.includes(`'${p}`), `xlsx: ${JSON.stringify(p)} prefixed`);
      // The achievement rate and the counts stay numbers.
      assert.ok(values.some((v) => typeof v === 'number'));
    });

    test('audit CSV', async () => {
      for (const p of PAYLOADS) await recordAudit(t.db, { actor: p, action: 'test.formula', entity: p, entityId: p });
      const csv = auditCsv(await listAudit(t.db, {}), { lang: 'ja', era: 'wareki' });
      assertNeutralised(csv, 'audit csv');
    });
  });
}
