/**
 * Writes of entries: a department saves or submits its sub-item with optimistic
 * locking, the division accepts or returns it, and after publication a correction is
 * recorded as a new revision with a reason. Each change is one transaction with its
 * audit entry; every permission and state rule comes from workflow.ts.
 */
import type { Db, Queryable } from '../db/db.js';
import { AppError, forbidden, invalidState, isAppError } from '../errors.js';
import { recordAudit, writeAudited, type AuditEntry } from '../audit/audit-log.js';
import { can } from '../auth/roles.js';
import {
  cleanText,
  mayTakeEntryAction,
  nextEntryStatus,
  unchangedCopies,
  validateEntry,
  type Actor,
  type EntryAction,
  type EntryErrors,
  type EntryInput,
  type EntryStatus,
  type RoundStatus,
} from './workflow.js';
import { getRound, type Round } from './round-queries.js';
import {
  entryFiguresOf,
  entryInputOf,
  loadEntry,
  loadEntryInRound,
  loadEntryToSave,
  loadScaleInfo,
  type EntryDetail,
  type EntryRow,
  type ScaleInfo,
} from './entry-queries.js';
import { checkFigures, type EntryFigures, type TypedFigures } from './entry-figures.js';
import { loadFiguresBasis, proposalOf, type FiguresBasis } from './entry-figures-queries.js';
import { overrideError, proposedCode } from '../indicators/entry-proposal.js';
import { insertDepartmentNarratives, writeAnnotations } from './published-store.js';

/** Field errors of any workflow form: the entry's fields plus a review comment or a correction reason, and `form` for the whole page. */
export type FormErrors = EntryErrors & {
  comment?: string;
  correction?: string;
  form?: string;
  /** A rating other than the rule's proposal without a reason. */
  overrideReason?: string;
  /** The figures' fields (`actual-<id>`, `directionCode`, `cost-<field>`, …). */
  [field: string]: string | undefined;
};

export type SaveResult = { kind: 'saved'; entry: EntryDetail } | { kind: 'invalid'; errors: FormErrors } | { kind: 'conflict'; current: EntryDetail };

/** A department's save, or its submission of texts still as copied from last year: asked once, sent again with `copyConfirmed`. */
export type EntrySaveResult = SaveResult | { kind: 'unchangedCopy'; fields: ('reason' | 'issues' | 'direction')[] };

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
 * The entry as it is now (inside the action's transaction, or before its one-statement
 * write: then `read` is loadEntryToSave), and the status the action leads to: refused
 * (`refusal`) when the actor may not act on it, or when the round's and the entry's state do
 * not allow the action now.
 */
async function beginEntryAction(
  db: Queryable,
  round: Round,
  itemId: number,
  action: EntryAction,
  actor: Actor,
  refusal: string,
  read: typeof loadEntryInRound = loadEntryInRound,
): Promise<{ current: EntryDetail; next: EntryStatus; roundStatus: RoundStatus }> {
  // The round's status as it is now, not as the request found it.
  const { entry: current, roundStatus } = await read(db, round, itemId, actor);
  if (!mayTakeEntryAction(actor, action, current.item.departmentId)) throw forbidden(refusal);
  const next = nextEntryStatus(roundStatus, current.status, action);
  if (next instanceof AppError) throw next;
  return { current, next, roundStatus };
}

/** A save as checked against the plan: the figures, the rule's proposal computed from them, the reason typed for differing, and every field error. */
interface CheckedSave {
  errors: FormErrors;
  figures: EntryFigures;
  proposed: string | null;
  typedReason: string;
}

/** The item's scale and figures basis a save is checked against (kept reads: see saveEntry). */
interface SaveBasis {
  scale: ScaleInfo;
  basis: FiguresBasis;
}

/** Checks a save's texts and figures against the item's scale and basis. */
function checkSave(input: EntryInput, action: 'save' | 'submit', current: EntryDetail, { scale, basis }: SaveBasis, typed?: TypedFigures): CheckedSave {
  const errors: FormErrors = validateEntry(
    input,
    scale.codes.map((c) => c.code),
    scale.annotationKinds.map((k) => k.id),
    action,
  );
  // Without figures (a caller that sends only the texts) the entry keeps the ones it has.
  let figures: EntryFigures = entryFiguresOf(current);
  if (typed) {
    const checked = checkFigures(typed, {
      indicatorIds: basis.series.map((s) => s.id),
      directionCodes: basis.directionCodes.map((c) => c.code),
      costsEnabled: basis.costsEnabled,
    });
    Object.assign(errors, checked.errors);
    figures = checked.figures;
  }
  // The proposal is computed here from the data, never taken from the form.
  const proposed = proposedCode(proposalOf(basis, figures.actuals));
  const typedReason = cleanText(typed?.overrideReason ?? current.overrideReason).trim();
  const refusal = overrideError(proposed, input.ratingCode, typedReason);
  if (refusal) errors.overrideReason = refusal;
  return { errors, figures, proposed, typedReason };
}

