/**
 * Read-side queries of one entry: the sub-item in its plan (path, department), the
 * entry itself if the reader may see it, its history across the years, review
 * comments, corrections, and the plan's rating scale. Nothing here writes.
 */
import type { Queryable } from '../db/db.js';
import { ChangeCounterCache } from '../db/change-counter.js';
import { notFound } from '../errors.js';
import { mayReadEntry, type Actor, type EntryInput, type EntryStatus, type RoundStatus } from './workflow.js';
import { unitOfUser, type Round } from './round-queries.js';
import { loadPlanVocabulary, type PlanVocabulary } from './plan-settings-queries.js';
import type { EntryFigures } from './entry-figures.js';
import { loadFiguresBasis, type FiguresBasis } from './entry-figures-queries.js';

export interface EntryRow {
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
  /** The department(s) of the person who changed it last, or `role:<role>` when they belong to none. */
  updatedByUnit: string | null;
  /** The texts the round's opening copied from the year before (null: none copied). */
  prefilled: PrefilledTexts;
  /** What the plan's rule proposed when the entry was last saved (null: no proposal). */
  proposedRatingCode: string | null;
  /** Why another rating than the proposal was chosen ('' when none). */
  overrideReason: string;
  /** The entry's 今後の方向性 code, its actuals and costs (entry-figures.ts). */
  directionCode: string | null;
  actuals: EntryFigures['actuals'];
  costs: EntryFigures['costs'];
}

export type PrefilledTexts = Record<'reason' | 'issues' | 'direction', string | null>;

export const ENTRY_COLUMNS = `e.id, e.item_id as "itemId", e.status, e.rating_code as "ratingCode", e.annotation_kind_ids as "annotationKindIds",
  e.reason, e.issues, e.direction, e.version, e.revision, e.updated_at as "updatedAt", u.display_name as "updatedBy", ${unitOfUser('u', '(select pi.department_id from plan_items pi where pi.id = e.item_id)')} as "updatedByUnit",
  json_build_object('reason', e.prefilled_reason, 'issues', e.prefilled_issues, 'direction', e.prefilled_direction) as prefilled,
  e.proposed_rating_code as "proposedRatingCode", e.override_reason as "overrideReason", e.direction_code as "directionCode", e.actuals, e.costs`;

export interface ItemContext {
  id: number;
  planId: number;
  code: string;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  /** The department was assigned by the demo data (labelled デモ). */
  departmentDemo: boolean | null;
  /** Names from the pillar down to the program. */
  path: { id: number; level: number; name: string }[];
  endedFromFiscalYear: number | null;
}

export interface EntryDetail extends EntryRow {
  item: ItemContext;
}

/** The sub-item named by the parameter `param` and its ancestors, for ITEM_CONTEXT (a `with recursive` clause). */
const itemPath = (param: string) => `up(id, parent_id, level, name) as (
        select id, parent_id, level, name from plan_items where id = ${param}
        union all
        select p.id, p.parent_id, p.level, p.name from plan_items p join up on p.id = up.parent_id)`;

/** The sub-item `i`, its department `d` and its ancestors `up` as an ItemContext. */
const ITEM_CONTEXT = `json_build_object('id', i.id, 'planId', i.plan_id, 'code', i.code, 'name', i.name, 'departmentId', i.department_id,
              'departmentName', d.name, 'departmentDemo', d.demo, 'endedFromFiscalYear', i.ended_from_fiscal_year,
              'path', (select coalesce(json_agg(json_build_object('id', up.id, 'level', up.level, 'name', up.name) order by up.level), '[]'::json)
                         from up where up.id <> i.id))`;

/**
 * The entry of one sub-item in a round, if the actor may read it, with the round's status as
 * it is now. An item of another department answers exactly like an item that does not exist
 * (no probing by id). One statement: an entry action reads it inside its transaction.
 */
export async function loadEntryInRound(db: Queryable, round: Round, itemId: number, actor: Actor): Promise<{ entry: EntryDetail; roundStatus: RoundStatus }> {
  const r = await db.query<EntryRow & { item: ItemContext; roundStatus: RoundStatus }>(
    `with recursive ${itemPath('$2')}
     select ${ENTRY_COLUMNS}, ${ITEM_CONTEXT} as item, r.status as "roundStatus"
       from round_entries e
       join evaluation_rounds r on r.id = e.round_id
       join plan_items i on i.id = e.item_id and i.plan_id = $3
       left join departments d on d.id = i.department_id
       left join users u on u.id = e.updated_by
      where e.round_id = $1 and e.item_id = $2`,
    [round.id, itemId, round.planId],
  );
  const row = r.rows[0];
  if (!row || !mayReadEntry(actor, row.item.departmentId)) throw notFound('項目が見つかりません。');
  const { roundStatus, ...entry } = row;
  return { entry, roundStatus };
}

/** Sub-items as a save reads them, kept while the change counter stands (plan_items and departments move it). */
const itemContexts = new ChangeCounterCache<number, ItemContext | null>(1024);

