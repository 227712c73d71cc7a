/**
 * Workflow benchmarks, against a running server over HTTP:
 * - saving a sub-item (draft save: session, CSRF, state machine, optimistic lock,
 *   audit entry, all in one transaction) with 50 concurrent signed-in sessions;
 * - the completion board of a round of 2,000 sub-items, 50 concurrent sessions.
 * Target: p99 under 100 ms on a 2-core machine. Medians of BENCH_HTTP_RUNS runs of
 * BENCH_HTTP_SECONDS each, beside one session alone. Uses the synthetic 2,000-sub-item
 * plan, on PGlite in memory (in its worker thread, as served) and on PostgreSQL
 * (BENCH_DATABASE_URL) when reachable; on PostgreSQL also `hyoka serve --workers 1`
 * against `--workers 2` as real processes. The board itself (cached, < 0.5 ms a call) is
 * timed directly too.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { openDb, type Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { buildServer } from '../src/web/server.js';
import { hashPassword } from '../src/auth/password.js';
import { createSession } from '../src/auth/sessions.js';
import { createRound, transitionRound } from '../src/evaluations/round-store.js';
import { getRound, type Round } from '../src/evaluations/round-queries.js';
import { loadPlanVocabulary } from '../src/evaluations/plan-settings-queries.js';
import { availableParallelism, loadavg } from 'node:os';
import { loadBoard } from '../src/evaluations/round-queries.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading, report, servePort, timeRuns } from './measure.js';
import { BENCH_DATABASE_URL } from './foundation.js';
import type { LoadConfig, LoadResult, LoadWorker } from './workflow-load.js';

const SESSIONS = 50;
const SUB_ITEMS = 2000;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);
const TARGET_P99_MS = 100;
const TARGET_BOARD_MS = 0.5;
const LOADER = fileURLToPath(new URL('./workflow-load.js', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function load(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LOADER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** 50 departments of 40 sub-items each, one editor per department, and a division account. */
async function setUpPeople(db: Db, planId: number): Promise<{ editors: { userId: number; itemIds: number[] }[]; divisionId: number }> {
  const hash = await hashPassword('benchmark-password');
  const leaves = (
    await db.query<{ id: number }>(
      `select id from plan_items i where plan_id = $1 and not exists (select 1 from plan_items c where c.parent_id = i.id) order by id`,
      [planId],
    )
  ).rows.map((r) => r.id);
  const editors: { userId: number; itemIds: number[] }[] = [];
  for (let d = 0; d < SESSIONS; d++) {
    const deptId = (await db.query<{ id: number }>('insert into departments (code, name) values ($1, $2) returning id', [`bench-${d}`, `負荷測定課${d + 1}`]))
      .rows[0]!.id;
    const itemIds = leaves.filter((_, i) => i % SESSIONS === d);
    await db.query('update plan_items set department_id = $1 where id = any($2::int[])', [deptId, itemIds]);
    const userId = (
      await db.query<{ id: number }>(`insert into users (login, display_name, password_hash, must_change_password) values ($1, $2, $3, false) returning id`, [
        `bench-editor-${d}`,
        `測定 担当${d + 1}`,
        hash,
      ])
    ).rows[0]!.id;
    await db.query(`insert into user_roles (user_id, role) values ($1, 'department')`, [userId]);
    await db.query('insert into user_departments (user_id, department_id) values ($1, $2)', [userId, deptId]);
    editors.push({ userId, itemIds });
  }
  const divisionId = (
    await db.query<{ id: number }>(
      `insert into users (login, display_name, password_hash, must_change_password) values ('bench-division', '測定 推進課', $1, false) returning id`,
      [hash],
    )
  ).rows[0]!.id;
  await db.query(`insert into user_roles (user_id, role) values ($1, 'division')`, [divisionId]);
  return { editors, divisionId };
}

interface Scenario {
  label: string;
  workers: () => LoadWorker[];
}

