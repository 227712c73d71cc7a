/**
 * Workflow benchmarks, against a running server over HTTP:
 * - saving a sub-item (draft save: session, CSRF, state machine, optimistic lock,
 *   audit entry, all in one transaction) with 50 concurrent signed-in sessions;
 * - the completion board of a round of 2,000 sub-items, 50 concurrent sessions.
 * Target: p99 under 100 ms on a 2-core machine. Medians of BENCH_HTTP_RUNS runs of
 * BENCH_HTTP_SECONDS each. Uses the synthetic 2,000-sub-item plan; PostgreSQL when
 * BENCH_DATABASE_URL is set, else PGlite in memory.
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
import { getRound } from '../src/evaluations/round-queries.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading } from './measure.js';
import type { LoadConfig, LoadResult, LoadWorker } from './workflow-load.js';

const SESSIONS = 50;
const SUB_ITEMS = 2000;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);
const TARGET_P99_MS = 100;
const LOADER = fileURLToPath(new URL('./workflow-load.js', import.meta.url));

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

export async function runWorkflowBench(): Promise<void> {
  heading(`Workflow: ${SESSIONS} concurrent sessions, ${SUB_ITEMS.toLocaleString('en')} sub-items (target p99 < ${TARGET_P99_MS} ms)`);
  const url = process.env.BENCH_DATABASE_URL;
  const db = url ? await openDb({ databaseUrl: url, schema: `bench_workflow_${process.pid}` }) : await openDb({ inMemory: true });
  try {
    await migrate(db);
    const { planId } = await generateSyntheticPlan(db, { subItems: SUB_ITEMS, years: 10, slug: 'bench-workflow' });
    const { editors, divisionId } = await setUpPeople(db, planId);
    const system = { login: 'bench', roles: ['admin', 'division'] as const, departmentIds: [] };
    const created = await createRound(db, { planId, fiscalYear: 2025, kind: 'yearly', deadline: null }, { ...system, roles: [...system.roles] });
    await transitionRound(db, created.id, 'open', { ...system, roles: [...system.roles] });
    const round = await getRound(db, created.id);
    const app = await buildServer({ db, config: { secureCookies: false } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const sessions = await Promise.all(editors.map(async (e) => ({ ...e, ...(await createSession(db, e.userId)) })));
      const divisionSessions = await Promise.all(Array.from({ length: SESSIONS }, () => createSession(db, divisionId)));
      let saveItem = 0;
      const scenarios: { label: string; workers: () => LoadWorker[] }[] = [
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
      for (const scenario of scenarios) {
        await load({ baseUrl, seconds: 1, workers: scenario.workers() }); // warm-up
        const results: LoadResult[] = [];
        for (let i = 0; i < RUNS; i++) results.push(await load({ baseUrl, seconds: SECONDS, workers: scenario.workers() }));
        const rps = median(results.map((r) => r.rps));
        const p99 = median(results.map((r) => r.p99));
        const p50 = median(results.map((r) => r.p50));
        const errors = results.reduce((n, r) => n + r.errors, 0);
        // One session alone: the server's own cost per request, without queueing behind 49 others.
        const alone = await load({ baseUrl, seconds: SECONDS, workers: scenario.workers().slice(0, 1) });
        console.log(
          `${scenario.label.padEnd(44)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms  target p99 < ${TARGET_P99_MS} ms  ratio ${(p99 / TARGET_P99_MS).toFixed(2)} ${p99 < TARGET_P99_MS ? 'OK' : 'OVER'}${errors ? `  errors ${errors} ${JSON.stringify(results.map((r) => r.statuses))}` : ''}  (${db.engine}, median of ${RUNS}×${SECONDS}s)`,
        );
        console.log(`  one session alone: ${alone.rps.toFixed(0)} req/s, p50 ${alone.p50.toFixed(1)} ms, p99 ${alone.p99.toFixed(1)} ms`);
      }
      const writes = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'save'`);
      console.log(`  (every save above wrote an audit entry: ${writes.rows[0]!.n.toLocaleString('en')} in total)`);
    } finally {
      await app.close();
    }
  } finally {
    if (url) await db.exec(`drop schema if exists bench_workflow_${process.pid} cascade`).catch(() => undefined);
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runWorkflowBench();
