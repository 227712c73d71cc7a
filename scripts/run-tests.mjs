// Runs the compiled tests under dist-test/ (built by `npm run build:test`) with node's own test runner.
//
// Usage: node scripts/run-tests.mjs [--unit | --e2e] [substring-filter ...]
//   --unit   only the tests beside the code (dist-test/src)
//   --e2e    only the tests under test/ (browser, whole processes, lint rules)
//   neither  both
//
// The tests beside the code are plain functions and in-process servers over a shared
// embedded database. Starting a process and a PGlite costs ~3 s of CPU a file, more than
// most files' tests, so they run in a few bundles: one process per core, each file's
// tests wrapped in a suite named after the file, one PGlite for the whole bundle
// (`holdSharedPgliteForBundle`), the files shared out as the bundles go so that they end
// together. Tests under test/ start browsers and processes of their
// own and keep a process each. Node 20's --test does not expand globs, so the file list
// is gathered here.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : 'all';
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}
const pick = (files) => (filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files);
const unitFiles = only === 'e2e' ? [] : pick(walk('dist-test/src'));
const loneFiles = only === 'unit' ? [] : pick(walk('dist-test/test'));
if (unitFiles.length + loneFiles.length === 0) {
  console.error('no test files found (build them first: npm run build:test)');
  process.exit(1);
}

// Made once here rather than by every test process racing to make it on first use.
const { ensurePgliteTemplate } = await import('../dist-test/src/test-support/pglite-template.js');
await ensurePgliteTemplate();

const cores = availableParallelism();
const bundles = writeBundles(unitFiles, unitFiles.length > 1 ? Math.min(unitFiles.length, Math.max(2, cores)) : 0);
const runFiles = [...bundles, ...(bundles.length ? [] : unitFiles), ...loneFiles];

// Files under test/ spend much of their time waiting on a browser, a child process or
// the disk, so run one more than there are cores.
const concurrency = cores + 1;
const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...runFiles], {
  stdio: 'inherit',
});
rememberDurations(bundles);
process.exit(result.status ?? 1);

/**
 * How long each file took last time, kept per checkout in the OS temp directory: the
 * bundles offer the longest first. Never committed, so it cannot go stale in the
 * repository; a missing or unreadable one only means the compiled size is used instead.
 */
function durationsPath() {
  const checkout = createHash('sha256').update(resolve('.')).digest('hex').slice(0, 16);
  return join(tmpdir(), 'hyoka-test-durations', `${checkout}.json`);
}

function readDurations() {
  try {
    return JSON.parse(readFileSync(durationsPath(), 'utf8'));
  } catch {
    return {};
  }
}

/** Adds what the bundles measured (each writes its files' times beside itself) to the kept times. */
function rememberDurations(bundlePaths) {
  const measured = bundlePaths.map((b) => b.replace(/\.test\.mjs$/, '.durations.json')).filter((f) => existsSync(f));
  if (measured.length === 0) return;
  const durations = readDurations();
  for (const file of measured) Object.assign(durations, JSON.parse(readFileSync(file, 'utf8')));
  const path = durationsPath();
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(durations, null, 1)}\n`);
  renameSync(partial, path);
}

/** Removes the bundle folders of earlier runs whose process has ended. */
function removeFinishedRuns(parent) {
  let names;
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Writes `count` bundle modules that share out the files as they go: each bundle takes the
 * next file no bundle has taken yet (an exclusively created claim file decides), so a bundle
 * slowed by a heavy file simply takes fewer. Files are offered longest first (last run's
 * time, else the compiled size at 1 ms per 100 bytes, roughly what files take), so no long
 * file is left to run alone at the end. Each bundle writes down how long its files took.
 */
function writeBundles(files, count) {
  // One folder per run: a second run in the same checkout must not share out (or delete) this one's claims.
  const parent = resolve('dist-test/bundles');
  removeFinishedRuns(parent);
  const dir = join(parent, String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  if (count === 0) return [];
  const claims = join(dir, 'claims');
  mkdirSync(claims, { recursive: true });
  const lastTime = readDurations();
  const offered = files
    .map((file) => {
      const name = relative('dist-test', file).replace(/\.js$/, '.ts');
      return { name, url: pathToFileURL(resolve(file)).href, weight: lastTime[name] ?? statSync(file).size / 100 };
    })
    .sort((a, b) => b.weight - a.weight)
    .map(({ name, url }) => ({ name, url }));
  const db = pathToFileURL(resolve('dist-test/src/test-support/db.js')).href;
  const lines = [
    `// Generated by scripts/run-tests.mjs: takes test files from a list shared with the other bundles.`,
    `import { closeSync, openSync, writeFileSync } from 'node:fs';`,
    `import { describe } from 'node:test';`,
    `import { holdSharedPgliteForBundle, releaseSharedPglite } from ${JSON.stringify(db)};`,
    'const files = [',
    ...offered.map((entry) => `  ${JSON.stringify(entry)},`),
    '];',
    `function claim(index) {`,
    `  try {`,
    `    closeSync(openSync(${JSON.stringify(claims)} + '/' + index, 'wx'));`,
    `    return true;`,
    `  } catch (error) {`,
    `    if (error.code === 'EEXIST') return false;`,
    `    throw error;`,
    `  }`,
    `}`,
    'const durations = {};',
    'holdSharedPgliteForBundle();',
    `for (const [index, { name, url }] of files.entries()) {`,
    `  if (!claim(index)) continue;`,
    `  const start = performance.now();`,
    `  await describe(name, async () => { await import(url); });`,
    `  durations[name] = Math.round(performance.now() - start);`,
    `}`,
    // Not a root `after` hook: node runs those as soon as no test is pending, which is already
    // the case between two awaited files, and the PGlite would close after the first file.
    'await releaseSharedPglite();',
  ];
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `bundle-${i + 1}.test.mjs`);
    const durations = path.replace(/\.test\.mjs$/, '.durations.json');
    writeFileSync(path, `${[...lines, `writeFileSync(${JSON.stringify(durations)}, JSON.stringify(durations));`].join('\n')}\n`);
    return path;
  });
}
