/**
 * Rounds and their entries in the database: create, open/close/publish, entries
 * prefilled from last year's text, save/submit with optimistic locking, review,
 * opinions, corrections after publication. Every change is audited in the same
 * transaction; every permission and state rule comes from workflow.ts.
 */
import type { Db, Queryable } from '../db/db.js';
import { recordAudit, recordAuditMany, type AuditEntry } from '../audit/audit-log.js';
import {
  cleanText,
  mayReadEntry,
  mayTakeEntryAction,
  mayTakeRoundAction,
  nextEntryStatus,
  nextRoundStatus,
  validateEntry,
  WorkflowError,
  type Actor,
  type EntryAction,
  type EntryErrors,
  type EntryInput,
  type EntryStatus,
  type RoundAction,
  type RoundKind,
  type RoundStatus,
} from './workflow.js';
import { can } from '../auth/roles.js';

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
}

const ROUND_COLUMNS = `r.id, r.plan_id as "planId", p.slug as "planSlug", p.name as "planName", r.fiscal_year as "fiscalYear", r.kind, r.status,
  to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.published_at as "publishedAt"`;

export async function listRounds(db: Queryable): Promise<Round[]> {
  return (await db.query<Round>(`select ${ROUND_COLUMNS} from evaluation_rounds r join plans p on p.id = r.plan_id order by r.fiscal_year desc, r.id desc`)).rows;
}

export async function getRound(db: Queryable, roundId: number): Promise<Round> {
  const r = (await db.query<Round>(`select ${ROUND_COLUMNS} from evaluation_rounds r join plans p on p.id = r.plan_id where r.id = $1`, [roundId])).rows[0];
  if (!r) throw new WorkflowError('not-found', '評価ラウンドが見つかりません。');
  return r;
}

export interface NewRound {
  planId: number;
  fiscalYear: number;
  kind: RoundKind;
  deadline: string | null;
}

export async function createRound(db: Db, input: NewRound, actor: Actor): Promise<Round> {
  if (!mayTakeRoundAction(actor, 'open')) throw new WorkflowError('forbidden', 'ラウンドを作成する権限がありません。');
  return db.transaction(async (tx) => {
    const dup = await tx.query('select 1 from evaluation_rounds where plan_id = $1 and fiscal_year = $2 and kind = $3', [input.planId, input.fiscalYear, input.kind]);
    if (dup.rowCount > 0) throw new WorkflowError('invalid-input', 'この計画・年度・種別のラウンドは既にあります。');
    const r = await tx.query<{ id: number }>(
      'insert into evaluation_rounds (plan_id, fiscal_year, kind, status, deadline) values ($1, $2, $3, $4, $5) returning id',
      [input.planId, input.fiscalYear, input.kind, 'preparing', input.deadline],
    );
    const round = await getRound(tx, r.rows[0]!.id);
    await recordAudit(tx, { actor: actor.login, action: 'create', entity: 'round', entityId: round.id, planId: round.planId, roundId: round.id, after: input });
    return round;
  });
}

export async function updateRoundDeadline(db: Db, roundId: number, deadline: string | null, actor: Actor): Promise<void> {
  if (!mayTakeRoundAction(actor, 'open')) throw new WorkflowError('forbidden', 'ラウンドを変更する権限がありません。');
  await db.transaction(async (tx) => {
    const before = await getRound(tx, roundId);
    if (before.status === 'published') throw new WorkflowError('invalid-state', '公表済みのラウンドは変更できません。');
    await tx.query('update evaluation_rounds set deadline = $2 where id = $1', [roundId, deadline]);
    await recordAudit(tx, { actor: actor.login, action: 'update', entity: 'round', entityId: roundId, planId: before.planId, roundId, before: { deadline: before.deadline }, after: { deadline } });
  });
}

