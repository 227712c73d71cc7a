import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { chromiumPath } from './report-pdf.js';
import { isAppError } from '../errors.js';
import { parseReportOptions } from './report-command-run.js';
import { REPORT_FORMAT_NAMES } from './report-command.js';
import { REPORT_FORMATS } from './render-report.js';

test('hyoka report writes every format of the seed’s R4 final round from the command line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hyoka-report-cli-'));
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    const data = join(dir, 'data');
    assert.equal(await runCli(['--data-dir', data, 'import', SAMPLE_REPORT, '--slug', SAMPLE_PLAN_SLUG]), 0);
    const formats = ['html', 'docx', 'xlsx', 'csv', 'json', ...(existsSync(chromiumPath()) ? ['pdf'] : [])];
    for (const [i, format] of formats.entries()) {
      const year = ['2022', 'R4', '令和4年度'][i % 3]!;
      const out = join(dir, `r4.${format}`);
      assert.equal(
        await runCli(['--data-dir', data, 'report', '--plan', SAMPLE_PLAN_SLUG, '--year', year, '--kind', 'final', '--format', format, '--out', out]),
        0,
        format,
      );
      const bytes = await readFile(out);
      assert.ok(bytes.length > 1000, `${format}: ${bytes.length} bytes`);
    }
    assert.equal(JSON.parse(await readFile(join(dir, 'r4.json'), 'utf8')).rowCount, 83);
    // The format follows --out's extension when --format is left out.
    assert.equal(await runCli(['--data-dir', data, 'report', '--year', 'R4', '--out', join(dir, 'by-ext.csv')]), 0);
    assert.match(await readFile(join(dir, 'by-ext.csv'), 'utf8'), /^record_id,plan_slug,/);
    // Errors: exit code 1 and no file.
    process.exitCode = undefined;
    assert.equal(await runCli(['--data-dir', data, 'report', '--year', 'R1', '--out', join(dir, 'none.pdf')]), 1);
    process.exitCode = undefined;
    assert.ok(!(await readdir(dir)).some((f) => f.startsWith('none') || f.includes('.tmp')));
  } finally {
    process.exitCode = undefined;
    if (saved !== undefined) process.env.DATABASE_URL = saved;
    await rm(dir, { recursive: true, force: true });
  }
});

test('report options: year labels, kinds, formats and era are checked before any work', () => {
  assert.deepEqual(parseReportOptions({ year: '令和4年度', out: 'x.XLSX' }), { fiscalYear: 2022, kind: undefined, format: 'xlsx', era: 'wareki' });
  assert.deepEqual(parseReportOptions({ year: 'H30', kind: 'midterm', format: 'pdf', era: 'seireki' }), {
    fiscalYear: 2018,
    kind: 'midterm',
    format: 'pdf',
    era: 'seireki',
  });
  assert.equal(parseReportOptions({ year: '2022' }).format, 'html');
  assert.throws(
    () => parseReportOptions({ year: 'R99x' }),
    (e: unknown) => isAppError(e, 'invalid-input') && /年度として読めません/.test(e.message),
  );
  assert.throws(() => parseReportOptions({ year: '2022', kind: 'weekly' }), /--kind が不正です/);
  assert.throws(() => parseReportOptions({ year: '2022', format: 'rtf' }), /--format が不正です/);
  assert.throws(() => parseReportOptions({ year: '2022', era: 'meiji' }), /--era が不正です/);
});

test('the formats the command’s help names are the ones it renders', () => {
  assert.deepEqual([...REPORT_FORMAT_NAMES], [...REPORT_FORMATS]);
});
