import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';

describe('hyoka export-site (CLI)', () => {
  let dir: string;
  let savedUrl: string | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hyoka-cli-export-'));
    // The command must use the embedded store in --data-dir here, whatever the environment says.
    savedUrl = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
  });
  after(() => {
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
    rmSync(dir, { recursive: true, force: true });
  });

  test('imports the sample, exports the site, and refuses an unknown plan with a Japanese error', async () => {
    const data = join(dir, 'data');
    const out = join(dir, 'site');
    assert.equal(await runCli(['--data-dir', data, 'import', SAMPLE_REPORT, '--slug', SAMPLE_PLAN_SLUG]), 0);
    assert.equal(await runCli(['--data-dir', data, 'export-site', '--out', out]), 0);
    assert.ok(existsSync(join(out, 'index.html')));
    assert.ok(existsSync(join(out, 'plans', SAMPLE_PLAN_SLUG, 'items', '2.1.4.3.html')));
    assert.ok(readFileSync(join(out, 'plans', SAMPLE_PLAN_SLUG, 'data', 'summary.csv'), 'utf8').startsWith('\uFEFF'));
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      assert.equal(await runCli(['--data-dir', data, 'export-site', '--out', out, '--plan', 'no-such-plan']), 1);
    } finally {
      console.error = original;
    }
    assert.match(errors.join('\n'), /公開されている計画が見つかりません: no-such-plan/);
  });
});
