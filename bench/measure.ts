/** Timing helpers for `npm run bench`: medians of repeated runs, printed with their target. */
import { performance } from 'node:perf_hooks';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>, options: { warmup?: number } = {}): Promise<Timing> {
  for (let i = 0; i < (options.warmup ?? 1); i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Like timeRuns, with an untimed setup and teardown around every run. */
export async function timeEach<T>(
  runs: number,
  setup: () => Promise<T>,
  fn: (subject: T) => Promise<unknown>,
  teardown: (subject: T) => Promise<unknown>,
): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const subject = await setup();
    const start = performance.now();
    await fn(subject);
    samples.push(performance.now() - start);
    await teardown(subject);
  }
  return summarize(samples);
}

function summarize(samples: number[]): Timing {
  const runs = samples.length;
  samples.sort((a, b) => a - b);
  const mid = Math.floor(samples.length / 2);
  const median = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return { median, min: samples[0]!, max: samples.at(-1)!, runs };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** One line: label, median (min–max), target and the ratio median/target (≤ 1 meets it). */
export function report(label: string, t: Timing, targetMs?: number): void {
  const ratio =
    targetMs === undefined ? '' : `  target ${formatMs(targetMs)}  ratio ${(t.median / targetMs).toFixed(2)} ${t.median <= targetMs ? 'OK' : 'OVER'}`;
  console.log(`${label.padEnd(58)} median ${formatMs(t.median).padStart(9)}  (min ${formatMs(t.min)}, max ${formatMs(t.max)}, n=${t.runs})${ratio}`);
}

export function heading(text: string): void {
  console.log(`\n## ${text}`);
}

/** The port a spawned `hyoka serve` prints once it listens; rejected when the process exits first. */
export function servePort(child: ChildProcessByStdio<null, Readable, null>, exited: Promise<number | null>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /localhost:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`hyoka serve exited with ${code}`)));
  });
}
