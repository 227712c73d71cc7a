/**
 * Read-side queries of rounds: the rounds themselves, the completion board (per
 * department and per measure), the review queue, a user's tasks, entry lists, opinions,
 * and overdue items for reminders. Counting happens in the database so a 2,000-item
 * board stays one round trip. Nothing here writes.
 */
import type { Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import { can } from '../auth/roles.js';
import type { RoundKind } from './round-kinds.js';
import type { Actor, EntryStatus, RoundStatus } from './workflow.js';

export interface Round {
  id: number;
  planId: number;
  planSlug: string;
  planName: string;
  fiscalYear: number;
  kind: RoundKind;
  status: RoundStatus;
  deadline: string | null;
  publishedAt: Date | null;
  /** The demo round of `npm start`: labelled デモ wherever it shows. */
  demo: boolean;
}

const ROUND_COLUMNS = `r.id, r.plan_id as "planId", p.slug as "planSlug", p.name as "planName", r.fiscal_year as "fiscalYear", r.kind, r.status,
  to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.published_at as "publishedAt", r.demo`;

export async function listRounds(db: Queryable): Promise<Round[]> {
  return (await db.query<Round>(`select ${ROUND_COLUMNS} from evaluation_rounds r join plans p on p.id = r.plan_id order by r.fiscal_year desc, r.id desc`)).rows;
}

export async function getRound(db: Queryable, roundId: number): Promise<Round> {
  const r = (await db.query<Round>(`select ${ROUND_COLUMNS} from evaluation_rounds r join plans p on p.id = r.plan_id where r.id = $1`, [roundId])).rows[0];
  if (!r) throw notFound('評価の回が見つかりません。');
  return r;
}


export async function roundProgress(db: Queryable, roundId: number): Promise<{ total: number; accepted: number }> {
  const r = await db.query<{ total: number; accepted: number }>(
    `select count(*)::int as total, count(*) filter (where status = 'accepted')::int as accepted from round_entries where round_id = $1`,
    [roundId],
  );
  return r.rows[0] ?? { total: 0, accepted: 0 };
}


export type StatusCounts = Record<EntryStatus, number>;

export interface BoardRow {
  id: number | null;
  name: string;
  code?: string;
  counts: StatusCounts;
  total: number;
}

export function emptyCounts(): StatusCounts {
  return { not_started: 0, draft: 0, submitted: 0, returned: 0, accepted: 0 };
}

export interface Board {
  departments: BoardRow[];
  measures: BoardRow[];
  totals: BoardRow;
}

interface GroupedCount {
  deptId: number | null;
  measureId: number | null;
  status: EntryStatus;
  n: number;
}

/**
 * Grouped counts per round, kept while the round's board_version is unchanged. The
 * database bumps that version (triggers) on every status change or reassignment, so a
 * cached board is never stale, in this process or any other.
 */
const boardCache = new Map<number, { version: string; rows: GroupedCount[] }>();

async function groupedCounts(db: Queryable, roundId: number): Promise<GroupedCount[]> {
  // The creation time makes the key unique even where ids repeat (test schemas in one process).
  const version = (await db.query<{ v: string }>(`select board_version::text || '@' || extract(epoch from created_at)::text as v from evaluation_rounds where id = $1`, [roundId])).rows[0]?.v ?? '';
  const cached = boardCache.get(roundId);
  if (cached && cached.version === version) return cached.rows;
  // Grouped first (index joins up to the grandparent only), names afterwards: joining the
  // measure by a computed id made the planner scan plan_items once per entry.
  const grouped = await db.query<GroupedCount>(
    `select i.department_id as "deptId",
            case when i.level = 2 then i.id when g.level = 2 then g.id else g.parent_id end as "measureId",
            e.status, count(*)::int as n
       from round_entries e
       join plan_items i on i.id = e.item_id
       left join plan_items g on g.id = i.parent_id
      where e.round_id = $1
      group by 1, 2, 3`,
    [roundId],
  );
  if (boardCache.size > 100) boardCache.clear();
  boardCache.set(roundId, { version, rows: grouped.rows });
  return grouped.rows;
}

/** Completion per department and per measure (the level-2 ancestor of each sub-item). */
export async function loadBoard(db: Queryable, roundId: number): Promise<Board> {
  const grouped = { rows: await groupedCounts(db, roundId) };
  const ids = (key: 'deptId' | 'measureId') => [...new Set(grouped.rows.map((g) => g[key]).filter((x): x is number => x !== null))];
  const [deptNames, measureNames] = await Promise.all([
    db.query<{ id: number; name: string }>('select id, name from departments where id = any($1::int[])', [ids('deptId')]),
    db.query<{ id: number; name: string; code: string }>('select id, name, code from plan_items where id = any($1::int[])', [ids('measureId')]),
  ]);
  const deptName = new Map(deptNames.rows.map((d) => [d.id, d.name]));
  const measure = new Map(measureNames.rows.map((m) => [m.id, m]));
  const r = {
    rows: grouped.rows.map((g) => ({
      ...g,
      deptName: g.deptId === null ? null : (deptName.get(g.deptId) ?? null),
      measureName: g.measureId === null ? null : (measure.get(g.measureId)?.name ?? null),
      measureCode: g.measureId === null ? null : (measure.get(g.measureId)?.code ?? null),
    })),
  };
  const departments = new Map<string, BoardRow>();
  const measures = new Map<string, BoardRow>();
  const totals: BoardRow = { id: null, name: '合計', counts: emptyCounts(), total: 0 };
  const add = (map: Map<string, BoardRow>, id: number | null, name: string, code: string | undefined, status: EntryStatus, n: number) => {
    const key = String(id);
    let row = map.get(key);
    if (!row) {
      row = { id, name, ...(code ? { code } : {}), counts: emptyCounts(), total: 0 };
      map.set(key, row);
    }
    row.counts[status] += n;
    row.total += n;
  };
  for (const g of r.rows) {
    add(departments, g.deptId, g.deptName ?? '（担当課未設定）', undefined, g.status, g.n);
    add(measures, g.measureId, g.measureName ?? '', g.measureCode ?? undefined, g.status, g.n);
    totals.counts[g.status] += g.n;
    totals.total += g.n;
  }
  const codeOrder = (a: BoardRow, b: BoardRow) => (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true });
  return {
    departments: [...departments.values()].sort((a, b) => a.name.localeCompare(b.name, 'ja')),
    measures: [...measures.values()].sort(codeOrder),
    totals,
  };
}