interface ScenarioResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: string;
  alone: LoadResult;
}

/** Median of RUNS closed-loop runs of 50 sessions, then one session alone (the server's own cost per request). */
async function runScenario(baseUrl: string, scenario: Scenario): Promise<ScenarioResult> {
  await load({ baseUrl, seconds: 1, workers: scenario.workers() }); // warm-up
  const results: LoadResult[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await load({ baseUrl, seconds: SECONDS, workers: scenario.workers() }));
  const alone = await load({ baseUrl, seconds: SECONDS, workers: scenario.workers().slice(0, 1) });
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((n, r) => n + r.errors, 0),
    statuses: JSON.stringify(results.map((r) => r.statuses)),
    alone,
  };
}

function printScenario(label: string, where: string, r: ScenarioResult): void {
  console.log(
    `${label.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  target p99 < ${TARGET_P99_MS} ms  ratio ${(r.p99 / TARGET_P99_MS).toFixed(2)} ${r.p99 < TARGET_P99_MS ? 'OK' : 'OVER'}${r.errors ? `  errors ${r.errors} ${r.statuses}` : ''}  (${where}, median of ${RUNS}×${SECONDS}s)`,
  );
  console.log(
    `  one session alone: ${r.alone.rps.toFixed(0)} req/s, p50 ${r.alone.p50.toFixed(1)} ms, p99 ${r.alone.p99.toFixed(1)} ms; 50 sessions / one alone: ${(r.rps / Math.max(r.alone.rps, 1)).toFixed(2)}× the throughput`,
  );
}

/** The board as a request gets it: the first (assembled) and then the cached one, per call. */
async function timeBoard(db: Db, round: Round): Promise<void> {
  // As the route calls it: the plan's vocabulary is loaded once per request beside it.
  const vocabulary = await loadPlanVocabulary(db, round.planId);
  const first = await timeRuns(1, () => loadBoard(db, round.id, vocabulary), { warmup: 0 });
  const cached = await timeRuns(200, () => loadBoard(db, round.id, vocabulary), { warmup: 5 });
  report(`  loadBoard, first (assembled, ${SUB_ITEMS} sub-items)`, first);
  report('  loadBoard, cached (board changes and counter unchanged)', cached, TARGET_BOARD_MS);
  report('  the plan vocabulary the route loads beside it', await timeRuns(50, () => loadPlanVocabulary(db, round.planId)));
  report('  the round the route loads beside it', await timeRuns(50, () => getRound(db, round.id)));
}

interface Bench {
  db: Db;
  url?: string | undefined;
  schema?: string | undefined;
}

async function openBench(engine: 'pglite' | 'postgres'): Promise<Bench> {
  // In its worker thread, as `hyoka serve` runs an on-disk store: on the request thread the
  // WebAssembly keeps the event loop so busy that it takes in new connections one per turn,
  // and the last of 50 connections is served its first request seconds late.
  if (engine === 'pglite') return { db: await openDb({ inMemory: true, thread: 'worker' }) };
  const schema = `bench_workflow_${process.pid}`;
  return { db: await openDb({ databaseUrl: BENCH_DATABASE_URL, schema }), url: BENCH_DATABASE_URL, schema };
}

export async function runWorkflowBench(): Promise<void> {
  heading(`Workflow: ${SESSIONS} concurrent sessions, ${SUB_ITEMS.toLocaleString('en')} sub-items (target p99 < ${TARGET_P99_MS} ms)`);
  console.log(`  (machine: ${availableParallelism()} cores${loadavg()[0]! > 1 ? `, load average ${loadavg()[0]!.toFixed(1)} — shared with other work` : ''})`);
  for (const engine of ['pglite', 'postgres'] as const) {
    const bench = await openBench(engine).catch(() => undefined);
    if (!bench) {
      console.log(`  ${engine}: not reachable (BENCH_DATABASE_URL), skipped`);
      continue;
    }
    try {
      await benchOn(bench);
    } finally {
      if (bench.schema) await bench.db.exec(`drop schema if exists ${bench.schema} cascade`).catch(() => undefined);
      await bench.db.close();
    }
  }
}

