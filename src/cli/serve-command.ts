/**
 * `hyoka serve` and `hyoka start`: open the store, migrate, optionally load the sample, listen.
 * With more than one worker (PostgreSQL only) this process prepares the database and then
 * supervises the workers (web/cluster.ts); each worker runs this same command and only listens.
 */
import { openDbFromEnv, type Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { importReportFile } from '../imports/import-report.js';
import { listPlans } from '../plans/plan-queries.js';
import { buildServer } from '../web/server.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { describeDemoAccounts, ensureDemoData } from '../evaluations/demo-data.js';
import { ensureLineageDemo } from '../lineage/lineage-demo.js';
import { describeIndicatorDemo, ensureIndicatorDemo } from '../indicators/indicator-demo.js';
import { env } from '../config/env.js';
import { startControlSocket, type ControlSocket } from '../ops/control-socket.js';
import { invalidInput } from '../errors.js';
import { isClusterWorker, onSupervisorShutdown, superviseWorkers } from '../web/cluster.js';

export interface ServeOptions {
  dataDir?: string | undefined;
  port: number;
  host: string;
  /** Import the sample report when the store holds no plan yet (npm start). */
  loadSample: boolean;
  /** App processes on the port (default HYOKA_WORKERS); more than one needs PostgreSQL. */
  workers?: number;
}

export async function startServer(opts: ServeOptions): Promise<void> {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`ポート番号が不正です: ${opts.port}`);
  const workers = opts.workers ?? env().HYOKA_WORKERS;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw invalidInput(`ワーカー数は 1 以上 64 以下の整数で指定してください: ${opts.workers}`);
  if (isClusterWorker()) return listen(await openDbFromEnv(opts.dataDir), opts, true);
  if (workers > 1 && !env().DATABASE_URL) {
    throw invalidInput(
      `組み込みデータベース (PGlite) に書き込めるのは1つのプロセスだけのため、--workers ${workers} では起動できません。複数のワーカーで動かすには DATABASE_URL で PostgreSQL を指定してください（PGlite では --workers 1）。`,
    );
  }
  const db = await openDbFromEnv(opts.dataDir);
  await prepareStore(db, opts.loadSample);
  if (workers === 1) return listen(db, opts, false);
  await db.close();
  const code = await superviseWorkers({
    workers,
    onListening: (port) => console.log(`hyoka: http://localhost:${port}/ で待ち受けています — データベース: PostgreSQL (DATABASE_URL)、ワーカー ${workers} 個`),
    log: (line) => console.error(line),
  });
  console.error('hyoka: 停止しました。');
  process.exit(code);
}

/** Migrations, and on `start` the sample and the demo data; done once, before any worker starts. */
async function prepareStore(db: Db, loadSample: boolean): Promise<void> {
  await migrate(db);
  let firstStart = false;
  if (loadSample && (await listPlans(db)).length === 0) {
    firstStart = true;
    const r = await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG, actor: 'system:sample' });
    const leaf = r.counts.tiers.at(-1);
    console.log(`サンプルの報告書を取り込みました: ${r.slug}${leaf ? `（${leaf.name} ${leaf.count} 件）` : ''}`);
  }
  // Demo departments and one account per role; an open round on the first start only (never on a restart).
  if (loadSample && (await listPlans(db)).some((p) => p.slug === SAMPLE_PLAN_SLUG)) {
    console.log(describeDemoAccounts(await ensureDemoData(db, { firstStart })));
    // The demo successor of the sample plan, with a few mapped items (first start only, like the round).
    if (firstStart) await ensureLineageDemo(db, SAMPLE_PLAN_SLUG);
    // The demo plan with indicators, rule, directions and costs (made once; a restart changes nothing).
    console.log(describeIndicatorDemo(await ensureIndicatorDemo(db)));
  }
}

/** Serves requests on the store until a signal (or, in a worker, the supervisor) stops it. */
async function listen(db: Db, opts: ServeOptions, worker: boolean): Promise<void> {
  const app = await buildServer(
    {
      db,
      config: { secureCookies: env().HYOKA_SECURE_COOKIES, trustProxy: env().HYOKA_TRUST_PROXY ?? false, frameAncestors: env().HYOKA_FRAME_ANCESTORS },
    },
    { logger: env().HYOKA_LOG_LEVEL === 'silent' ? false : { level: env().HYOKA_LOG_LEVEL } },
  );
  let control: ControlSocket | undefined;
  if (db.dataDir) {
    const started = await startControlSocket(db, db.dataDir, (error) => app.log.error({ err: error }, 'control socket'));
    if ('unavailable' in started) console.error(`警告: ${started.unavailable}（稼働中の hyoka backup はできません）`);
    else control = started;
  }

  let stopping = false;
  // A keep-alive connection that becomes idle after shutdown began would hold the close open:
  // responses sent while stopping end their connection.
  app.addHook('onSend', async (_req, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C: the operator does not want to wait.
      console.error('強制終了します。');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'サーバーを停止しています（処理中のリクエストの完了を待ちます）');
    console.error(`hyoka: ${signal} を受け取りました。処理中のリクエストの完了を待って停止します。`);
    // Should a request never finish, do not hang forever; the lock is released on exit either way.
    const deadline = setTimeout(() => {
      console.error('停止がタイムアウトしました。強制終了します。');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    let code = 0;
    try {
      // Stops accepting, waits for in-flight requests, runs onClose hooks (reminder and purge timers).
      await app.close();
      await control?.close();
      await db.close();
    } catch (error) {
      console.error(error);
      code = 1;
    }
    console.error('hyoka: 停止しました。');
    process.exit(code);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
  // Ctrl-C reaches the workers and the supervisor alike: the supervisor's request is then not a second signal.
  if (worker) onSupervisorShutdown(() => void (stopping || shutdown('SIGTERM')));
  await app.listen({ port: opts.port, host: opts.host });
  if (worker) return;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const where = db.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${opts.dataDir ?? './data'})`;
  console.log(`hyoka: http://localhost:${port}/ で待ち受けています — データベース: ${where}`);
}

/** How long SIGTERM waits for in-flight requests (a PDF can take seconds) before giving up. */
export const SHUTDOWN_TIMEOUT_MS = 30_000;
