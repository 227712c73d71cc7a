/**
 * Test support: every route of the app with its parameters filled in from the
 * workflow test server's data, so a test can call all of them.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import { saveUpload } from '../imports/upload-store.js';
import type { WorkflowServer } from './server.js';

export type RouteParams = Record<string, string>;

export async function routeParams(s: WorkflowServer): Promise<RouteParams> {
  const user = await s.db.query<{ id: number }>('select id from users order by id limit 1');
  const dept = await s.db.query<{ id: number }>('select id from departments order by id limit 1');
  // A pending web import of the administrator's, so its preview page is one of the pages checked.
  const admin = await s.db.query<{ id: number }>(`select id from users where login = 'demo-admin'`);
  const uploadId = await saveUpload(s.db, { userId: admin.rows[0]!.id, fileName: 'report.txt', bytes: readFileSync(SAMPLE_REPORT) }, 'test');
  return {
    slug: SAMPLE_PLAN_SLUG,
    plan: SAMPLE_PLAN_SLUG,
    code: '1.2.2.1',
    year: '2022',
    file: 'ratings.csv',
    roundId: String(s.roundId),
    itemId: String(s.ownItemId),
    userId: String(user.rows[0]!.id),
    departmentId: String(dept.rows[0]!.id),
    uploadId,
    id: String(dept.rows[0]!.id),
    name: 'app.css',
    '*': 'plans',
  };
}

/** The route's URL with real values; `lastSuffix` is appended to the last parameter. */
export function concreteUrl(pattern: string, params: RouteParams, lastSuffix = ''): string {
  const count = [...pattern.matchAll(/:(\w+)|\*/g)].length;
  let i = 0;
  return pattern.replace(/:(\w+)|\*/g, (m, name: string | undefined) => {
    i += 1;
    const value = params[name ?? m];
    if (value === undefined) throw new Error(`no test value for ${m} in ${pattern}`);
    return value + (i === count ? lastSuffix : '');
  });
}

export function hasParams(pattern: string): boolean {
  return /:\w+|\*/.test(pattern);
}
