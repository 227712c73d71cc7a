import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import type { TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { findPublicPlan, loadPublicDataset, type PublicDataset } from './public-data.js';
import { TABLE_NAMES, allTables, bulkZip, ratingsSubsetTable, ratingsSubsets, ratingsTable, roundsTable, summaryTable, toCsv, toJson } from './downloads.js';

describe('downloads over the seed', () => {
  let t: TestDb;
  let data: PublicDataset;
  before(async () => {
    t = await seededDb();
    data = await loadPublicDataset(t.db, await findPublicPlan(t.db, SAMPLE_PLAN_SLUG));
  });
  after(() => t.cleanup());

  test('CSV: BOM, one header row, same width on every row, 西暦 and 和暦 columns', () => {
    const csv = toCsv(ratingsTable(data));
    assert.ok(csv.startsWith('\uFEFF'));
    const rows = parse(csv, { bom: true }) as string[][];
    const [header, ...body] = rows;
    assert.deepEqual(header!.slice(0, 6), ['ID', '番号', '施策展開の柱', '施策', '事務事業', '事務事業細目']);
    assert.ok(header!.includes('年度（西暦）') && header!.includes('年度（和暦）'));
    assert.equal(body.length, 83 * 5);
    assert.ok(rows.every((r) => r.length === header!.length));
    const fyCol = header!.indexOf('年度（西暦）');
    const labelCol = header!.indexOf('年度（和暦）');
    const r4 = body.filter((r) => r[fyCol] === '2022');
    assert.equal(r4.length, 83);
    assert.ok(r4.every((r) => r[labelCol] === '令和4年度'));
    assert.ok(body.some((r) => r[fyCol] === '2019' && r[labelCol] === '令和元年度'));
    // Program names are repeated on every row: no merged cells.
    assert.ok(body.every((r) => r[4] !== ''));
    assert.equal(body.filter((r) => r[fyCol] === '2022' && r[header!.indexOf('評価')] === 'B').length, 5);
    assert.equal(body.filter((r) => r[header!.indexOf('注釈')] === '※').length, 4);
  });

  test('the ratings table of each page: an item subtree, a sub-item alone', () => {
    const measure = parse(toCsv(ratingsSubsetTable(data, 'item-2.1')!), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(measure.length, 10 * 5);
    assert.ok(measure.every((r) => r.番号!.startsWith('2.1.')));
    const leaf = parse(toCsv(ratingsSubsetTable(data, 'item-2.1.4.3')!), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(
      leaf.map((r) => r.評価),
      ['B', 'B', 'B', 'B', 'B'],
    );
    assert.equal(ratingsSubsetTable(data, 'item-9.9'), undefined);
    assert.equal(ratingsSubsetTable(data, 'department-999999'), undefined);
    assert.equal(ratingsSubsets(data).length, 135);
  });

  test('summary CSV matches the report figures, rounds carry YYYY-MM-DD dates', () => {
    const rows = parse(toCsv(summaryTable(data)), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => r['A（件）']),
      ['59', '56', '65', '68', '72', '73'],
    );
    assert.deepEqual(
      rows.map((r) => r['年度（和暦）']),
      ['平成29年度', '平成30年度', '令和元年度', '令和2年度', '令和3年度', '令和4年度'],
    );
    assert.equal(rows[rows.length - 1]!.達成率, '0.8795');
    const rounds = parse(toCsv(roundsTable(data)), { bom: true, columns: true }) as Record<string, string>[];
    assert.ok(rounds.some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.公表日!)));
    assert.ok(rounds.every((r) => r.公表日 === '' || /^\d{4}-\d{2}-\d{2}$/.test(r.公表日!)));
  });

  test('JSON has the same rows and states the licence; the zip holds every table twice plus the licence', async () => {
    for (const table of allTables(data)) {
      const json = JSON.parse(toJson(data, table)) as { rows: unknown[]; license: string; attribution: string };
      assert.equal(json.rows.length, table.rows.length);
      assert.equal(json.license, 'CC-BY-4.0');
      assert.match(json.attribution, /出典/);
    }
    const zip = await JSZip.loadAsync(await bulkZip(data));
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n]!.dir)
      .sort();
    assert.deepEqual(
      names,
      [...TABLE_NAMES.flatMap((n) => [`${SAMPLE_PLAN_SLUG}/${n}.csv`, `${SAMPLE_PLAN_SLUG}/${n}.json`]), `${SAMPLE_PLAN_SLUG}/LICENSE.txt`].sort(),
    );
    assert.match(await zip.file(`${SAMPLE_PLAN_SLUG}/LICENSE.txt`)!.async('string'), /CC BY 4\.0[\s\S]*公共データ利用規約/);
    // Same data, same bytes: the archive is reproducible (no entry carries the current time).
    assert.ok(Object.values(zip.files).every((f) => f.date.getTime() === Date.UTC(2000, 0, 1)));
    assert.deepEqual(await bulkZip(data), await bulkZip(data));
  });
});