export async function roundProgress(db: Queryable, roundId: number): Promise<{ total: number; accepted: number }> {
  const r = await db.query<{ total: number; accepted: number }>(
    `select count(*)::int as total, count(*) filter (where status = 'accepted')::int as accepted from round_entries where round_id = $1`,
    [roundId],
  );
  return r.rows[0] ?? { total: 0, accepted: 0 };
}

/**
 * One entry per sub-item, prefilled as a starting draft from the most recent earlier
 * year: the rating's reason (or the department's paragraph about the sub-item or its
 * program), its issues and its direction. Items ended by this year start as "not evaluated".
 */
export async function ensureEntries(tx: Queryable, round: Round): Promise<number> {
  const prev = await tx.query<{ fy: number | null }>(
    'select max(r.fiscal_year) as fy from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.fiscal_year < $2',
    [round.planId, round.fiscalYear],
  );
  const prevYear = prev.rows[0]?.fy ?? round.fiscalYear - 1;
  const notEvaluated = await tx.query<{ code: string }>(
    'select c.code from plans p join rating_codes c on c.scale_id = p.rating_scale_id where p.id = $1 and c.is_not_evaluated order by c.position limit 1',
    [round.planId],
  );
  const dept = (kind: string, target: string) =>
    `(select string_agg(n.body, E'\\n\\n' order by n.position) from narratives n
       where n.plan_id = $2 and n.fiscal_year = $3 and n.author_role = 'department' and n.kind = '${kind}' and ${target})`;
  const r = await tx.query(
    `insert into round_entries (round_id, item_id, reason, issues, direction, rating_code)
     select $1, i.id,
            coalesce(nullif(r.reason, ''), ${dept('progress', 'n.item_id = i.id')},
                     ${dept('progress', '(n.item_id = i.parent_id or exists (select 1 from narrative_mentions m where m.narrative_id = n.id and m.item_id in (i.id, i.parent_id)))')}, ''),
            coalesce(${dept('issues', 'n.item_id = i.id')}, ''),
            coalesce(${dept('direction', 'n.item_id = i.id')}, ''),
            case when i.ended_from_fiscal_year <= $4 then $5 else null end
       from plan_items i left join ratings r on r.item_id = i.id and r.fiscal_year = $3
      where i.plan_id = $2 and not exists (select 1 from plan_items c where c.parent_id = i.id)
     on conflict (round_id, item_id) do nothing`,
    [round.id, round.planId, prevYear, round.fiscalYear, notEvaluated.rows[0]?.code ?? null],
  );
  return r.rowCount;
}

export async function transitionRound(db: Db, roundId: number, action: RoundAction, actor: Actor): Promise<Round> {
  if (!mayTakeRoundAction(actor, action)) throw new WorkflowError('forbidden', 'この操作を行う権限がありません。');
  return db.transaction(async (tx) => {
    // Lock the round row: two people pressing "publish" at once publish once.
    await tx.query('select 1 from evaluation_rounds where id = $1 for update', [roundId]);
    const round = await getRound(tx, roundId);
    const next = nextRoundStatus(round.status, action, await roundProgress(tx, roundId));
    if (next instanceof WorkflowError) throw next;
    if (action === 'open') await ensureEntries(tx, round);
    if (action === 'publish') await publishEntries(tx, round, actor);
    await tx.query(
      `update evaluation_rounds set status = $2,
              opened_at = case when $2 = 'open' then coalesce(opened_at, now()) else opened_at end,
              closed_at = case when $2 = 'closed' then now() else closed_at end,
              published_at = case when $2 = 'published' then now() else published_at end
        where id = $1`,
      [roundId, next],
    );
    await recordAudit(tx, { actor: actor.login, action, entity: 'round', entityId: roundId, planId: round.planId, roundId, before: { status: round.status }, after: { status: next } });
    return getRound(tx, roundId);
  });
}

interface EntryRow {
  id: number;
  itemId: number;
  status: EntryStatus;
  ratingCode: string | null;
  annotationKindIds: number[];
  reason: string;
  issues: string;
  direction: string;
  version: number;
  revision: number;
  updatedAt: Date;
  updatedBy: string | null;
}

