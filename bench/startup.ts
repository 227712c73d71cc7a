/**
 * Whole processes, as an operator starts them: `hyoka --help` (< 300 ms), `hyoka import`
 * of the sample into a fresh store (< 1.5 s), `hyoka report --format html` (< 700 ms),
 * `--format pdf` beside LibreOffice converting hyoka's own docx of the same report, and
 * the idle memory of `hyoka serve` on the sample (PGlite, < 200 MB RSS). Each is the wall
 * clock of a child process from spawn to exit (medians), on a machine possibly shared with
 * other work: the load average is printed with the figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SAMPLE_REPORT } from '../src/imports/sample.js';
import { formatMs, heading, report, servePort, type Timing } from './measure.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const SOFFICE = '/usr/bin/soffice';

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HYOKA_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return env;
}

/** Wall-clock time of one process from spawn to exit; a failure stops the benchmark. */
function timed(command: string, args: string[], options: { cwd?: string } = {}): number {
  const start = performance.now();
  const r = spawnSync(command, args, { env: cliEnv(), encoding: 'utf8', ...options });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return { median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, min: s[0]!, max: s.at(-1)!, runs: s.length };
}

const repeat = (runs: number, fn: (i: number) => number): Timing => timing(Array.from({ length: runs }, (_, i) => fn(i)));

export async function runStartupBench(): Promise<void> {
  heading(`Start-up and memory as whole processes (load average ${loadavg()[0]!.toFixed(1)} at the start)`);
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-bench-startup-'));
  try {
    timed(process.execPath, [CLI, '--help']); // the file cache, not what is measured
    report(
      'hyoka --help',
      repeat(RUNS * 2, () => timed(process.execPath, [CLI, '--help'])),
      300,
    );
    report(
      'hyoka import (sample) into a fresh store',
      repeat(RUNS, (i) => timed(process.execPath, [CLI, '--data-dir', join(dir, `fresh-${i}`), 'import', SAMPLE_REPORT])),
      1500,
    );
    const data = join(dir, 'fresh-0');
    report(
      'hyoka report --format html',
      repeat(RUNS, (i) => timed(process.execPath, [CLI, '--data-dir', data, 'report', '--year', '2022', '--format', 'html', '--out', join(dir, `r${i}.html`)])),
      700,
    );
    comparePdf(dir, data);
    await idleMemory(data);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** hyoka's own PDF (Chromium) beside hyoka's docx and LibreOffice converting it to PDF. */
function comparePdf(dir: string, data: string): void {
  const runs = Math.max(2, Math.ceil(RUNS / 2));
  const pdf = repeat(runs, (i) =>
    timed(process.execPath, [CLI, '--data-dir', data, 'report', '--year', '2022', '--format', 'pdf', '--out', join(dir, `r${i}.pdf`)]),
  );
  report('hyoka report --format pdf', pdf);
  if (!existsSync(SOFFICE)) return void console.log('  (LibreOffice not installed: no comparison)');
  const docx = repeat(runs, (i) =>
    timed(process.execPath, [CLI, '--data-dir', data, 'report', '--year', '2022', '--format', 'docx', '--out', join(dir, `d${i}.docx`)]),
  );
  report('hyoka report --format docx', docx);
  const profile = join(dir, 'lo-profile');
  const convert = repeat(runs, (i) =>
    timed(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, `lo${i}`), join(dir, `d${i}.docx`)]),
  );
  report('soffice --convert-to pdf (that docx)', convert);
  const viaOffice = docx.median + convert.median;
  console.log(
    `  hyoka pdf ${formatMs(pdf.median)} against docx + LibreOffice ${formatMs(viaOffice)}: ratio ${(pdf.median / viaOffice).toFixed(2)} (below 1: hyoka's own PDF is faster)`,
  );
}

/** `hyoka serve` on the sample store, after a few pages: its resident memory once idle. */
async function idleMemory(data: string): Promise<void> {
  const child = spawn(process.execPath, [CLI, '--data-dir', data, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const port = await servePort(child, exited);
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const started = rss();
    for (const path of ['/plans', '/portal', '/api/v1/plans', '/healthz']) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    const plan = (await (await fetch(`http://127.0.0.1:${port}/api/v1/plans`)).json()) as { data?: { slug: string }[] } | { slug: string }[];
    const slugs = (Array.isArray(plan) ? plan : (plan.data ?? [])).map((p) => p.slug);
    for (const slug of slugs) {
      for (const path of [`/plans/${slug}`, `/portal/plans/${slug}`]) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = rss();
    console.log(
      `hyoka serve (PGlite, the sample) RSS: ${started.toFixed(0)} MB listening, ${idle.toFixed(0)} MB idle after pages  target < 200 MB  ratio ${(idle / 200).toFixed(2)} ${idle < 200 ? 'OK' : 'OVER'}`,
    );
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runStartupBench();
