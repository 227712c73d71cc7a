/**
 * The import-boundary rules fail on a wrong-way import. A tiny tree that mirrors the
 * compiled layout (dist/src/…) is written to a temporary folder and checked with the
 * project's own .dependency-cruiser.cjs, once clean and once with each kind of violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../../..');
const depcruise = join(repo, 'node_modules/.bin/depcruise');

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-boundaries-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync(depcruise, ['dist/src', '--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cleanTree = {
  'dist/src/web/ui/table.js': 'export const table = 1;\n',
  'dist/src/plans/plan-queries.js': 'export const q = 1;\n',
  'dist/src/plans/plan-routes.js': "import { q } from './plan-queries.js';\nimport { table } from '../web/ui/table.js';\nexport const r = q + table;\n",
  'dist/src/reports/report-queries.js': "import { q } from '../plans/plan-queries.js';\nexport const rq = q;\n",
};

test('a tree that follows the rules passes', () => {
  const r = cruise(cleanTree);
  assert.equal(r.status, 0, r.output);
});

test('shared UI importing a domain fails', () => {
  const r = cruise({ ...cleanTree, 'dist/src/web/ui/table.js': "import { q } from '../../plans/plan-queries.js';\nexport const table = q;\n" });
  assert.notEqual(r.status, 0);
  assert.match(r.output, /shared-imports-no-domain/);
});

test('a domain reaching into another domain’s routes fails', () => {
  const r = cruise({ ...cleanTree, 'dist/src/reports/report-queries.js': "import { r } from '../plans/plan-routes.js';\nexport const rq = r;\n" });
  assert.notEqual(r.status, 0);
  assert.match(r.output, /no-other-domains-pages-or-routes|logic-imports-no-http-or-cli/);
});

test('domain logic importing the CLI fails', () => {
  const r = cruise({
    ...cleanTree,
    'dist/src/cli/main.js': 'export const cli = 1;\n',
    'dist/src/plans/plan-queries.js': "import { cli } from '../cli/main.js';\nexport const q = cli;\n",
  });
  assert.notEqual(r.status, 0);
  assert.match(r.output, /logic-imports-no-http-or-cli/);
});