async function benchOn({ db, url, schema }: Bench): Promise<void> {
  await migrate(db);
  const { planId } = await generateSyntheticPlan(db, { subItems: SUB_ITEMS, years: 10, slug: 'bench-workflow' });
  const { editors, divisionId } = await setUpPeople(db, planId);
  const system = { login: 'bench', roles: ['admin', 'division'] as const, departmentIds: [] };
  const created = await createRound(db, { planId, fiscalYear: 2025, kind: 'yearly', deadline: null }, { ...system, roles: [...system.roles] });
  await transitionRound(db, created.id, 'open', { ...system, roles: [...system.roles] });
  const round = await getRound(db, created.id);
  await timeBoard(db, round);
  const sessions = await Promise.all(editors.map(async (e) => ({ ...e, ...(await createSession(db, e.userId)) })));
  const divisionSessions = await Promise.all(Array.from({ length: SESSIONS }, () => createSession(db, divisionId)));
  let saveItem = 0;
  const scenarios: Scenario[] = [
    {
      label: 'save a sub-item (POST, draft)',
      // A fresh sub-item per run, so each worker's version counter starts from the stored one.
      workers: () => {
        saveItem++;
        return sessions.map((s) => ({
          cookie: `hyoka_session=${s.token}`,
          csrf: s.csrfToken,
          path: `/rounds/${round.id}/items/${s.itemIds[saveItem]}`,
          save: { version: 1 },
        }));
      },
    },
    {
      label: `completion board (GET, ${SUB_ITEMS} sub-items)`,
      workers: () => divisionSessions.map((s) => ({ cookie: `hyoka_session=${s.token}`, csrf: s.csrfToken, path: `/rounds/${round.id}/board` })),
    },
  ];
  const app = await buildServer({ db, config: { secureCookies: false } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const inProcess: ScenarioResult[] = [];
  try {
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const scenario of scenarios) {
      inProcess.push(await runScenario(baseUrl, scenario));
      printScenario(scenario.label, `${db.engine}, in-process server`, inProcess.at(-1)!);
    }
  } finally {
    await app.close();
  }
  if (url && schema) await compareWorkers(`${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`, scenarios);
  const writes = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'save'`);
  console.log(`  (every save above wrote an audit entry: ${writes.rows[0]!.n.toLocaleString('en')} in total)`);
}

/** `hyoka serve --workers 1` and `--workers 2` as real processes on the same database: throughput side by side. */
async function compareWorkers(databaseUrl: string, scenarios: Scenario[]): Promise<void> {
  const byWorkers = new Map<number, ScenarioResult[]>();
  for (const workers of [1, 2]) {
    const server = await startCli(databaseUrl, workers);
    try {
      const results: ScenarioResult[] = [];
      for (const scenario of scenarios) {
        results.push(await runScenario(server.baseUrl, scenario));
        printScenario(scenario.label, `postgres, hyoka serve --workers ${workers}`, results.at(-1)!);
      }
      byWorkers.set(workers, results);
    } finally {
      await server.stop();
    }
  }
  scenarios.forEach((scenario, i) => {
    const one = byWorkers.get(1)![i]!;
    const two = byWorkers.get(2)![i]!;
    console.log(
      `  ${scenario.label}: 2 workers / 1 worker = ${(two.rps / one.rps).toFixed(2)}× the throughput, p99 ${one.p99.toFixed(1)} → ${two.p99.toFixed(1)} ms (${availableParallelism()} cores shared with the load generator and PostgreSQL)`,
    );
  });
}

async function startCli(databaseUrl: string, workers: number): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--workers', String(workers), '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, HYOKA_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await servePort(child, exited);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runWorkflowBench();