/** What a save writes besides the status: the texts, the figures and the proposal with the reason kept for differing from it. */
type SavedFields = EntryInput & EntryFigures & { proposedRatingCode: string | null; overrideReason: string };

/** What a save's write requires to still hold since its read: else it writes nothing. */
interface ReadState {
  entryId: number;
  version: number;
  roundStatus: RoundStatus;
  departmentId: number | null;
}

/**
 * A save's write, with its audit entry, as one statement that writes only if what the save was
 * checked against still holds: the entry at the version read, its round in the status read, its
 * sub-item in the department read. False when something changed in between.
 */
function writeSave(db: Queryable, read: ReadState, next: EntryStatus, fields: SavedFields, actorId: number, audit: AuditEntry): Promise<boolean> {
  return writeAudited(
    db,
    {
      sql: `update round_entries e set status = $3, rating_code = $4, annotation_kind_ids = $5::int[], reason = $6, issues = $7, direction = $8,
                   proposed_rating_code = $10, override_reason = $11, direction_code = $12, actuals = $13::jsonb, costs = $14::jsonb,
                   version = version + 1, updated_by = $9, updated_at = now(), submitted_at = case when $3 = 'submitted' then now() else submitted_at end
             where e.id = $1 and e.version = $2
               and exists (select 1 from evaluation_rounds r where r.id = e.round_id and r.status = $15)
               and (select i.department_id from plan_items i where i.id = e.item_id) is not distinct from $16::int
            returning e.id`,
      params: [
        read.entryId,
        read.version,
        next,
        fields.ratingCode,
        fields.annotationKindIds,
        fields.reason,
        fields.issues,
        fields.direction,
        actorId,
        fields.proposedRatingCode,
        fields.overrideReason,
        fields.directionCode,
        JSON.stringify(fields.actuals),
        fields.costs === null ? null : JSON.stringify(fields.costs),
        read.roundStatus,
        read.departmentId,
      ],
    },
    audit,
  );
}

/**
 * Saves (draft) or submits a department's entry. `expectedVersion` is the version the
 * form was loaded at: if someone saved in between, nothing is written and the caller
 * gets the current text to show beside the user's own.
 */
export async function saveEntry(
  db: Db,
  round: Round,
  itemId: number,
  raw: EntryInput,
  expectedVersion: number,
  action: 'save' | 'submit',
  actor: Actor & { id: number },
  options: { copyConfirmed?: boolean; figures?: TypedFigures } = {},
): Promise<EntrySaveResult> {
  const input = normaliseInput(raw);
  // The plan's side (scale, indicators, rule), kept while the change counter stands, read just
  // before the entry: with the counter read shared by the saves arriving together.
  const [scale, basis] = await Promise.all([loadScaleInfo(db, round.planId, itemId), loadFiguresBasis(db, round.planId, itemId, round.fiscalYear)]);
  // Read and checked here, then written by one statement that writes only if what was read still
  // holds, so no transaction holds the store between the read and the write (on the embedded
  // store that would stop every other request for two turns of this thread). When something
  // changed in between, read and check once more: the answer is then a conflict or a refusal,
  // or the save when only something it does not depend on changed.
  for (let attempt = 1; ; attempt++) {
    const { current, next, roundStatus } = await beginEntryAction(db, round, itemId, action, actor, 'この項目を編集する権限がありません。', loadEntryToSave);
    const { errors, figures, proposed, typedReason } = checkSave(input, action, current, { scale, basis }, options.figures);
    if (current.version !== expectedVersion) return { kind: 'conflict', current };
    if (Object.keys(errors).length) return { kind: 'invalid', errors };
    const copies = action === 'submit' && !options.copyConfirmed ? unchangedCopies(input, current.prefilled) : [];
    if (copies.length > 0) return { kind: 'unchangedCopy', fields: copies };
    // A reason is kept only where it explains a difference from the proposal (or while no rating is chosen yet).
    const overrideReason = proposed !== null && input.ratingCode !== proposed ? typedReason : '';
    const written: SavedFields = { ...input, ...figures, proposedRatingCode: proposed, overrideReason };
    const audit: AuditEntry = {
      ...entryAudit(actor, action, round, itemId, current.id),
      before: {
        status: current.status,
        ...entryInputOf(current),
        proposedRatingCode: current.proposedRatingCode,
        overrideReason: current.overrideReason,
        ...entryFiguresOf(current),
      },
      after: { status: next, ...input, proposedRatingCode: proposed, overrideReason, ...figures },
    };
    const read: ReadState = { entryId: current.id, version: current.version, roundStatus, departmentId: current.item.departmentId };
    if (await writeSave(db, read, next, written, actor.id, audit)) {
      // Built from what was just written: one read less on the busiest path.
      return { kind: 'saved', entry: { ...current, ...written, status: next, version: current.version + 1, updatedAt: new Date() } };
    }
    if (attempt === 2) return { kind: 'conflict', current: await loadEntry(db, round, itemId, actor) };
  }
}