const ENTRY_COLUMNS = `e.id, e.item_id as "itemId", e.status, e.rating_code as "ratingCode", e.annotation_kind_ids as "annotationKindIds",
  e.reason, e.issues, e.direction, e.version, e.revision, e.updated_at as "updatedAt", u.display_name as "updatedBy"`;

/** Writes the accepted entries of a round into the published store: ratings, annotations, narratives. */
async function publishEntries(tx: Queryable, round: Round, actor: Actor): Promise<void> {
  const entries = (await tx.query<EntryRow>(`select ${ENTRY_COLUMNS} from round_entries e left join users u on u.id = e.updated_by where e.round_id = $1 order by e.item_id`, [round.id])).rows;
  const before = new Map(
    (
      await tx.query<{ itemId: number; code: string; reason: string | null }>(
        'select item_id as "itemId", code, reason from ratings where fiscal_year = $2 and item_id = any($1::int[])',
        [entries.map((e) => e.itemId), round.fiscalYear],
      )
    ).rows.map((r) => [r.itemId, r]),
  );
  const rated = entries.filter((e) => e.ratingCode !== null);
  await tx.query(
    `insert into ratings (item_id, fiscal_year, scale_id, code, reason)
     select t.item_id, $2, p.rating_scale_id, t.code, t.reason
       from unnest($1::int[], $3::text[], $4::text[]) as t(item_id, code, reason) cross join plans p where p.id = $5
     on conflict (item_id, fiscal_year) do update set code = excluded.code, reason = excluded.reason, scale_id = excluded.scale_id, updated_at = now()`,
    [rated.map((e) => e.itemId), round.fiscalYear, rated.map((e) => e.ratingCode!), rated.map((e) => e.reason), round.planId],
  );
  await writeAnnotations(tx, round, rated);
  await tx.query(
    `delete from narratives where plan_id = $1 and fiscal_year = $2 and source = 'entered'`,
    [round.planId, round.fiscalYear],
  );
  await insertDepartmentNarratives(tx, round, entries);
  // Opinions: the division's per measure, the expert's per pillar and for the whole plan.
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $2, o.item_id, $3, o.author_role, 'progress', coalesce(o.item_id, 0), o.body, 'entered'
       from round_opinions o where o.round_id = $1 and length(trim(o.body)) > 0`,
    [round.id, round.planId, round.fiscalYear],
  );
  const audits: AuditEntry[] = rated.map((e) => ({
    actor: actor.login,
    action: 'publish',
    entity: 'rating',
    entityId: `${e.itemId}/${round.fiscalYear}`,
    planId: round.planId,
    roundId: round.id,
    itemId: e.itemId,
    before: before.get(e.itemId) ? { code: before.get(e.itemId)!.code, reason: before.get(e.itemId)!.reason } : null,
    after: { code: e.ratingCode, reason: e.reason, annotationKindIds: e.annotationKindIds, issues: e.issues, direction: e.direction },
  }));
  await recordAuditMany(tx, audits);
}

async function writeAnnotations(tx: Queryable, round: Round, entries: readonly EntryRow[]): Promise<void> {
  const ids = entries.map((e) => e.itemId);
  await tx.query(
    'delete from rating_annotations a using ratings r where r.id = a.rating_id and r.fiscal_year = $2 and r.item_id = any($1::int[])',
    [ids, round.fiscalYear],
  );
  const pairs = entries.flatMap((e) => e.annotationKindIds.map((k) => [e.itemId, k] as const));
  if (pairs.length === 0) return;
  await tx.query(
    `insert into rating_annotations (rating_id, annotation_kind_id)
     select r.id, t.kind_id from unnest($1::int[], $2::int[]) as t(item_id, kind_id) join ratings r on r.item_id = t.item_id and r.fiscal_year = $3`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1]), round.fiscalYear],
  );
}

/** The department's reason, issues and direction become narratives of the sub-item (positioned by item id). */
async function insertDepartmentNarratives(tx: Queryable, round: Round, entries: readonly EntryRow[]): Promise<void> {
  const rows = entries.flatMap((e) =>
    (
      [
        ['progress', e.reason],
        ['issues', e.issues],
        ['direction', e.direction],
      ] as const
    )
      .filter(([, body]) => body.trim().length > 0)
      .map(([kind, body]) => ({ itemId: e.itemId, kind, body })),
  );
  if (rows.length === 0) return;
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $1, t.item_id, $2, 'department', t.kind, t.item_id, t.body, 'entered' from unnest($3::int[], $4::text[], $5::text[]) as t(item_id, kind, body)`,
    [round.planId, round.fiscalYear, rows.map((r) => r.itemId), rows.map((r) => r.kind), rows.map((r) => r.body)],
  );
}

