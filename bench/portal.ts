/**
 * Portal and API benchmarks:
 * - throughput and p99 latency of /api/v1/plans/{id}/summary and of a sub-item page at
 *   100 connections (autocannon), side by side with a bare node:http server returning
 *   the same bytes and headers in the same run — the ratio is the figure (target ≥ 0.5, p99 < 20 ms);
 * - static export time of the seed (target < 2 s) and of the synthetic 2,000-sub-item plan.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { openDb, type Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { importReportFile } from '../src/imports/import-report.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../src/imports/sample.js';
import { buildServer } from '../src/web/server.js';
import { exportSite } from '../src/portal/static-export.js';
import { sitePages } from '../src/portal/pages/site-pages.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading, report, timeEach } from './measure.js';

const CONNECTIONS = 100;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A bare node:http server answering every request with the given status, headers and bytes. */
async function bareServer(body: Buffer, headers: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  const url = await listen(server);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

interface LoadResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}

/** autocannon in its own process, so the load generator does not share the servers' event loop. */
function autocannon(url: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(seconds), '-j', url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`autocannon exited with ${code}`);
        resolve(JSON.parse(out) as LoadResult);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

async function load(url: string) {
  const r = await autocannon(url, DURATION_S);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

export interface CompareTargets {
  p99Ms: number;
  /** Least acceptable hyoka / bare node throughput ratio. */
  ratio?: number;
  /** Least acceptable requests per second. */
  rps?: number;
}

export async function compare(label: string, hyokaBase: string, path: string, targets: CompareTargets = { p99Ms: 20, ratio: 0.5 }): Promise<void> {
  const first = await fetch(`${hyokaBase}${path}`);
  if (!first.ok) throw new Error(`${path}: HTTP ${first.status}`);
  const body = Buffer.from(await first.arrayBuffer());
  // Every header hyoka sends (its security headers are a kilobyte of each answer), but those node sets itself.
  const headers: Record<string, string> = {};
  for (const [name, value] of first.headers)
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-request-id'].includes(name)) headers[name] = value;
  const bare = await bareServer(body, headers);
  try {
    // Warm both (JIT, caches), then alternate runs so drift hits both sides alike.
    await autocannon(`${hyokaBase}${path}`, 1);
    await autocannon(bare.url, 1);
    const hyoka: { rps: number; p99: number }[] = [];
    const node: { rps: number; p99: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      hyoka.push(await load(`${hyokaBase}${path}`));
      node.push(await load(bare.url));
    }
    const h = { rps: median(hyoka.map((x) => x.rps)), p99: median(hyoka.map((x) => x.p99)) };
    const n = { rps: median(node.map((x) => x.rps)), p99: median(node.map((x) => x.p99)) };
    const ratio = h.rps / n.rps;
    console.log(`${label} (${body.length} bytes, ${CONNECTIONS} connections, ${RUNS}×${DURATION_S} s, medians)`);
    const rpsTarget = targets.rps !== undefined ? `  target ≥ ${targets.rps} req/s ${h.rps >= targets.rps ? 'OK' : 'UNDER'}` : '';
    console.log(
      `  hyoka      ${h.rps.toFixed(0).padStart(7)} req/s   p99 ${h.p99.toFixed(1).padStart(6)} ms  target p99 < ${targets.p99Ms} ms ${h.p99 < targets.p99Ms ? 'OK' : 'OVER'}${rpsTarget}`,
    );
    console.log(`  bare node  ${n.rps.toFixed(0).padStart(7)} req/s   p99 ${n.p99.toFixed(1).padStart(6)} ms`);
    const ratioTarget = targets.ratio !== undefined ? `  target ≥ ${targets.ratio.toFixed(2)} ${ratio >= targets.ratio ? 'OK' : 'UNDER'}` : '';
    console.log(`  ratio hyoka / bare node: ${ratio.toFixed(2)}${ratioTarget}`);
  } finally {
    await bare.close();
  }
}

async function freshStore(pglite: Db, name: string): Promise<Db> {
  await pglite.exec(`create schema ${name}; set search_path to ${name}`);
  await migrate(pglite);
  return pglite;
}

export async function runPortalBench(): Promise<void> {
  heading('portal and API');
  const pglite = await openDb({ inMemory: true });
  try {
    const db = await freshStore(pglite, `bench_portal_${process.pid}`);
    await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
    const app = await buildServer({ db, config: { secureCookies: false } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      await compare(`GET /api/v1/plans/${SAMPLE_PLAN_SLUG}/summary`, base, `/api/v1/plans/${SAMPLE_PLAN_SLUG}/summary`);
      await compare('GET sub-item page /portal/plans/…/items/2.1.4.3', base, `/portal/plans/${SAMPLE_PLAN_SLUG}/items/2.1.4.3`);
    } finally {
      await app.close();
    }

    const out = mkdtempSync(join(tmpdir(), 'hyoka-bench-export-'));
    try {
      let pages = 0;
      const seed = await timeEach(
        3,
        async () => rmSync(join(out, 'seed'), { recursive: true, force: true }),
        async () => (pages = (await exportSite(db, join(out, 'seed'), sitePages, { plan: SAMPLE_PLAN_SLUG })).pages),
        async () => undefined,
      );
      report(`static export, seed (${pages} pages incl. 4 variants)`, seed, 2000);

      const { slug } = await generateSyntheticPlan(db, { subItems: 2000, years: 10 });
      const big = await timeEach(
        3,
        async () => rmSync(join(out, 'big'), { recursive: true, force: true }),
        async () => (pages = (await exportSite(db, join(out, 'big'), sitePages, { plan: slug })).pages),
        async () => undefined,
      );
      report(`static export, synthetic 2,000 sub-items × 10 years (${pages} pages)`, big);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  } finally {
    await pglite.close();
  }
}
