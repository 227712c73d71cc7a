/**
 * The staff plan page at size, on the embedded store as the app runs it (on disk, its
 * PGlite in a worker thread): a 20,000-sub-item × 10-year plan, the page's size
 * (target < 300 KB) and its throughput and p99 on the cached path at 100 connections
 * (target ≥ 1,000 req/s, p99 < 50 ms), side by side with a bare node:http server
 * returning the same bytes. Also the time of the first (uncached) request.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { buildServer } from '../src/web/server.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading } from './measure.js';
import { compare } from './portal.js';

export async function runPlanPageBench(): Promise<void> {
  heading('staff plan page at 20,000 sub-items × 10 years (on-disk PGlite in its worker thread)');
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-bench-plan-'));
  const db = await openDb({ dataDir: join(dir, 'data') });
  try {
    await migrate(db);
    const { slug } = await generateSyntheticPlan(db, { subItems: 20_000, years: 10 });
    const app = await buildServer({ db, config: { secureCookies: false } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const started = performance.now();
      const first = await fetch(`${base}/plans/${slug}`);
      const bytes = (await first.arrayBuffer()).byteLength;
      const firstMs = performance.now() - started;
      console.log(`first request (loads the plan): ${firstMs.toFixed(0)} ms, HTTP ${first.status}`);
      console.log(
        `page size: ${(bytes / 1024).toFixed(1)} KB  target < 300 KB ${bytes < 300 * 1024 ? 'OK' : 'OVER'}  ratio ${(bytes / (300 * 1024)).toFixed(2)}`,
      );
      await compare(`GET /plans/${slug} (cached path)`, base, `/plans/${slug}`, { p99Ms: 50, rps: 1000 });
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