/** Who did what to which entry: the audit record every entry action writes, before its own before and after. */
function entryAudit(actor: Actor, action: string, round: Round, itemId: number, entryId: number): AuditEntry {
  return { actor: actor.login, action, entity: 'entry', entityId: entryId, planId: round.planId, roundId: round.id, itemId };
}

/** The division accepts a submitted entry or returns it with a comment. */
export async function reviewEntry(
  db: Db,
  round: Round,
  itemId: number,
  action: 'accept' | 'return',
  comment: string,
  expectedVersion: number,
  actor: Actor & { id: number },
): Promise<SaveResult> {
  const body = cleanText(comment).trim();
  if (action === 'return' && !body) return { kind: 'invalid', errors: { comment: '差し戻す理由（コメント）を入力してください。' } };
  if (body.length > 4000) return { kind: 'invalid', errors: { comment: 'コメントは4000文字以内で入力してください。' } };
  return db.transaction(async (tx) => {
    const { current, next } = await beginEntryAction(tx, round, itemId, action, actor, '審査する権限がありません。');
    if (current.version !== expectedVersion) return { kind: 'conflict', current } as const;
    const updated = await tx.query(
      'update round_entries set status = $3, version = version + 1, reviewed_at = now(), updated_at = now() where id = $1 and version = $2',
      [current.id, expectedVersion, next],
    );
    if (updated.rowCount !== 1) return { kind: 'conflict', current: await loadEntry(tx, round, itemId, actor) } as const;
    await tx.query('insert into review_comments (entry_id, author_id, action, body) values ($1, $2, $3, $4)', [current.id, actor.id, action, body]);
    await recordAudit(tx, {
      ...entryAudit(actor, action, round, itemId, current.id),
      before: { status: current.status },
      after: { status: next, comment: body },
    });
    return { kind: 'saved', entry: { ...current, status: next, version: current.version + 1 } } as const;
  });
}

/** What a bulk acceptance did: the items accepted, and those that changed meanwhile and were left alone. */
export interface BulkAcceptResult {
  accepted: number[];
  changed: { itemId: number; reason: string }[];
}

/**
 * Accepts several submitted entries, each exactly as the division saw it (its version):
 * one transaction and one audit entry per entry, so one that changed meanwhile is
 * reported and left alone while the others go through.
 */
export async function acceptEntries(
  db: Db,
  round: Round,
  picks: readonly { itemId: number; version: number }[],
  actor: Actor & { id: number },
): Promise<BulkAcceptResult> {
  if (!can(actor.roles, 'review')) throw forbidden('審査する権限がありません。');
  const result: BulkAcceptResult = { accepted: [], changed: [] };
  for (const pick of picks) {
    try {
      const r = await reviewEntry(db, round, pick.itemId, 'accept', '', pick.version, actor);
      if (r.kind === 'saved') result.accepted.push(pick.itemId);
      else result.changed.push({ itemId: pick.itemId, reason: '一覧を開いた後に内容が更新されました。' });
    } catch (error) {
      // An entry no longer submitted (withdrawn, returned, accepted by someone else) is reported, not a failure of the rest.
      if (!isAppError(error, 'invalid-state')) throw error;
      result.changed.push({ itemId: pick.itemId, reason: error.message });
    }
  }
  return result;
}

/** The owning department takes back a submission the division has not acted on yet; the text stays as it was. */
export async function withdrawEntry(db: Db, round: Round, itemId: number, expectedVersion: number, actor: Actor & { id: number }): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const { current, next } = await beginEntryAction(tx, round, itemId, 'withdraw', actor, 'この項目の提出を取り下げる権限がありません。');
    if (current.version !== expectedVersion) return { kind: 'conflict', current } as const;
    const updated = await tx.query(
      'update round_entries set status = $3, version = version + 1, updated_by = $4, updated_at = now() where id = $1 and version = $2',
      [current.id, expectedVersion, next, actor.id],
    );
    if (updated.rowCount !== 1) return { kind: 'conflict', current: await loadEntry(tx, round, itemId, actor) } as const;
    await recordAudit(tx, { ...entryAudit(actor, 'withdraw', round, itemId, current.id), before: { status: current.status }, after: { status: next } });
    return { kind: 'saved', entry: { ...current, status: next, version: current.version + 1 } } as const;
  });
}