export interface ItemContext {
  id: number;
  planId: number;
  code: string;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  /** Names from the pillar down to the program. */
  path: { id: number; level: number; name: string }[];
  endedFromFiscalYear: number | null;
}

export interface EntryDetail extends EntryRow {
  item: ItemContext;
}

async function loadItemContext(db: Queryable, planId: number, itemId: number): Promise<ItemContext | undefined> {
  const r = await db.query<Omit<ItemContext, 'path'> & { path: { id: number; level: number; name: string }[] }>(
    `with recursive up(id, parent_id, level, name) as (
        select id, parent_id, level, name from plan_items where id = $2
        union all
        select p.id, p.parent_id, p.level, p.name from plan_items p join up on p.id = up.parent_id)
     select i.id, i.plan_id as "planId", i.code, i.name, i.department_id as "departmentId", d.name as "departmentName",
            i.ended_from_fiscal_year as "endedFromFiscalYear",
            (select coalesce(json_agg(json_build_object('id', up.id, 'level', up.level, 'name', up.name) order by up.level), '[]'::json)
               from up where up.id <> i.id) as path
       from plan_items i left join departments d on d.id = i.department_id
      where i.id = $2 and i.plan_id = $1`,
    [planId, itemId],
  );
  return r.rows[0];
}

/**
 * The entry of one sub-item in a round, if the actor may read it. An item of another
 * department answers exactly like an item that does not exist (no probing by id).
 */
export async function loadEntry(db: Queryable, round: Round, itemId: number, actor: Actor): Promise<EntryDetail> {
  const item = await loadItemContext(db, round.planId, itemId);
  const row = item && (await db.query<EntryRow>(`select ${ENTRY_COLUMNS} from round_entries e left join users u on u.id = e.updated_by where e.round_id = $1 and e.item_id = $2`, [round.id, itemId])).rows[0];
  if (!item || !row || !mayReadEntry(actor, item.departmentId)) throw new WorkflowError('not-found', '細目が見つかりません。');
  return { ...row, item };
}

export interface HistoryYear {
  fiscalYear: number;
  code: string | null;
  marks: string[];
  reason: string | null;
  /** The department's paragraphs about the sub-item (or its program) that year. */
  narratives: { kind: string; body: string; aboutProgram: boolean }[];
}

