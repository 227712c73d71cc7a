/**
 * Read-side queries of rounds: the rounds themselves, the completion board (per
 * department and per measure), the review queue, a user's tasks, entry lists, opinions,
 * and overdue items for reminders. Counting happens in the database so a 2,000-item
 * board stays one round trip. Nothing here writes. A little over 400 lines: every read of
 * a round is here, sharing the round columns and the item-tree SQL, so that the board,
 * the lists and the reminders count the same items the same way.
 */
import type { Queryable } from '../db/db.js';
import { ChangeCounterCache } from '../db/change-counter.js';
import { KeptUntilWrite, writesSent } from '../db/own-writes.js';
import { type SharedReads, sharedReadsOn } from '../db/shared-reads.js';
import { notFound } from '../errors.js';
import { can } from '../auth/roles.js';
import type { RoundKind } from './round-kinds.js';
import { itemTreeCte } from './item-tree-sql.js';
import { loadPlanVocabulary, tierName, type OpinionRole, type PlanVocabulary } from './plan-settings-queries.js';
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
  /** The plan's own name for the round's kind (plan_settings); null: the generic name. */
  kindLabel: string | null;
  /** The demo round of `npm start`: labelled デモ wherever it shows. */
  demo: boolean;
}

const ROUND_COLUMNS = `r.id, r.plan_id as "planId", p.slug as "planSlug", p.name as "planName", r.fiscal_year as "fiscalYear", r.kind, r.status,
  to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.published_at as "publishedAt", r.demo,
  (select case r.kind when 'yearly' then s.yearly_label when 'midterm' then s.midterm_label else s.final_label end
     from plan_settings s where s.plan_id = r.plan_id) as "kindLabel"`;

export async function listRounds(db: Queryable): Promise<Round[]> {
  return (await db.query<Round>(`select ${ROUND_COLUMNS} from evaluation_rounds r join plans p on p.id = r.plan_id order by r.fiscal_year desc, r.id desc`))
    .rows;
}

/** Reads of a round shared by the requests asking for it at once (every workflow request reads its round). */
const roundReads = new WeakMap<object, SharedReads<number, Round | undefined>>();

export async function getRound(db: Queryable, roundId: number): Promise<Round> {
  const r = await sharedReadsOn(roundReads, db).read(
    roundId,
    async () => (await db.query<Round>(`select ${ROUND_COLUMNS} from evaluation_rounds r join plans p on p.id = r.plan_id where r.id = $1`, [roundId])).rows[0],
    writesSent(db),
  );
  if (!r) throw notFound('評価の回が見つかりません。');
  // Each caller its own copy: the read is shared.
  return { ...r };
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
  /** Counts per item of the plan's board tier (the sample's 施策); empty when the plan sets none. */
  measures: BoardRow[];
  /** The name of that tier ("施策"); null when there is none. */
  groupTier: string | null;
  totals: BoardRow;
}

interface GroupedCount {
  deptId: number | null;
  measureId: number | null;
  status: EntryStatus;
  n: number;
}

/**
 * Grouped counts per round, kept while the round's board version is unchanged. The
 * database appends a board change (triggers) on every status change or reassignment, so a
 * cached board is never stale, in this process or any other.
 */
const boardCache = new Map<number, { version: string; rows: GroupedCount[] }>();

async function groupedCounts(db: Queryable, roundId: number, groupLevel: number | null, version: string): Promise<GroupedCount[]> {
  // The creation time makes the key unique even where ids repeat (test schemas in one process);
  // the board tier is part of it because the plan's settings may change it.
  const key = `${version}/${groupLevel ?? ''}`;
  const cached = boardCache.get(roundId);
  if (cached && cached.version === key) return cached.rows;
  // Grouped first over the plan's tree (the ancestor at the board tier, at any depth), names afterwards.
  const grouped = await db.query<GroupedCount>(
    `with recursive ${itemTreeCte('(select plan_id from evaluation_rounds where id = $1)', '$2')}
     select i.department_id as "deptId", t.group_id as "measureId", e.status, count(*)::int as n
       from round_entries e
       join plan_items i on i.id = e.item_id
       join item_tree t on t.id = e.item_id
      where e.round_id = $1
      group by 1, 2, 3`,
    [roundId, groupLevel],
  );
  if (boardCache.size > 100) boardCache.clear();
  boardCache.set(roundId, { version: key, rows: grouped.rows });
  return grouped.rows;
}