/**
 * The unit a person acts for, shown beside their name wherever a change is attributed:
 * their departments' names, or `role:division` / `role:expert` when they belong to none.
 */
export function unitOfUser(alias: string, itemDepartment?: string): string {
  // A person in several departments acted for the item's own one when they belong to it.
  const own = itemDepartment
    ? `(select d.name from user_departments ud join departments d on d.id = ud.department_id where ud.user_id = ${alias}.id and d.id = ${itemDepartment}),`
    : '';
  return `coalesce(${own}(select string_agg(d.name, '・' order by d.id) from user_departments ud join departments d on d.id = ud.department_id where ud.user_id = ${alias}.id),
    (select 'role:' || min(ur.role) from user_roles ur where ur.user_id = ${alias}.id and ur.role in ('division', 'expert')))`;
}

export interface EntryListRow {
  itemId: number;
  code: string;
  name: string;
  programName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  /** The department was assigned by the demo data (labelled デモ). */
  departmentDemo: boolean | null;
  status: EntryStatus;
  ratingCode: string | null;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByUnit: string | null;
  /** The entry's version, for forms that act on several entries at once. */
  version: number;
}

/** Number and name of the given items, for messages that list them. */
export async function itemNames(db: Queryable, itemIds: readonly number[]): Promise<Map<number, { code: string; name: string }>> {
  if (itemIds.length === 0) return new Map();
  const r = await db.query<{ id: number; code: string; name: string }>('select id, code, name from plan_items where id = any($1::int[])', [[...itemIds]]);
  return new Map(r.rows.map((row) => [row.id, { code: row.code, name: row.name }]));
}

export interface EntryFilter {
  departmentIds?: readonly number[];
  statuses?: readonly EntryStatus[];
  measureId?: number;
  limit?: number;
}

export async function listEntries(db: Queryable, roundId: number, f: EntryFilter = {}): Promise<EntryListRow[]> {
  const r = await db.query<EntryListRow>(
    `select i.id as "itemId", i.code, i.name, g.name as "programName", i.department_id as "departmentId", d.name as "departmentName", d.demo as "departmentDemo",
            e.status, e.rating_code as "ratingCode", e.updated_at as "updatedAt", e.version,
            u.display_name as "updatedBy", ${unitOfUser('u', 'i.department_id')} as "updatedByUnit"
       from round_entries e join plan_items i on i.id = e.item_id
       left join users u on u.id = e.updated_by
       left join plan_items g on g.id = i.parent_id
       left join departments d on d.id = i.department_id
      where e.round_id = $1
        and ($2::int[] is null or i.department_id = any($2::int[]))
        and ($3::text[] is null or e.status = any($3::text[]))
        and ($4::int is null or g.parent_id = $4 or i.parent_id = $4)
      order by string_to_array(i.code, '.')::int[]
      limit $5`,
    [roundId, f.departmentIds ? [...f.departmentIds] : null, f.statuses ? [...f.statuses] : null, f.measureId ?? null, f.limit ?? 5000],
  );
  return r.rows;
}