async function readItemContext(db: Queryable, itemId: number): Promise<ItemContext | null> {
  const r = await db.query<{ item: ItemContext }>(
    `with recursive ${itemPath('$1')}
     select ${ITEM_CONTEXT} as item from plan_items i left join departments d on d.id = i.department_id where i.id = $1`,
    [itemId],
  );
  return r.rows[0]?.item ?? null;
}

/**
 * loadEntryInRound for a save, which reads outside any transaction and whose write checks the
 * sub-item's department again as it is then: the entry and the round's status are read as they
 * are now, the sub-item's place in the plan as kept while the change counter stands (walking
 * up the tree and joining the sub-item were 13–20% of the store's work for each save).
 */
export async function loadEntryToSave(db: Queryable, round: Round, itemId: number, actor: Actor): Promise<{ entry: EntryDetail; roundStatus: RoundStatus }> {
  const [item, r] = await Promise.all([
    itemContexts.get(db, itemId, () => readItemContext(db, itemId)),
    db.query<EntryRow & { roundStatus: RoundStatus }>(
      `select ${ENTRY_COLUMNS}, r.status as "roundStatus"
         from round_entries e
         join evaluation_rounds r on r.id = e.round_id
         left join users u on u.id = e.updated_by
        where e.round_id = $1 and e.item_id = $2`,
      [round.id, itemId],
    ),
  ]);
  const row = r.rows[0];
  if (!row || !item || item.planId !== round.planId || !mayReadEntry(actor, item.departmentId)) throw notFound('項目が見つかりません。');
  const { roundStatus, ...entry } = row;
  return { entry: { ...entry, item }, roundStatus };
}

/** The entry of one sub-item in a round, if the actor may read it (see loadEntryInRound). */
export async function loadEntry(db: Queryable, round: Round, itemId: number, actor: Actor): Promise<EntryDetail> {
  return (await loadEntryInRound(db, round, itemId, actor)).entry;
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
    if (!y) {
      y = { fiscalYear: fy, code: null, marks: [], reason: null, narratives: [] };
      years.set(fy, y);
    }
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

/** Scales as read per plan and item, kept while the change counter stands (plans, tiers, codes and marks all move it). */
const scales = new ChangeCounterCache<string, ScaleInfo>(256);

/**
 * The scale of the item's tier (the plan's own scale when the tier has none, or without an
 * item). Kept between calls: inside a transaction, read it before writing to the plan.
 */
export function loadScaleInfo(db: Queryable, planId: number, itemId: number | null = null): Promise<ScaleInfo> {
  return scales.get(db, `${planId}/${itemId ?? ''}`, () => readScaleInfo(db, planId, itemId));
}

async function readScaleInfo(db: Queryable, planId: number, itemId: number | null): Promise<ScaleInfo> {
  const [codes, kinds] = await Promise.all([
    db.query<ScaleInfo['codes'][number]>(
      `select c.code, c.label, c.criteria from plans p
         left join plan_items i on i.id = $2 and i.plan_id = p.id
         left join plan_tiers t on t.plan_id = p.id and t.level = i.level
         join rating_codes c on c.scale_id = coalesce(t.rating_scale_id, p.rating_scale_id)
        where p.id = $1 order by c.position`,
      [planId, itemId],
    ),
    db.query<ScaleInfo['annotationKinds'][number]>('select id, mark, meaning from annotation_kinds where plan_id = $1 order by id', [planId]),
  ]);
  return { codes: codes.rows, annotationKinds: kinds.rows };
}

/** The figures the entry holds. */
export function entryFiguresOf(e: EntryRow): EntryFigures {
  return { actuals: e.actuals ?? {}, directionCode: e.directionCode, costs: e.costs };
}

/** What the department entered, as a form would send it again. */
export function entryInputOf(e: EntryRow): EntryInput {
  return { ratingCode: e.ratingCode, annotationKindIds: e.annotationKindIds, reason: e.reason, issues: e.issues, direction: e.direction };
}

export interface EntryView {
  entry: EntryDetail;
  scale: ScaleInfo;
  history: HistoryYear[];
  comments: ReviewComment[];
  revisions: Revision[];
  /** The plan's words (who reviews, what its tiers are called). */
  vocabulary: PlanVocabulary;
  /** The item's indicators, the plan's rule, 今後の方向性 list and cost setting. */
  basis: FiguresBasis;
}

/** Everything the entry page shows, if the reader may see the entry. */
export async function loadEntryView(db: Queryable, round: Round, itemId: number, actor: Actor): Promise<EntryView> {
  const entry = await loadEntry(db, round, itemId, actor);
  const [scale, history, comments, revisions, vocabulary, basis] = await Promise.all([
    loadScaleInfo(db, round.planId, itemId),
    loadItemHistory(db, round.planId, entry.item, round.fiscalYear),
    loadComments(db, entry.id),
    loadRevisions(db, entry.id),
    loadPlanVocabulary(db, round.planId),
    loadFiguresBasis(db, round.planId, itemId, round.fiscalYear),
  ]);
  return { entry, scale, history, comments, revisions, vocabulary, basis };
}
