/** `hyoka serve` and `hyoka start`: open the store, migrate, optionally load the sample, listen. */
import { openDbFromEnv } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { importReportFile } from '../imports/import-report.js';
import { listPlans } from '../plans/plan-queries.js';
import { buildServer } from '../web/server.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { describeDemoAccounts, ensureDemoData } from '../evaluations/demo-data.js';
import { env } from '../config/env.js';

export interface ServeOptions {
  dataDir?: string | undefined;
  port: number;
  host: string;
  /** Import the sample report when the store holds no plan yet (npm start). */
  loadSample: boolean;
}

export async function startServer(opts: ServeOptions): Promise<void> {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`ポート番号が不正です: ${opts.port}`);
  const db = await openDbFromEnv(opts.dataDir);
  await migrate(db);
  if (opts.loadSample && (await listPlans(db)).length === 0) {
    const r = await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG, actor: 'system:sample' });
    console.log(`サンプルの報告書を取り込みました: ${r.slug}（事務事業細目 ${r.counts.subItems} 件）`);
  }
  // Demo departments, one account per role and an open round, so the workflow can be tried at once.
  if (opts.loadSample && (await listPlans(db)).some((p) => p.slug === SAMPLE_PLAN_SLUG)) {
    console.log(describeDemoAccounts(await ensureDemoData(db)));
  }
  const app = await buildServer({ db, config: { secureCookies: env().HYOKA_SECURE_COOKIES } });
  const shutdown = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: opts.port, host: opts.host });
  const where = db.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${opts.dataDir ?? './data'})`;
  console.log(`hyoka: http://localhost:${opts.port}/ で待ち受けています — データベース: ${where}`);
}
