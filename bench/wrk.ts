/**
 * Load from wrk (C, one thread): it costs the machine far less than a node load generator,
 * which on two cores would take most of the app's share. Each figure is measured side by
 * side with a bare node:http server answering the same bytes in the same run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CONNECTIONS = 100;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);

export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

export interface WrkResult {
  rps: number;
  p99Ms: number;
  /** Requests wrk gave up on after 2 s: counted, not fatal (they are the tail a p99 misses). */
  timeouts: number;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

/** One wrk run; throws on a failed connection, read or write, or any answer outside 2xx/3xx. */
export function wrk(url: string, headers: Record<string, string>, seconds = DURATION_S): Promise<WrkResult> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
      const bad = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      if (code !== 0 || !rps || !p99) return reject(new Error(`wrk ${url} exited with ${code}:\n${out}`));
      const failed = errors ? Number(errors[1]) + Number(errors[2]) + Number(errors[3]) : 0;
      if (bad || failed > 0) return reject(new Error(`wrk ${url}: ${bad?.[1] ?? 0} non-2xx/3xx, ${failed} socket errors`));
      resolve({ rps: Number(rps[1]), p99Ms: toMs(p99[1]!, p99[2]!), timeouts: Number(errors?.[4] ?? 0) });
    });
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A bare node:http server answering every request with the given status, headers and bytes. */
async function bareServer(status: number, body: Buffer, headers: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface WrkTargets {
  p99Ms: number;
  rps: number;
}

/**
 * hyoka's answer to `url` with the request headers given, against a bare server sending the
 * same status, headers and bytes: warmed, then alternated runs (drift hits both alike), medians.
 */
export async function compareWithWrk(label: string, url: string, headers: Record<string, string>, targets: WrkTargets): Promise<void> {
  const first = await fetch(url, { headers, redirect: 'manual' });
  // fetch decodes what it can: the raw bytes of an encoded answer come from node:http instead.
  const body = first.headers.get('content-encoding') ? await rawBody(url, headers) : Buffer.from(await first.arrayBuffer());
  const answer: Record<string, string> = {};
  for (const [name, value] of first.headers)
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-request-id'].includes(name)) answer[name] = value;
  const bare = await bareServer(first.status, body, answer);
  try {
    await wrk(url, headers, 1);
    await wrk(bare.url, headers, 1);
    const hyoka: WrkResult[] = [];
    const node: WrkResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      hyoka.push(await wrk(url, headers));
      node.push(await wrk(bare.url, headers));
    }
    const h = { rps: median(hyoka.map((x) => x.rps)), p99: median(hyoka.map((x) => x.p99Ms)) };
    const n = { rps: median(node.map((x) => x.rps)), p99: median(node.map((x) => x.p99Ms)) };
    console.log(`${label}: HTTP ${first.status}, ${body.length} bytes, wrk ${CONNECTIONS} connections, ${RUNS}×${DURATION_S} s, medians`);
    const ok = (b: boolean) => (b ? 'OK' : 'NOT MET');
    console.log(
      `  hyoka      ${h.rps.toFixed(0).padStart(7)} req/s   p99 ${h.p99.toFixed(1).padStart(6)} ms   target ≥ ${targets.rps} req/s ${ok(h.rps >= targets.rps)}, p99 < ${targets.p99Ms} ms ${ok(h.p99 < targets.p99Ms)}`,
    );
    const timeouts = hyoka.reduce((sum, x) => sum + x.timeouts, 0);
    if (timeouts > 0) console.log(`  (hyoka: ${timeouts} requests timed out after 2 s)`);
    console.log(`  bare node  ${n.rps.toFixed(0).padStart(7)} req/s   p99 ${n.p99.toFixed(1).padStart(6)} ms`);
    console.log(`  ratio hyoka / bare node: ${(h.rps / n.rps).toFixed(2)}`);
  } finally {
    await bare.close();
  }
}

async function rawBody(url: string, headers: Record<string, string>): Promise<Buffer> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