/** The rule's proposal on an entry, and the reason kept for a rating that differs from it. */
interface Proposal {
  proposedRatingCode: string | null;
  overrideReason: string;
}

/**
 * Corrects the published rating and brings the entry's proposal in line with it. When the
 * code changes, the reason for differing from the rule's proposal is the correction's own
 * (the old one explained another rating), and none when the new code is the proposal. An
 * unchanged code keeps its reason. Only the rating is corrected here: the entry's figures
 * (actuals, 今後の方向性, costs) stay as published.
 */
async function correctPublishedRating(tx: Queryable, round: Round, itemId: number, current: EntryDetail, input: EntryInput, why: string): Promise<Proposal> {
  const published = await tx.query<{ proposedCode: string | null; overrideReason: string | null }>(
    `update ratings set code = $3, reason = $4, updated_at = now(),
            override_reason = case when code = $3 then override_reason when proposed_code is null or proposed_code = $3 then null else $5 end
      where item_id = $1 and fiscal_year = $2 returning proposed_code as "proposedCode", override_reason as "overrideReason"`,
    [itemId, round.fiscalYear, input.ratingCode, input.reason, why],
  );
  const proposal = published.rows[0]
    ? { proposedRatingCode: published.rows[0].proposedCode, overrideReason: published.rows[0].overrideReason ?? '' }
    : { proposedRatingCode: current.proposedRatingCode, overrideReason: current.overrideReason };
  await tx.query('update round_entries set proposed_rating_code = $2, override_reason = $3 where id = $1', [
    current.id,
    proposal.proposedRatingCode,
    proposal.overrideReason,
  ]);
  return proposal;
}

/** The published department texts and annotations follow the corrected entry. */
async function republishDepartmentTexts(tx: Queryable, round: Round, itemId: number, entry: EntryRow): Promise<void> {
  await writeAnnotations(tx, round, [entry]);
  await tx.query(`delete from narratives where plan_id = $1 and fiscal_year = $2 and item_id = $3 and author_role = 'department' and source = 'entered'`, [
    round.planId,
    round.fiscalYear,
    itemId,
  ]);
  await insertDepartmentNarratives(tx, round, [entry]);
}

/** A correction's texts, normalised and checked against the item's scale as a submission is; refused to anyone who may not correct. */
async function checkCorrection(db: Db, round: Round, itemId: number, raw: EntryInput, actor: Actor): Promise<{ input: EntryInput; errors: EntryErrors }> {
  if (!can(actor.roles, 'correctPublished')) throw forbidden('公表後の訂正を行う権限がありません。');
  const input = normaliseInput(raw);
  const scale = await loadScaleInfo(db, round.planId, itemId);
  const errors: EntryErrors = validateEntry(
    input,
    scale.codes.map((c) => c.code),
    scale.annotationKinds.map((k) => k.id),
    'submit',
  );
  return { input, errors };
}

/**
 * A correction after publication: a new revision with a reason. The published rating
 * and narratives change with it, and the revision stays visible on the entry.
 */
export async function correctPublishedEntry(
  db: Db,
  round: Round,
  itemId: number,
  raw: EntryInput,
  reason: string,
  expectedVersion: number,
  actor: Actor & { id: number },
): Promise<SaveResult> {
  const { input, errors } = await checkCorrection(db, round, itemId, raw, actor);
  const why = cleanText(reason).trim();
  return db.transaction(async (tx) => {
    const liveRound = await getRound(tx, round.id);
    if (liveRound.status !== 'published') throw invalidState('訂正は公表済みの評価の回だけで行えます。公表前は通常の入力・審査で変更してください。');
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
    const proposal = await correctPublishedRating(tx, round, itemId, current, input, why);
    const before = { ...entryInputOf(current), proposedRatingCode: current.proposedRatingCode, overrideReason: current.overrideReason };
    await tx.query('insert into entry_revisions (entry_id, revision, reason, before, after, created_by) values ($1, $2, $3, $4::jsonb, $5::jsonb, $6)', [
      current.id,
      revision,
      why,
      JSON.stringify(before),
      JSON.stringify({ ...input, ...proposal }),
      actor.id,
    ]);
    await republishDepartmentTexts(tx, round, itemId, { ...current, ...input });
    await recordAudit(tx, {
      actor: actor.login,
      action: 'correct',
      entity: 'rating',
      entityId: `${itemId}/${round.fiscalYear}`,
      planId: round.planId,
      roundId: round.id,
      itemId,
      before,
      after: { ...input, ...proposal, revision, reason: why },
    });
    return { kind: 'saved', entry: await loadEntry(tx, round, itemId, actor) } as const;
  });
}
