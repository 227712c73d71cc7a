// Runs every compiled *.test.js under dist-test/ (built by `npm run build:test`) with node's own test runner.
// Node 20's --test does not expand globs, so the file list is gathered here.
// Usage: node scripts/run-tests.mjs [substring-filter ...]
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['dist-test/src', 'dist-test/test'];
const filters = process.argv.slice(2);
const files = [];
function walk(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.js')) files.push(path);
  }
}
for (const root of roots) walk(root);
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error('no test files found (build them first: npm run build:test)');
  process.exit(1);
}

// Made once here rather than by every test process racing to make it on first use.
const { ensurePgliteTemplate } = await import('../dist-test/src/test-support/pglite-template.js');
await ensurePgliteTemplate();

// Node 20 runs one file at a time on two cores (availableParallelism() - 1); most files
// spend much of their time waiting on a browser, a child process or the disk, so run
// one more than there are cores.
const concurrency = availableParallelism() + 1;
const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
