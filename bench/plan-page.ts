/**
 * The staff plan page at size: a 20,000-sub-item × 10-year plan, on the embedded store as
 * the app runs it (on disk, its PGlite in a worker thread) and on PostgreSQL when reachable.
 * - the page's size (target < 300 KB) as sent plainly and as brotli;
 * - throughput and p99 on the cached path at 100 connections (target ≥ 1,000 req/s,
 *   p99 < 50 ms), for an anonymous reader, a browser that accepts brotli and a signed-in
 *   member of staff (session cookie), each side by side with a bare node:http server
 *   returning the same bytes (wrk when installed, else autocannon for the first only);
 * - the server's resident memory idle (after the first requests) and at its peak while wrk
 *   drives the plan page and then the portal (target < 600 MB). The server runs in a process
 *   of its own (plan-page-server.ts) over the store generated here, so the figure is the
 *   app's and, on PGlite, its database thread's, not the generator's; PostgreSQL's own
 *   processes are not counted;
 * - the public portal's plan page: its size, and its throughput and p99 under the same load.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.js';
import { createUser } from '../src/users/users-store.js';
import { BENCH_DATABASE_URL } from './foundation.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading } from './measure.js';
import { compare } from './portal.js';
import { compareWithWrk, hasWrk, wrk } from './wrk.js';

/** The plan's size and the targets it is measured against. */
const PLAN = { subItems: 20_000, years: 10 } as const;
const TARGET = { pageKb: 300, peakRssMb: 600 } as const;

interface Store {
  name: string;
  db: Db;
  /** Arguments of plan-page-server.js for this store. */
  serverArgs: string[];
  /** Lets a server process open the store (PGlite has one owner at a time). */
  release(): Promise<void>;
  dispose(): Promise<void>;
}

async function pgliteOnDisk(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-bench-plan-'));
  const dataDir = join(dir, 'data');
  const db = await openDb({ dataDir });
  await migrate(db);
  return {
    name: 'PGlite on disk, in its worker thread',
    db,
    serverArgs: ['pglite', dataDir],
    release: () => db.close(),
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Store | undefined> {
  const schema = `bench_plan_page_${process.pid}`;
  let db: Db;
  try {
    db = await openDb({ databaseUrl: BENCH_DATABASE_URL, schema });
    await db.query('select 1');
  } catch {
    console.log(`(PostgreSQL at ${BENCH_DATABASE_URL} not reachable: PGlite only)`);
    return undefined;
  }
  await migrate(db);
  return {
    name: 'PostgreSQL',
    db,
    serverArgs: ['postgres', BENCH_DATABASE_URL, schema],
    release: async () => undefined,
    async dispose() {
      await db.exec(`drop schema ${schema} cascade`);
      await db.close();
    },
  };
}

const SERVER = fileURLToPath(new URL('./plan-page-server.js', import.meta.url));

/** The server process's resident set and its peak since start or the last reset, from /proc (Linux), in MB. */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}

/** Starts the peak over from the current resident set (Linux 4.0+), so start-up's peak is not counted. */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export async function runPlanPageBench(): Promise<void> {
  for (const open of [pgliteOnDisk, postgres]) {
    const store = await open();
    if (!store) continue;
    try {
      await benchStore(store);
    } finally {
      await store.dispose();
    }
  }
}

async function benchStore(store: Store): Promise<void> {
  heading(`staff plan page at ${PLAN.subItems.toLocaleString('en')} sub-items × ${PLAN.years} years (${store.name})`);
  const { db } = store;
  const { slug } = await generateSyntheticPlan(db, PLAN);
  const user = await createUser(db, { login: 'bench.viewer', displayName: '計測 閲覧者', roles: ['viewer'], password: 'bench-Viewer-2026!' }, 'bench');
  const { token } = await createSession(db, user.id);
  await store.release();
  const child = spawn(process.execPath, [SERVER, ...store.serverArgs], {
    env: { ...process.env, HYOKA_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      void exited.then((code) => reject(new Error(`plan-page-server exited with ${code}`)));
    });
    await measure(child.pid!, `http://127.0.0.1:${port}`, slug, token);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function measure(pid: number, base: string, slug: string, token: string): Promise<void> {
  const page = `${base}/plans/${slug}`;
  const portal = `${base}/portal/plans/${slug}`;
  const signedIn = { cookie: `${SESSION_COOKIE}=${token}` };
  const listening = rss(pid).now;
  const started = performance.now();
  const first = await fetch(page);
  const bytes = (await first.arrayBuffer()).byteLength;
  console.log(`first request (loads the plan): ${(performance.now() - started).toFixed(0)} ms, HTTP ${first.status}`);
  const compressed = await fetch(page, { headers: { 'accept-encoding': 'br' } });
  const brBytes = Number(compressed.headers.get('content-length'));
  console.log(
    `page size: ${(bytes / 1024).toFixed(1)} KB (brotli ${(brBytes / 1024).toFixed(1)} KB)  target < ${TARGET.pageKb} KB ${bytes < TARGET.pageKb * 1024 ? 'OK' : 'OVER'}  ratio ${(bytes / (TARGET.pageKb * 1024)).toFixed(2)}`,
  );
  const afterPlanPage = rss(pid).now;
  const portalFirst = await fetch(portal);
  const portalBytes = (await portalFirst.arrayBuffer()).byteLength;
  if (!portalFirst.ok) throw new Error(`${portal}: HTTP ${portalFirst.status}`);
  const portalBr = await fetch(portal, { headers: { 'accept-encoding': 'br' } });
  await portalBr.arrayBuffer();
  console.log(`portal plan page size: ${(portalBytes / 1024).toFixed(1)} KB (brotli ${(Number(portalBr.headers.get('content-length')) / 1024).toFixed(1)} KB)`);
  await (await fetch(page, { headers: signedIn })).arrayBuffer();
  const idle = rss(pid).now;

  if (!hasWrk()) {
    console.log('(wrk not installed: autocannon, anonymous only; no peak memory)');
    await compare(`GET /plans/${slug} (cached path)`, base, `/plans/${slug}`, { p99Ms: 50, rps: 1000 });
    console.log(`server resident memory idle ${idle.toFixed(0)} MB`);
    return;
  }
  const peakFromNow = resetPeakRss(pid);
  const targets = { p99Ms: 50, rps: 1000 };
  await compareWithWrk('GET /plans/:slug, cached path, anonymous', page, {}, targets);
  await compareWithWrk('  same, a browser accepting brotli', page, { 'accept-encoding': 'gzip, deflate, br' }, targets);
  await compareWithWrk('  same, signed in (session cookie)', page, signedIn, targets);
  const portalLoad = await wrk(portal, {});
  console.log(
    `GET /portal/plans/:slug under the same load: ${portalLoad.rps.toFixed(0)} req/s, p99 ${portalLoad.p99Ms.toFixed(1)} ms${portalLoad.timeouts ? `, ${portalLoad.timeouts} timed out` : ''}`,
  );
  const { peak } = rss(pid);
  console.log(
    `server resident memory: ${listening.toFixed(0)} MB listening, ${afterPlanPage.toFixed(0)} MB after the plan page, idle ${idle.toFixed(0)} MB after the portal too, peak ${peak.toFixed(0)} MB ${peakFromNow ? 'while wrk drove the plan page and the portal' : 'since start'}  target < ${TARGET.peakRssMb} MB ${peak < TARGET.peakRssMb ? 'OK' : 'OVER'}`,
  );
}