/** Ratings and reasons of the sub-item across the years before the round. */
export async function loadItemHistory(db: Queryable, planId: number, item: ItemContext, untilFiscalYear: number): Promise<HistoryYear[]> {
  const programId = item.path[item.path.length - 1]?.id ?? null;
  const [ratings, narratives] = await Promise.all([
    db.query<{ fiscalYear: number; code: string; reason: string | null; marks: string[] | null }>(
      `select r.fiscal_year as "fiscalYear", r.code, r.reason,
              array(select k.mark from rating_annotations a join annotation_kinds k on k.id = a.annotation_kind_id where a.rating_id = r.id order by k.mark) as marks
         from ratings r where r.item_id = $1 and r.fiscal_year < $2 order by r.fiscal_year`,
      [item.id, untilFiscalYear],
    ),
    db.query<{ fiscalYear: number; kind: string; body: string; itemId: number | null }>(
      `select n.fiscal_year as "fiscalYear", n.kind, n.body, n.item_id as "itemId" from narratives n
        where n.plan_id = $1 and n.author_role = 'department' and n.fiscal_year < $4
          and (n.item_id = $2 or n.item_id = $3 or exists (select 1 from narrative_mentions m where m.narrative_id = n.id and m.item_id in ($2, $3)))
        order by n.fiscal_year, n.kind, n.position`,
      [planId, item.id, programId ?? -1, untilFiscalYear],
    ),
  ]);
  const years = new Map<number, HistoryYear>();
  const year = (fy: number) => {
    let y = years.get(fy);
    if (!y) years.set(fy, (y = { fiscalYear: fy, code: null, marks: [], reason: null, narratives: [] }));
    return y;
  };
  for (const r of ratings.rows) Object.assign(year(r.fiscalYear), { code: r.code, reason: r.reason, marks: r.marks ?? [] });
  for (const n of narratives.rows) {
    // The same text stored as the reason is not repeated as a paragraph.
    if (n.kind === 'progress' && n.itemId === item.id && years.get(n.fiscalYear)?.reason === n.body) continue;
    year(n.fiscalYear).narratives.push({ kind: n.kind, body: n.body, aboutProgram: n.itemId !== item.id });
  }
  return [...years.values()].sort((a, b) => b.fiscalYear - a.fiscalYear);
}

export interface ReviewComment {
  action: 'return' | 'accept';
  body: string;
  author: string | null;
  createdAt: Date;
}

export async function loadComments(db: Queryable, entryId: number): Promise<ReviewComment[]> {
  return (
    await db.query<ReviewComment>(
      `select c.action, c.body, u.display_name as author, c.created_at as "createdAt" from review_comments c left join users u on u.id = c.author_id
        where c.entry_id = $1 order by c.id`,
      [entryId],
    )
  ).rows;
}

export interface Revision {
  revision: number;
  reason: string;
  before: Partial<EntryInput>;
  after: Partial<EntryInput>;
  author: string | null;
  createdAt: Date;
}

export async function loadRevisions(db: Queryable, entryId: number): Promise<Revision[]> {
  return (
    await db.query<Revision>(
      `select r.revision, r.reason, r.before, r.after, u.display_name as author, r.created_at as "createdAt" from entry_revisions r left join users u on u.id = r.created_by
        where r.entry_id = $1 order by r.revision`,
      [entryId],
    )
  ).rows;
}

export interface ScaleInfo {
  codes: { code: string; label: string; criteria: string }[];
  annotationKinds: { id: number; mark: string; meaning: string }[];
}

export async function loadScaleInfo(db: Queryable, planId: number): Promise<ScaleInfo> {
  const [codes, kinds] = await Promise.all([
    db.query<ScaleInfo['codes'][number]>('select c.code, c.label, c.criteria from plans p join rating_codes c on c.scale_id = p.rating_scale_id where p.id = $1 order by c.position', [planId]),
    db.query<ScaleInfo['annotationKinds'][number]>('select id, mark, meaning from annotation_kinds where plan_id = $1 order by id', [planId]),
  ]);
  return { codes: codes.rows, annotationKinds: kinds.rows };
}

/** Field errors of any workflow form: the entry's fields plus a review comment or a correction reason. */
export type FormErrors = EntryErrors & { comment?: string; correction?: string };

export type SaveResult =
  | { kind: 'saved'; entry: EntryDetail }
  | { kind: 'invalid'; errors: FormErrors }
  | { kind: 'conflict'; current: EntryDetail };

