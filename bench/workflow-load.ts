/**
 * The load generator for the workflow benchmark: autocannon, run in its own process so
 * it does not share the server's event loop. One connection per signed-in session
 * (closed loop). For saves, each session works on its own sub-item and keeps its
 * version, so every save is a real write (no conflicts), the way one person works on
 * one sub-item; a pool hands a free session to each request and takes it back on the
 * response. Prints requests/second and latency percentiles as JSON.
 *
 *   node dist/bench/workflow-load.js '<json config>'
 */
import { createRequire } from 'node:module';

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

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  // autocannon ships no types; this is the slice of its API used here.
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const free = [...config.workers];
  let n = 0;
  const result = await autocannon({
    url: config.baseUrl,
    connections: config.workers.length,
    duration: config.seconds,
    requests: [
      {
        setupRequest: (req: AutocannonRequest, context: { worker?: LoadWorker }) => {
          const w = free.shift() ?? config.workers[n % config.workers.length]!;
          context.worker = w;
          if (!w.save) return { ...req, method: 'GET', path: w.path, headers: { cookie: w.cookie } };
          const body = new URLSearchParams({
            _csrf: w.csrf,
            action: 'save',
            version: String(w.save.version),
            ratingCode: 'A',
            reason: `負荷測定 ${n++}：計画どおり進んだ。`,
            issues: '',
            direction: '',
          }).toString();
          return { ...req, method: 'POST', path: w.path, headers: { cookie: w.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body };
        },
        onResponse: (status: number, _body: string, context: { worker?: LoadWorker }) => {
          const w = context.worker;
          if (!w) return;
          if (w.save && status === 303) w.save.version++;
          free.push(w);
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result['4xx'] + result['5xx'],
    statuses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
  };
}

if (process.argv[1]?.endsWith('workflow-load.js') && process.argv[2]) {
  const result = await runLoad(JSON.parse(process.argv[2]) as LoadConfig);
  process.stdout.write(JSON.stringify(result));
}
