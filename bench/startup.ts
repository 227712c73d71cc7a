/**
 * Whole processes, as an operator starts them: `hyoka --help` (< 300 ms) beside a bare
 * `node -e 0`, `hyoka import`
 * of the sample into a fresh store (< 1.5 s), `hyoka report --format html` (< 700 ms),
 * `--format pdf` beside LibreOffice converting hyoka's own docx of the same report, and
 * the idle memory of `hyoka serve` on the sample (PGlite, < 200 MB RSS), started plainly and as the
 * shipped systemd unit starts it. Each is the wall
 * clock of a child process from spawn to exit (medians), on a machine possibly shared with
 * other work: the load average is printed with the figures, and each process's CPU time
 * (user + system, all its threads) beside its wall clock, which load inflates far less.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ENV_NAMES } from '../src/config/env.js';
import { readServiceUnit } from '../src/config/service-unit.js';
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

/** CPU time (user + system, ms) of this process's children that have been waited for (Linux; 0 elsewhere). */
function childrenCpuMs(): number {
  try {
    // After the command name's closing parenthesis the fields start at the 3rd (state): cutime
    // and cstime, the 16th and 17th, are at 13 and 14, in clock ticks (100 a second).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

const cpuSamples = new Map<string, number[]>();

/** Wall-clock time of one process from spawn to exit (its CPU time is kept under `label`); a failure stops the benchmark. */
function timed(label: string, command: string, args: string[], options: { cwd?: string } = {}): number {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const r = spawnSync(command, args, { env: cliEnv(), encoding: 'utf8', ...options });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  cpuSamples.set(label, [...(cpuSamples.get(label) ?? []), childrenCpuMs() - cpuBefore]);
  return ms;
}

/** The wall-clock line, then the median CPU time of the same runs (kept under `key` by timed). */
function reportWithCpu(label: string, key: string, wall: Timing, targetMs?: number): void {
  report(label, wall, targetMs);
  const cpu = timing(cpuSamples.get(key) ?? [0]);
  console.log(`${''.padEnd(58)} CPU    ${formatMs(cpu.median).padStart(9)}  (user + system, all threads)`);
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
    timed('warm-up', process.execPath, [CLI, '--help']); // the file cache, not what is measured
    reportWithCpu(
      'node -e 0 (the floor of any node process)',
      'node',
      repeat(RUNS * 2, () => timed('node', process.execPath, ['-e', '0'])),
    );
    reportWithCpu(
      'hyoka --help',
      'help',
      repeat(RUNS * 2, () => timed('help', process.execPath, [CLI, '--help'])),
      300,
    );
    reportWithCpu(
      'hyoka import (sample) into a fresh store',
      'import',
      repeat(RUNS, (i) => timed('import', process.execPath, [CLI, '--data-dir', join(dir, `fresh-${i}`), 'import', SAMPLE_REPORT])),
      1500,
    );
    const data = join(dir, 'fresh-0');
    reportWithCpu(
      'hyoka report --format html',
      'html',
      repeat(RUNS, (i) =>
        timed('html', process.execPath, [CLI, '--data-dir', data, 'report', '--year', '2022', '--format', 'html', '--out', join(dir, `r${i}.html`)]),
      ),
      700,
    );
    comparePdf(dir, data);
    await idleMemory(data, false);
    await idleMemory(data, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`(load average ${loadavg()[0]!.toFixed(1)} at the end)`);
}

/** hyoka's own PDF (Chromium) beside hyoka's docx and LibreOffice converting it to PDF. */
function comparePdf(dir: string, data: string): void {
  const runs = Math.max(2, Math.ceil(RUNS / 2));
  const pdf = repeat(runs, (i) =>
    timed('pdf', process.execPath, [CLI, '--data-dir', data, 'report', '--year', '2022', '--format', 'pdf', '--out', join(dir, `r${i}.pdf`)]),
  );
  reportWithCpu('hyoka report --format pdf', 'pdf', pdf);
  if (!existsSync(SOFFICE)) return void console.log('  (LibreOffice not installed: no comparison)');
  const docx = repeat(runs, (i) =>
    timed('docx', process.execPath, [CLI, '--data-dir', data, 'report', '--year', '2022', '--format', 'docx', '--out', join(dir, `d${i}.docx`)]),
  );
  reportWithCpu('hyoka report --format docx', 'docx', docx);
  const profile = join(dir, 'lo-profile');
  const convert = repeat(runs, (i) =>
    timed('soffice', SOFFICE, [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      join(dir, `lo${i}`),
      join(dir, `d${i}.docx`),
    ]),
  );
  reportWithCpu('soffice --convert-to pdf (that docx)', 'soffice', convert);
  const viaOffice = docx.median + convert.median;
  console.log(
    `  hyoka pdf ${formatMs(pdf.median)} against docx + LibreOffice ${formatMs(viaOffice)}: ratio ${(pdf.median / viaOffice).toFixed(2)} (below 1: hyoka's own PDF is faster)`,
  );
  const cpu = (label: string) => timing(cpuSamples.get(label) ?? [0]).median;
  const cpuViaOffice = cpu('docx') + cpu('soffice');
  console.log(
    `  CPU: hyoka pdf ${formatMs(cpu('pdf'))} against ${formatMs(cpuViaOffice)}: ratio ${(cpu('pdf') / cpuViaOffice).toFixed(2)} (Chromium's and LibreOffice's own processes included)`,
  );
}

/** How long after its last request a process counts as idle: V8 gives back its young generation only once a process has allocated little for several seconds (about 10–20 s after a burst of pages here). */
const IDLE_AFTER_MS = 30_000;

/**
 * `hyoka serve` on the sample store after a few pages: its resident memory 2 s after them and once
 * idle. Started plainly and as deploy/hyoka.service starts it, with the unit's process settings
 * (glibc's allocator: hyoka's own variables are given as options here), which only the
 * environment a process starts in can give.
 */
async function idleMemory(data: string, asService: boolean): Promise<void> {
  const unit = readServiceUnit().environment;
  const processSettings = asService ? Object.fromEntries(Object.entries(unit).filter(([name]) => !ENV_NAMES.includes(name))) : {};
  const child = spawn(process.execPath, [CLI, '--data-dir', data, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...cliEnv(), ...processSettings },
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
    const afterPages = rss();
    await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS - 2000));
    const idle = rss();
    const how = asService
      ? `as deploy/hyoka.service starts it: ${Object.entries(processSettings)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      : 'started plainly';
    console.log(
      `hyoka serve (PGlite, the sample, ${how}) RSS: ${started.toFixed(0)} MB listening, ${afterPages.toFixed(0)} MB 2 s after pages, ${idle.toFixed(0)} MB idle (${IDLE_AFTER_MS / 1000} s after)  target < 200 MB  ratio ${(idle / 200).toFixed(2)} ${idle < 200 ? 'OK' : 'OVER'}`,
    );
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runStartupBench();
