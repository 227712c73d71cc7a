/** The preview of an import: the facts the CLI prints and the web page shows, and the source's own figures checked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeImportedPlan, previewImportedPlan } from './dry-run.js';
import { readPublishedText } from './readers/published-text.js';
import { SAMPLE_REPORT } from './sample.js';

test('the sample: tiers with counts, scale, years, rounds; its printed summary agrees with its tables', () => {
  const plan = readPublishedText(readFileSync(SAMPLE_REPORT, 'utf8'), 'report.txt');
  const preview = previewImportedPlan(plan);
  assert.deepEqual(
    preview.tiers.map((t) => [t.name, t.count]),
    [
      ['施策展開の柱', 3],
      ['施策', 5],
      ['事務事業', 44],
      ['事務事業細目', 83],
    ],
  );
  assert.equal(preview.ratings, 415);
  assert.deepEqual(preview.fiscalYears, [2018, 2019, 2020, 2021, 2022]);
  assert.deepEqual(preview.warnings, []);
  assert.ok(describeImportedPlan(plan).includes('階層: 施策展開の柱 3件 → 施策 5件 → 事務事業 44件 → 事務事業細目 83件'));
});

test('a printed figure that disagrees with the ratings is a warning in the preview and the dry run', () => {
  const plan = readPublishedText(readFileSync(SAMPLE_REPORT, 'utf8'), 'report.txt');
  const r4 = plan.reportedSummaries.find((s) => s.fiscalYear === 2022)!;
  r4.counts.A = 74;
  const expected = '公表された集計表と明細の件数が一致しません: R4 A: 集計表 74件 / 明細 73件';
  assert.deepEqual(previewImportedPlan(plan).warnings, [{ message: expected }]);
  assert.ok(describeImportedPlan(plan).includes(`警告: ${expected}`));
});
