import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_REPORT } from '../../src/imports/sample.js';
import { publishedReportText } from '../../src/test-support/published-text.js';
import { fiveTierSpec } from '../../src/test-support/published-text-specs.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Runs the real `hyoka` binary in a child process, on PGlite in a temp dir (never DATABASE_URL from the environment). */
function hyoka(dataDir: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('import then summary --json reproduces the report table exactly; bad input leaves the store unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-cli-'));
  try {
    const data = join(dir, 'data');
    const imported = hyoka(data, 'import', SAMPLE_REPORT, '--slug', 'chigasaki');
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /細目 83/);
    assert.match(imported.stdout, /一致しています/);

    const summary = hyoka(data, 'summary', '--json');
    assert.equal(summary.code, 0, summary.stderr);
    const lines = summary.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'exactly one JSON object');
    const json = JSON.parse(lines[0]!);
    assert.deepEqual(json.plan, { slug: 'chigasaki', name: '茅ヶ崎市地域情報化計画' });
    assert.deepEqual(
      json.years.map((y: { label: string; source: string; counts: Record<string, number>; total: number; achievementRate: number }) => [
        y.label,
        y.source,
        y.counts.A,
        y.counts.B,
        y.counts.C,
        y.counts['—'],
        y.total,
        y.achievementRate,
      ]),
      [
        ['H29', 'reported', 59, 19, 4, 1, 83, 0.7108],
        ['H30', 'computed', 56, 23, 1, 3, 83, 0.6747],
        ['R元', 'computed', 65, 14, 0, 4, 83, 0.7831],
        ['R2', 'computed', 68, 11, 0, 4, 83, 0.8193],
        ['R3', 'computed', 72, 6, 0, 5, 83, 0.8675],
        ['R4', 'computed', 73, 5, 0, 5, 83, 0.8795],
      ],
    );

    const text = hyoka(data, 'summary', '--era', 'seireki');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /2017\*\s+2018\s+2019/);
    assert.match(text.stdout, /87\.95%/);

    // Malformed inputs: non-zero exit, message on stderr naming the line, nothing changed.
    const seed = readFileSync(SAMPLE_REPORT, 'utf8').split('\n');
    const row = seed.findIndex((l) => l.startsWith('保健所総合システムの導入\t'));
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, seed.map((l, i) => (i === row ? l.replace(/\tA$/, '\tX') : l)).join('\n'));
    const rejected = hyoka(data, 'import', bad, '--slug', 'chigasaki');
    assert.notEqual(rejected.code, 0);
    assert.match(rejected.stderr, new RegExp(`${row + 1}行目`));
    assert.match(rejected.stderr, /変更されていません/);
    assert.equal(rejected.stdout, '');
    assert.equal(hyoka(data, 'summary', '--json').stdout, summary.stdout);

    const missing = hyoka(data, 'import', join(dir, 'nope.txt'));
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /見つかりません/);

    const unknownPlan = hyoka(data, 'summary', '--plan', 'nope');
    assert.equal(unknownPlan.code, 1);
    assert.match(unknownPlan.stderr, /計画が見つかりません: nope/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import prints the counts under the tier names of the document (five tiers)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-cli-'));
  try {
    const file = join(dir, 'five.txt');
    writeFileSync(file, publishedReportText(fiveTierSpec));
    const imported = hyoka(join(dir, 'data'), 'import', file, '--slug', 'five');
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /取り込みました: five（基本目標 2、政策 3、基本施策 4、施策 6、事務事業 8、評価 24、記述 18）/);
    assert.match(imported.stdout, /一致しています/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help and an unknown command as real processes (every command’s help is checked in process)', () => {
  const r = spawnSync(process.execPath, [CLI, 'import', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /使い方: hyoka/);
  const unknown = spawnSync(process.execPath, [CLI, 'frobnicate'], { encoding: 'utf8' });
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /不明なコマンド 'frobnicate'/);
});

test('an invalid environment variable is reported in words and an exit code, before anything opens the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-cli-env-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, HYOKA_DB_POOL: 'abc' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [CLI, '--data-dir', join(dir, 'data'), 'report', '--year', '2022'], { encoding: 'utf8', env });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /環境変数の値が不正です/);
    assert.match(r.stderr, /HYOKA_DB_POOL/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