export interface Opinion {
  itemId: number | null;
  authorRole: 'division' | 'expert';
  body: string;
  version: number;
  updatedBy: string | null;
  updatedByUnit: string | null;
  updatedAt: Date | null;
}

export interface OpinionTarget {
  itemId: number | null;
  level: number;
  code: string;
  name: string;
  role: 'division' | 'expert';
}

/** What can carry an opinion: measures (division), pillars and the whole plan (expert). */
export async function opinionTargets(db: Queryable, planId: number): Promise<OpinionTarget[]> {
  const r = await db.query<{ id: number; level: number; code: string; name: string }>(
    `select id, level, code, name from plan_items where plan_id = $1 and level in (1, 2) order by string_to_array(code, '.')::int[]`,
    [planId],
  );
  return [
    { itemId: null, level: 0, code: '', name: '計画全体', role: 'expert' as const },
    ...r.rows.map((i) => ({ itemId: i.id, level: i.level, code: i.code, name: i.name, role: i.level === 1 ? ('expert' as const) : ('division' as const) })),
  ];
}

export async function loadOpinions(db: Queryable, roundId: number): Promise<Opinion[]> {
  return (
    await db.query<Opinion>(
      `select o.item_id as "itemId", o.author_role as "authorRole", o.body, o.version, u.display_name as "updatedBy", ${unitOfUser('u')} as "updatedByUnit",
            o.updated_at as "updatedAt"
         from round_opinions o left join users u on u.id = o.updated_by where o.round_id = $1`,
      [roundId],
    )
  ).rows;
}


export interface Task {
  round: Round;
  entries: EntryListRow[];
  /** Counts per state and department, for those who read every item. */
  board?: Board;
}

/** The open rounds' sub-items of the user's departments, returned ones first; for those who read every item, the round's counts. */
export async function loadMyTasks(db: Queryable, user: Actor, rounds: readonly Round[]): Promise<Task[]> {
  const active = rounds.filter((r) => r.status === 'open' || r.status === 'closed');
  const ownsItems = can(user.roles, 'enterOwnItems') && user.departmentIds.length > 0;
  const order: Record<EntryStatus, number> = { returned: 0, not_started: 1, draft: 2, submitted: 3, accepted: 4 };
  return Promise.all(
    active.map(async (round) => ({
      round,
      entries: ownsItems ? (await listEntries(db, round.id, { departmentIds: user.departmentIds })).sort((a, b) => order[a.status] - order[b.status]) : [],
      ...(can(user.roles, 'readAllItems') ? { board: await loadBoard(db, round.id) } : {}),
    })),
  );
}

export interface DepartmentReminder {
  departmentId: number | null;
  departmentName: string;
  overdue: EntryListRow[];
  returned: EntryListRow[];
  recipients: string[];
}

/**
 * Per department: items past the deadline that are not yet submitted, and items
 * returned for rework, with the e-mail addresses of its editors.
 */
export async function loadReminders(db: Queryable, round: Round, today: string): Promise<DepartmentReminder[]> {
  const overdueRound = round.deadline !== null && round.deadline < today && round.status === 'open';
  const statuses: EntryStatus[] = overdueRound ? ['not_started', 'draft', 'returned'] : ['returned'];
  const entries = await listEntries(db, round.id, { statuses });
  const recipients = await db.query<{ departmentId: number; email: string }>(
    `select ud.department_id as "departmentId", u.email from user_departments ud join users u on u.id = ud.user_id
       join user_roles r on r.user_id = u.id and r.role = 'department'
      where u.email is not null and not u.disabled order by u.email`,
  );
  const byDept = new Map<string, DepartmentReminder>();
  for (const e of entries) {
    const key = String(e.departmentId);
    let d = byDept.get(key);
    if (!d) {
      d = { departmentId: e.departmentId, departmentName: e.departmentName ?? '（担当課未設定）', overdue: [], returned: [], recipients: recipients.rows.filter((r) => r.departmentId === e.departmentId).map((r) => r.email) };
      byDept.set(key, d);
    }
    (e.status === 'returned' ? d.returned : d.overdue).push(e);
  }
  return [...byDept.values()].sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'ja'));
}

export interface ReminderLogRow {
  departmentName: string | null;
  recipient: string;
  itemCount: number;
  status: string;
  sentAt: Date;
}

/** The last reminders sent for a round, newest first. */
export async function loadReminderLog(db: Queryable, roundId: number): Promise<ReminderLogRow[]> {
  const r = await db.query<ReminderLogRow>(
    `select d.name as "departmentName", l.recipient, l.item_count as "itemCount", l.status, l.sent_at as "sentAt"
       from reminder_log l left join departments d on d.id = l.department_id where l.round_id = $1 order by l.id desc limit 200`,
    [roundId],
  );
  return r.rows;
}