/**
 * Whole boards, kept while both the round's board version (counts) and the change counter
 * (department and item names, the board tier) stay: a board asked again costs two one-row
 * queries, in this process or any other, however many items the round has.
 */
const boards = new ChangeCounterCache<string, Board>(64);

/**
 * Completion per department and per item of the plan's board tier (the ancestor of each
 * rated item at that tier, at any depth), in document order.
 */
export async function loadBoard(db: Queryable, roundId: number, vocabulary?: PlanVocabulary): Promise<Board> {
  const v = vocabulary ?? (await loadPlanVocabulary(db, (await getRound(db, roundId)).planId));
  const version = await boardVersion(db, roundId);
  return boards.get(db, `${roundId}/${version}/${v.boardLevel ?? ''}`, () => assembleBoard(db, roundId, v, version));
}

/** Board versions as last read, kept on the embedded store until its next write (own-writes.ts). */
const boardVersions = new KeptUntilWrite<number, string>();

/**
 * How many board changes of the round are visible (migration 020). A count, not the newest
 * id: ids are handed out in the order transactions write, not the order they commit, so a
 * change committed late could hide behind a newer id; every commit raises the count. The
 * creation time makes it unique where ids repeat (test schemas in one process).
 */
function boardVersion(db: Queryable, roundId: number): Promise<string> {
  return boardVersions.read(db, roundId, async () => {
    const r = await db.query<{ v: string }>(
      `select (select count(*) from round_board_changes c where c.round_id = r.id)::text || '@' || extract(epoch from r.created_at)::text as v
         from evaluation_rounds r where r.id = $1`,
      [roundId],
    );
    return r.rows[0]?.v ?? '';
  });
}

async function assembleBoard(db: Queryable, roundId: number, v: PlanVocabulary, version: string): Promise<Board> {
  // The version loadBoard read: counted once per board, not again here.
  const grouped = { rows: await groupedCounts(db, roundId, v.boardLevel, version) };
  const ids = (key: 'deptId' | 'measureId') => [...new Set(grouped.rows.map((g) => g[key]).filter((x): x is number => x !== null))];
  const [deptNames, measureNames] = await Promise.all([
    db.query<{ id: number; name: string }>('select id, name from departments where id = any($1::int[])', [ids('deptId')]),
    db.query<{ id: number; name: string; code: string }>(
      `with recursive ${itemTreeCte('$2', 'null', '$3')}
       select i.id, i.name, i.code from plan_items i join item_tree t on t.id = i.id where i.id = any($1::int[]) order by t.sort_path`,
      [ids('measureId'), v.planId, v.boardLevel ?? 0],
    ),
  ]);
  const order = new Map(measureNames.rows.map((m, i) => [m.id, i]));
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
    if (v.boardLevel !== null) add(measures, g.measureId, g.measureName ?? '', g.measureCode ?? undefined, g.status, g.n);
    totals.counts[g.status] += g.n;
    totals.total += g.n;
  }
  const treeOrder = (a: BoardRow, b: BoardRow) => (order.get(a.id ?? -1) ?? Infinity) - (order.get(b.id ?? -1) ?? Infinity);
  return {
    departments: [...departments.values()].sort((a, b) => a.name.localeCompare(b.name, 'ja')),
    measures: [...measures.values()].sort(treeOrder),
    groupTier: v.boardLevel === null ? null : tierName(v, v.boardLevel),
    totals,
  };
}