function inputOf(e: EntryRow): EntryInput {
  return { ratingCode: e.ratingCode, annotationKindIds: e.annotationKindIds, reason: e.reason, issues: e.issues, direction: e.direction };
}

export function normaliseInput(input: EntryInput): EntryInput {
  return {
    ratingCode: input.ratingCode || null,
    annotationKindIds: [...new Set(input.annotationKindIds)].sort((a, b) => a - b),
    reason: cleanText(input.reason),
    issues: cleanText(input.issues),
    direction: cleanText(input.direction),
  };
}

/**
 * Saves (draft) or submits a department's entry. `expectedVersion` is the version the
 * form was loaded at: if someone saved in between, nothing is written and the caller
 * gets the current text to show beside the user's own.
 */
export async function saveEntry(db: Db, round: Round, itemId: number, raw: EntryInput, expectedVersion: number, action: 'save' | 'submit', actor: Actor & { id: number }): Promise<SaveResult> {
  const input = normaliseInput(raw);
  const scale = await loadScaleInfo(db, round.planId);
  const errors = validateEntry(input, scale.codes.map((c) => c.code), scale.annotationKinds.map((k) => k.id), action);
  return db.transaction(async (tx) => {
    const current = await loadEntry(tx, round, itemId, actor);
    if (!mayTakeEntryAction(actor, action, current.item.departmentId)) throw new WorkflowError('forbidden', 'この細目を編集する権限がありません。');
    const liveRound = await getRound(tx, round.id);
    const next = nextEntryStatus(liveRound.status, current.status, action);
    if (next instanceof WorkflowError) throw next;
    if (current.version !== expectedVersion) return { kind: 'conflict', current } as const;
    if (Object.keys(errors).length) return { kind: 'invalid', errors } as const;
    const updated = await tx.query(
      `update round_entries set status = $3, rating_code = $4, annotation_kind_ids = $5::int[], reason = $6, issues = $7, direction = $8,
              version = version + 1, updated_by = $9, updated_at = now(), submitted_at = case when $3 = 'submitted' then now() else submitted_at end
        where id = $1 and version = $2`,
      [current.id, expectedVersion, next, input.ratingCode, input.annotationKindIds, input.reason, input.issues, input.direction, actor.id],
    );
    // Lost a race between our read and our write: report it as a conflict too.
    if (updated.rowCount !== 1) return { kind: 'conflict', current: await loadEntry(tx, round, itemId, actor) } as const;
    await recordAudit(tx, {
      actor: actor.login,
      action,
      entity: 'entry',
      entityId: current.id,
      planId: round.planId,
      roundId: round.id,
      itemId,
      before: { status: current.status, ...inputOf(current) },
      after: { status: next, ...input },
    });
    // Built from what was just written: one read less on the busiest path.
    return { kind: 'saved', entry: { ...current, ...input, status: next, version: current.version + 1, updatedAt: new Date() } } as const;
  });
}

/** The division accepts a submitted entry or returns it with a comment. */
export async function reviewEntry(db: Db, round: Round, itemId: number, action: 'accept' | 'return', comment: string, expectedVersion: number, actor: Actor & { id: number }): Promise<SaveResult> {
  const body = cleanText(comment).trim();
  if (action === 'return' && !body) return { kind: 'invalid', errors: { comment: '差し戻す理由（コメント）を入力してください。' } };
  if (body.length > 4000) return { kind: 'invalid', errors: { comment: 'コメントは4000文字以内で入力してください。' } };
  return db.transaction(async (tx) => {
    const current = await loadEntry(tx, round, itemId, actor);
    if (!mayTakeEntryAction(actor, action, current.item.departmentId)) throw new WorkflowError('forbidden', '審査する権限がありません。');
    const liveRound = await getRound(tx, round.id);
    const next = nextEntryStatus(liveRound.status, current.status, action);
    if (next instanceof WorkflowError) throw next;
    if (current.version !== expectedVersion) return { kind: 'conflict', current } as const;
    const updated = await tx.query(
      'update round_entries set status = $3, version = version + 1, reviewed_at = now(), updated_at = now() where id = $1 and version = $2',
      [current.id, expectedVersion, next],
    );
    if (updated.rowCount !== 1) return { kind: 'conflict', current: await loadEntry(tx, round, itemId, actor) } as const;
    await tx.query('insert into review_comments (entry_id, author_id, action, body) values ($1, $2, $3, $4)', [current.id, actor.id, action, body]);
    await recordAudit(tx, { actor: actor.login, action, entity: 'entry', entityId: current.id, planId: round.planId, roundId: round.id, itemId, before: { status: current.status }, after: { status: next, comment: body } });
    return { kind: 'saved', entry: { ...current, status: next, version: current.version + 1 } } as const;
  });
}

