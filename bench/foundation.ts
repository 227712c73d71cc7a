/**
 * Foundation benchmarks: importing the seed report into a fresh store, and the
 * summary query, on PGlite and (when reachable) PostgreSQL; the same for a
 * synthetic plan of 2,000 sub-items × 10 years.
 */
import { readFileSync } from 'node:fs';
import { openDb, type Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { loadSummary } from '../src/evaluations/summary.js';
import { parseReport } from '../src/imports/parse-report.js';
import { importReportText } from '../src/imports/import-report.js';
import { SAMPLE_REPORT } from '../src/imports/sample.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading, report, timeEach, timeRuns } from './measure.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty store; dispose drops it. */
  fresh(): Promise<{ db: Db; dispose(): Promise<void> }>;
}

export async function benchEngines(): Promise<BenchEngine[]> {
  const engines: BenchEngine[] = [];
  // PGlite: one instance, a fresh schema per store (starting PGlite itself takes seconds and is not what we measure).
  const pglite = await openDb({ inMemory: true });
  let n = 0;
  engines.push({
    name: 'pglite',
    async fresh() {
      const schema = `bench_${process.pid}_${n++}`;
      await pglite.exec(`create schema ${schema}; set search_path to ${schema}`);
      await migrate(pglite);
      return { db: pglite, dispose: () => pglite.exec(`set search_path to public; drop schema ${schema} cascade`) };
    },
  });
  try {
    const probe = await openDb({ databaseUrl: BENCH_DATABASE_URL });
    await probe.query('select 1');
    await probe.close();
    engines.push({
      name: 'postgres',
      async fresh() {
        const schema = `bench_${process.pid}_${n++}`;
        const db = await openDb({ databaseUrl: BENCH_DATABASE_URL, schema });
        await migrate(db);
        return {
          db,
          async dispose() {
            await db.exec(`drop schema ${schema} cascade`);
            await db.close();
          },
        };
      },
    });
  } catch {
    console.log(`(PostgreSQL at ${BENCH_DATABASE_URL} not reachable: PGlite only)`);
  }
  return engines;
}

export async function runFoundationBench(engines: BenchEngine[]): Promise<void> {
  const seed = readFileSync(SAMPLE_REPORT, 'utf8');
  heading('Foundation: import and summary');
  report('parse seed report (text → model)', await timeRuns(20, async () => parseReport(seed), { warmup: 3 }));
  for (const engine of engines) {
    // Each run imports into a new, migrated, empty store; creating it is not timed.
    report(
      `[${engine.name}] import seed into a fresh store`,
      await timeEach(
        7,
        () => engine.fresh(),
        (store) => importReportText(store.db, seed, 'seed.txt', { slug: 'seed' }),
        (store) => store.dispose(),
      ),
      300,
    );
    const { db, dispose } = await engine.fresh();
    try {
      const seeded = await importReportText(db, seed, 'seed.txt', { slug: 'seed' });
      report(`[${engine.name}] summary query, seed (83 × 5)`, await timeRuns(30, () => loadSummary(db, seeded.planId), { warmup: 3 }));
      const synthetic = await generateSyntheticPlan(db, { subItems: 2000, years: 10 });
      report(
        `[${engine.name}] summary query, synthetic 2,000 × 10`,
        await timeRuns(30, () => loadSummary(db, synthetic.planId), { warmup: 3 }),
        engine.name === 'postgres' ? 20 : undefined,
      );
    } finally {
      await dispose();
    }
  }
}
