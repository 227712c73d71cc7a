/**
 * `hyoka serve --workers 2` as real processes on PostgreSQL: a round published through one
 * worker shows at once on the public side of the other (its cache learns of the change by
 * the database's notification, not by its periodic check, which is set to an hour here);
 * a worker killed outright is replaced; SIGTERM stops every worker and the supervisor. On
 * PGlite more than one worker is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { importReportFile } from '../../src/imports/import-report.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../../src/imports/sample.js';
import { ensureDemoData } from '../../src/evaluations/demo-data.js';
import { demoAccount, sessionAs } from '../../src/test-support/server.js';
import { CLI, type Served, startServe } from './serve-process.js';

const url = process.env.TEST_DATABASE_URL;

interface Reply {
  status: number;
  body: string;
}

/** One request on a connection of its own, so that the cluster hands it to the next worker in turn. */
function call(port: number, path: string, id: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: { connection: 'close', 'x-request-id': id, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

interface Cluster extends Served {
  /** The worker process that logged the request with this id. */
  /** The pid that served a request, once its log line has arrived (stdout is read asynchronously). */
  servedBy(id: string): Promise<number>;
}

async function startCluster(databaseUrl: string): Promise<Cluster> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, HYOKA_LOG_LEVEL: 'info', HYOKA_PUBLIC_CHECK_MS: '3600000' };
  const served = await startServe(['serve', '--workers', '2', '--port', '0', '--host', '127.0.0.1'], env, 'supervisor');
  const { output } = served;
  const logged = (id: string) => {
    for (const line of output.stdout.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { reqId?: string; pid?: number };
      if (entry.reqId === id && entry.pid !== undefined) return entry.pid;
    }
    return undefined;
  };
  const servedBy = async (id: string) => {
    // The response can arrive before the worker's log line has been read from its pipe.
    for (let i = 0; i < 500; i++) {
      const pid = logged(id);
      if (pid !== undefined) return pid;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no log line for request ${id}`);
  };
  return { ...served, servedBy };
}

test('on PGlite more than one worker is refused, in Japanese, before anything starts', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-workers-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [CLI, '--data-dir', join(dir, 'data'), 'serve', '--workers', '2', '--port', '0'], { encoding: 'utf8', env });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PGlite\) に書き込めるのは1つのプロセスだけ/);
  assert.match(r.stderr, /DATABASE_URL で PostgreSQL を指定してください/);
});

test('two workers on PostgreSQL: a publish through one shows at once through the other; a killed worker is replaced; SIGTERM stops all', {
  skip: url ? false : 'TEST_DATABASE_URL is not set',
}, async (t) => {
  const schema = `hyoka_workers_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ databaseUrl: url!, schema });
  t.after(async () => {
    await db.exec(`drop schema if exists ${schema} cascade`);
    await db.close();
  });
  await migrate(db);
  await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
  const { roundId } = await ensureDemoData(db, { roundFiscalYear: 2023 });
  // Every entry accepted and the round closed: ready to publish.
  await db.query(`update round_entries set status = 'accepted', rating_code = coalesce(rating_code, 'A') where round_id = $1`, [roundId]);
  await db.query(`update evaluation_rounds set status = 'closed' where id = $1`, [roundId]);
  const division = await sessionAs(db, demoAccount('division').login);

  const cluster = await startCluster(`${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  t.after(() => {
    if (cluster.child.exitCode === null && cluster.child.signalCode === null) cluster.child.kill('SIGKILL');
  });
  const planApi = `/api/v1/plans/${SAMPLE_PLAN_SLUG}`;
  const publishedUntil = async (id: string) => {
    const r = await call(cluster.port, planApi, id);
    assert.equal(r.status, 200, r.body);
    return (JSON.parse(r.body) as { publishedUntilFiscalYear: number }).publishedUntilFiscalYear;
  };
  // Both workers load and keep the public snapshot before the publish.
  for (let i = 0; i < 4; i++) assert.equal(await publishedUntil(`before-${i}`), 2022);
  const warmed = new Set(await Promise.all([0, 1, 2, 3].map((i) => cluster.servedBy(`before-${i}`))));
  assert.equal(warmed.size, 2, `both workers answered: ${[...warmed].join(', ')}`);

  const form = new URLSearchParams({ _csrf: division.csrf, action: 'publish', confirmed: '1', reason: '意見は後日追記する。' }).toString();
  const published = await call(cluster.port, `/rounds/${roundId}/transition`, 'publish', {
    method: 'POST',
    headers: { cookie: division.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  assert.equal(published.status, 303, published.body);
  const publisher = await cluster.servedBy('publish');
  // The notification reaches the other worker a moment after the publisher's response: ask
  // until it has answered twice (no wait of our own); its periodic check is an hour away, so
  // only the notification can make it show the new year.
  const other: number[] = [];
  for (let i = 0; other.length < 2 && i < 40; i++) {
    const year = await publishedUntil(`after-${i}`);
    if ((await cluster.servedBy(`after-${i}`)) === publisher) assert.equal(year, 2023, 'the publisher shows its own publish');
    else other.push(year);
  }
  assert.deepEqual(other, [2023, 2023], 'the worker that did not publish shows the new year');

  // A worker killed outright is replaced; the port keeps answering.
  process.kill(publisher, 'SIGKILL');
  await cluster.waitFor(/新しいワーカーを起動します/);
  await cluster.waitFor(/新しいワーカー \(pid \d+\) が待ち受けを始めました/);
  const replaced = new Set<number>();
  for (let i = 0; replaced.size < 2 && i < 200; i++) {
    const r = await call(cluster.port, planApi, `health-${i}`).catch(() => undefined);
    if (r?.status === 200) replaced.add(await cluster.servedBy(`health-${i}`));
  }
  assert.equal(replaced.size, 2, 'two live workers again');
  assert.ok(!replaced.has(publisher), 'the killed worker is gone');

  cluster.child.kill('SIGTERM');
  assert.equal(await cluster.exited, 0, cluster.output.stderr);
  assert.match(cluster.output.stderr, /各ワーカーの処理中のリクエストの完了を待って停止します/);
});
