/**
 * Test support: every route of the app with its parameters filled in from the
 * workflow test server's data, so a test can call all of them.
 */
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import type { WorkflowServer } from './server.js';

export type RouteParams = Record<string, string>;

export async function routeParams(s: WorkflowServer): Promise<RouteParams> {
  const user = await s.db.query<{ id: number }>('select id from users order by id limit 1');
  const dept = await s.db.query<{ id: number }>('select id from departments order by id limit 1');
  return {
    slug: SAMPLE_PLAN_SLUG,
    plan: SAMPLE_PLAN_SLUG,
    code: '1.2.2.1',
    file: 'ratings.csv',
    roundId: String(s.roundId),
    itemId: String(s.ownItemId),
    userId: String(user.rows[0]!.id),
    departmentId: String(dept.rows[0]!.id),
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