/**
 * A correction after publication: a new revision with a reason. The published rating
 * and narratives change with it, and the revision stays visible on the entry.
 */
export async function correctPublishedEntry(db: Db, round: Round, itemId: number, raw: EntryInput, reason: string, expectedVersion: number, actor: Actor & { id: number }): Promise<SaveResult> {
  if (!can(actor.roles, 'correctPublished')) throw new WorkflowError('forbidden', '公表後の訂正を行う権限がありません。');
  const input = normaliseInput(raw);
  const scale = await loadScaleInfo(db, round.planId);
  const errors: EntryErrors = validateEntry(input, scale.codes.map((c) => c.code), scale.annotationKinds.map((k) => k.id), 'submit');
  const why = cleanText(reason).trim();
  return db.transaction(async (tx) => {
    const liveRound = await getRound(tx, round.id);
    if (liveRound.status !== 'published') throw new WorkflowError('invalid-state', '訂正は公表済みのラウンドだけで行えます。公表前は通常の入力・審査で変更してください。');
    const current = await loadEntry(tx, round, itemId, actor);
    if (current.version !== expectedVersion) return { kind: 'conflict', current } as const;
    if (!why) return { kind: 'invalid', errors: { ...errors, correction: '訂正の理由を入力してください。' } } as const;
    if (Object.keys(errors).length) return { kind: 'invalid', errors } as const;
    const revision = current.revision + 1;
    await tx.query(
      `update round_entries set rating_code = $3, annotation_kind_ids = $4::int[], reason = $5, issues = $6, direction = $7, version = version + 1,
              revision = $8, updated_by = $9, updated_at = now() where id = $1 and version = $2`,
      [current.id, expectedVersion, input.ratingCode, input.annotationKindIds, input.reason, input.issues, input.direction, revision, actor.id],
    );
    await tx.query('insert into entry_revisions (entry_id, revision, reason, before, after, created_by) values ($1, $2, $3, $4::jsonb, $5::jsonb, $6)', [
      current.id,
      revision,
      why,
      JSON.stringify(inputOf(current)),
      JSON.stringify(input),
      actor.id,
    ]);
    const entry: EntryRow = { ...current, ...input };
    await tx.query(
      `update ratings set code = $3, reason = $4, updated_at = now() where item_id = $1 and fiscal_year = $2`,
      [itemId, round.fiscalYear, input.ratingCode, input.reason],
    );
    await writeAnnotations(tx, round, [entry]);
    await tx.query(`delete from narratives where plan_id = $1 and fiscal_year = $2 and item_id = $3 and author_role = 'department' and source = 'entered'`, [round.planId, round.fiscalYear, itemId]);
    await insertDepartmentNarratives(tx, round, [entry]);
    await recordAudit(tx, {
      actor: actor.login,
      action: 'correct',
      entity: 'rating',
      entityId: `${itemId}/${round.fiscalYear}`,
      planId: round.planId,
      roundId: round.id,
      itemId,
      before: inputOf(current),
      after: { ...input, revision, reason: why },
    });
    return { kind: 'saved', entry: await loadEntry(tx, round, itemId, actor) } as const;
  });
}