/** Counts per state of the rated items under each of `itemIds` (at any depth): the progress an opinion looks at. */
export async function progressUnder(db: Queryable, round: Pick<Round, 'id' | 'planId'>, itemIds: readonly number[]): Promise<BoardRow[]> {
  if (itemIds.length === 0) return [];
  const r = await db.query<{ id: number; status: EntryStatus; n: number }>(
    `with recursive ${itemTreeCte('$2', 'null')}
     select a.id, e.status, count(*)::int as n
       from round_entries e join item_tree t on t.id = e.item_id cross join lateral unnest(t.ancestors) as a(id)
      where e.round_id = $1 and a.id = any($3::int[]) and a.id <> e.item_id
      group by 1, 2`,
    [round.id, round.planId, [...itemIds]],
  );
  const rows = new Map<number, BoardRow>();
  for (const g of r.rows) {
    const row = rows.get(g.id) ?? { id: g.id, name: '', counts: emptyCounts(), total: 0 };
    row.counts[g.status] += g.n;
    row.total += g.n;
    rows.set(g.id, row);
  }
  return [...rows.values()];
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
  /** What the plan's rule proposed when the entry was saved (null: no proposal; absent where a list does not read it). */
  proposedRatingCode?: string | null;
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
  /** Only the items under this one (a board row), at any depth. */
  measureId?: number;
  limit?: number;
}

/** A round's entries in document order (the tree's positions, whatever the codes look like). */
export async function listEntries(db: Queryable, roundId: number, f: EntryFilter = {}): Promise<EntryListRow[]> {
  const r = await db.query<EntryListRow>(
    `with recursive ${itemTreeCte('(select plan_id from evaluation_rounds where id = $1)', 'null')}
     select i.id as "itemId", i.code, i.name, g.name as "programName", i.department_id as "departmentId", d.name as "departmentName", d.demo as "departmentDemo",
            e.status, e.rating_code as "ratingCode", e.updated_at as "updatedAt", e.version, e.proposed_rating_code as "proposedRatingCode",
            u.display_name as "updatedBy", ${unitOfUser('u', 'i.department_id')} as "updatedByUnit"
       from round_entries e join plan_items i on i.id = e.item_id
       join item_tree t on t.id = e.item_id
       left join users u on u.id = e.updated_by
       left join plan_items g on g.id = i.parent_id
       left join departments d on d.id = i.department_id
      where e.round_id = $1
        and ($2::int[] is null or i.department_id = any($2::int[]))
        and ($3::text[] is null or e.status = any($3::text[]))
        and ($4::int is null or ($4::int = any(t.ancestors) and i.id <> $4::int))
      order by t.sort_path
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
  role: OpinionRole;
}

/**
 * What can carry an opinion, in document order: the whole plan and the items of the
 * tiers the plan's settings give each role (the sample: the expert on the plan and per
 * 柱, the division per 施策). A tier belongs to one role at most.
 */
export async function opinionTargets(db: Queryable, planId: number, vocabulary?: PlanVocabulary): Promise<OpinionTarget[]> {
  const v = vocabulary ?? (await loadPlanVocabulary(db, planId));
  const levels = [...v.divisionLevels, ...v.expertLevels];
  const r = await db.query<{ id: number; level: number; code: string; name: string }>(
    `with recursive ${itemTreeCte('$1', 'null', '$3')}
     select i.id, i.level, i.code, i.name from plan_items i join item_tree t on t.id = i.id where i.level = any($2::int[]) order by t.sort_path`,
    [planId, levels, Math.max(0, ...levels)],
  );
  const plan: OpinionTarget[] = v.planOpinionRole ? [{ itemId: null, level: 0, code: '', name: '計画全体', role: v.planOpinionRole }] : [];
  return [
    ...plan,
    ...r.rows.map((i) => ({
      itemId: i.id,
      level: i.level,
      code: i.code,
      name: i.name,
      role: v.divisionLevels.includes(i.level) ? ('division' as const) : ('expert' as const),
    })),
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
  /** The round's plan's words (the rated tier's and the departments' names). */
  vocabulary: PlanVocabulary;
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
      vocabulary: await loadPlanVocabulary(db, round.planId),
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
      d = {
        departmentId: e.departmentId,
        departmentName: e.departmentName ?? '（担当課未設定）',
        overdue: [],
        returned: [],
        recipients: recipients.rows.filter((r) => r.departmentId === e.departmentId).map((r) => r.email),
      };
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
