/**
 * `hyoka serve --workers N`: N app processes on one port (node:cluster; the primary accepts
 * connections and hands them out in turn). The primary only supervises: it forks the
 * workers, forks a new one when one dies, and on SIGTERM/SIGINT asks every worker to stop
 * (each finishes its in-flight requests) and exits when all have. Sessions live in the
 * database and caches follow the database's change counter and notifications, so any
 * worker can answer any request.
 */
import cluster, { type Worker } from 'node:cluster';

/** The message the primary sends a worker to stop it gracefully. */
const SHUTDOWN_MESSAGE = 'hyoka:shutdown';
/** A worker that dies sooner than this after its start counts as failing at start. */
const QUICK_DEATH_MS = 10_000;
/** Quick deaths in a row, before any worker listened, after which the supervisor gives up. */
const MAX_QUICK_DEATHS_AT_START = 5;

/** Longest wait before forking again after repeated quick deaths. */
const MAX_RESTART_DELAY_MS = 30_000;
/** The workers' own shutdown deadline is 30 s; the primary waits a little longer before killing. */
const DRAIN_DEADLINE_MS = 35_000;

export const isClusterWorker = (): boolean => cluster.isWorker;

/** In a worker: calls `stop` when the primary asks this worker to stop. */
export function onSupervisorShutdown(stop: () => void): void {
  process.on('message', (message) => {
    if (message === SHUTDOWN_MESSAGE) stop();
  });
}

export interface SupervisorOptions {
  workers: number;
  /** Called once, when every first worker listens: the port they share. */
  onListening(port: number): void;
  log(line: string): void;
}

/** Runs the primary; resolves with the exit code once every worker has stopped after a signal. */
export function superviseWorkers(options: SupervisorOptions): Promise<number> {
  const startedAt = new Map<Worker, number>();
  let quickDeaths = 0;
  let stopping = false;
  let failed = false;
  let announced = false;
  const listening = new Set<number>();
  // One worker runs the periodic jobs (reminder mails, session purge), so that N workers
  // never send the same reminder N times; the worker that replaces it takes them over.
  let jobsWorker: Worker | undefined;
  const fork = (runsJobs = false) => {
    const worker = cluster.fork({ HYOKA_BACKGROUND_JOBS: runsJobs ? '1' : '0' });
    if (runsJobs) jobsWorker = worker;
    startedAt.set(worker, Date.now());
  };

  return new Promise((resolve) => {
    const finishIfDone = () => {
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
    };
    cluster.on('listening', (worker, address) => {
      listening.add(worker.id);
      // A worker forked to replace one that died says so when it is ready.
      if (announced) options.log(`hyoka: 新しいワーカー (pid ${worker.process.pid}) が待ち受けを始めました。`);
      if (!announced && listening.size >= options.workers) {
        announced = true;
        options.onListening(address.port);
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      const lived = Date.now() - (startedAt.get(worker) ?? 0);
      startedAt.delete(worker);
      if (stopping) {
        if (code !== 0) failed = true;
        return finishIfDone();
      }
      const ranJobs = worker === jobsWorker;
      quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      // Workers that never came up (database unreachable, bad settings): stop and say so, so
      // that the service manager sees the failure instead of a supervisor forking forever.
      if (!announced && quickDeaths >= MAX_QUICK_DEATHS_AT_START) {
        options.log(`hyoka: ワーカーが起動直後に ${quickDeaths} 回続けて終了したため、停止します。ログを確認してください。`);
        stopping = true;
        failed = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        return finishIfDone();
      }
      const delay = quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (quickDeaths - 1));
      options.log(
        `hyoka: ワーカー (pid ${worker.process.pid}) が終了しました（${signal ? `シグナル ${signal}` : `終了コード ${code}`}）。${delay ? `${(delay / 1000).toFixed(1)} 秒後に` : ''}新しいワーカーを起動します。`,
      );
      setTimeout(() => {
        if (!stopping) fork(ranJobs);
      }, delay).unref();
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        options.log('強制終了します。');
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
        process.exit(1);
      }
      stopping = true;
      options.log(`hyoka: ${signal} を受け取りました。各ワーカーの処理中のリクエストの完了を待って停止します。`);
      for (const w of Object.values(cluster.workers ?? {})) {
        if (w?.isConnected()) w.send(SHUTDOWN_MESSAGE);
        else w?.process.kill('SIGTERM');
      }
      setTimeout(() => {
        options.log('停止がタイムアウトしました。残っているワーカーを強制終了します。');
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
        failed = true;
      }, DRAIN_DEADLINE_MS).unref();
      finishIfDone();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    for (let i = 0; i < options.workers; i++) fork(i === 0);
  });
}
