/**
 * The load generator for the workflow benchmark, run in its own process so it does not
 * share the server's event loop. N workers, one per signed-in session, each sending
 * requests back to back for a fixed time; prints requests/second and latency
 * percentiles as JSON. A saving worker keeps its own sub-item's version, so every save
 * is a real write (no conflicts), the way one person works on one sub-item.
 *
 *   node dist/bench/workflow-load.js '<json config>'
 */
import { performance } from 'node:perf_hooks';

export interface LoadWorker {
  cookie: string;
  csrf: string;
  /** GET this path, or POST a save to it when `save` is set. */
  path: string;
  save?: { version: number };
}

export interface LoadConfig {
  baseUrl: string;
  seconds: number;
  workers: LoadWorker[];
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const end = performance.now() + config.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    config.workers.map(async (w, wi) => {
      let n = 0;
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          let res: Response;
          if (w.save) {
            const body = new URLSearchParams({ _csrf: w.csrf, action: 'save', version: String(w.save.version), ratingCode: 'A', reason: `負荷測定 ${wi}-${n++}：計画どおり進んだ。`, issues: '', direction: '' });
            res = await fetch(config.baseUrl + w.path, { method: 'POST', body, headers: { cookie: w.cookie, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
            if (res.status === 303) w.save.version++;
          } else {
            res = await fetch(config.baseUrl + w.path, { headers: { cookie: w.cookie }, redirect: 'manual' });
          }
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 400) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, statuses };
}

if (process.argv[1]?.endsWith('workflow-load.js') && process.argv[2]) {
  const result = await runLoad(JSON.parse(process.argv[2]) as LoadConfig);
  process.stdout.write(JSON.stringify(result));
}
