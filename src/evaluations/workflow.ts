/**
 * The workflow as pure functions over plain data: which state follows which action,
 * who may take it, and what an entry must contain. The store and the routes call
 * these; nothing here touches the database, so every rule is tested directly.
 *
 *   sub-item per round:  not_started → draft → submitted → returned → submitted → accepted
 *                        submitted → draft (the department withdraws it before the division acts)
 *   round:               preparing → open ⇄ closed → published
 */
import { AppError, invalidState } from '../errors.js';
import { can, type Role } from '../auth/roles.js';
import type { Message } from '../web/messages.js';
import statusLabels from './status-labels.json' with { type: 'json' };

export const ENTRY_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ROUND_STATUSES = ['preparing', 'open', 'closed', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export type EntryAction = 'save' | 'submit' | 'withdraw' | 'return' | 'accept';
export type RoundAction = 'open' | 'close' | 'publish';

// The statuses' words are data, kept beside this module as the catalogs are; the types check every status has both languages.
export const ENTRY_STATUS_LABELS: Readonly<Record<EntryStatus, Message>> = statusLabels.entry;
export const ROUND_STATUS_LABELS: Readonly<Record<RoundStatus, Message>> = statusLabels.round;

export interface Actor {
  login: string;
  roles: readonly Role[];
  departmentIds: readonly number[];
}

/** The department editor owns the item: it belongs to one of their departments. */
export function ownsItem(actor: Actor, itemDepartmentId: number | null): boolean {
  return can(actor.roles, 'enterOwnItems') && itemDepartmentId !== null && actor.departmentIds.includes(itemDepartmentId);
}

/** Who may read an entry: everyone who reads all items, and the owning department. */
export function mayReadEntry(actor: Actor, itemDepartmentId: number | null): boolean {
  return can(actor.roles, 'readAllItems') || ownsItem(actor, itemDepartmentId);
}

const ENTRY_RULES: Record<EntryAction, { round: readonly RoundStatus[]; from: readonly EntryStatus[] }> = {
  save: { round: ['open'], from: ['not_started', 'draft', 'returned'] },
  submit: { round: ['open'], from: ['not_started', 'draft', 'returned'] },
  // Only while the division has not acted: once returned or accepted, the division's word stands.
  withdraw: { round: ['open'], from: ['submitted'] },
  return: { round: ['open', 'closed'], from: ['submitted', 'accepted'] },
  accept: { round: ['open', 'closed'], from: ['submitted'] },
};

/** The state after an action, or the reason it is not possible now. Who acts is checked by mayTakeEntryAction. */
export function nextEntryStatus(round: RoundStatus, status: EntryStatus, action: EntryAction): EntryStatus | AppError {
  const rule = ENTRY_RULES[action];
  if (!rule.round.includes(round)) {
    return invalidState(
      round === 'published'
        ? '公表済みの評価の回は変更できません。訂正は理由を付けて新しい版として登録してください。'
        : `評価の回が「${ROUND_STATUS_LABELS[round].ja}」のため、この操作はできません。`,
    );
  }
  if (!rule.from.includes(status)) {
    return invalidState(`「${ENTRY_STATUS_LABELS[status].ja}」の項目には、この操作はできません。`);
  }
  switch (action) {
    case 'save':
      // A returned item stays returned until it is submitted again, so the comment stays in view.
      return status === 'not_started' ? 'draft' : status;
    case 'submit':
      return 'submitted';
    case 'withdraw':
      return 'draft';
    case 'return':
      return 'returned';
    case 'accept':
      return 'accepted';
  }
}

export function mayTakeEntryAction(actor: Actor, action: EntryAction, itemDepartmentId: number | null): boolean {
  if (action === 'save' || action === 'submit' || action === 'withdraw') return ownsItem(actor, itemDepartmentId);
  return can(actor.roles, 'review');
}

/** Which actions the actor could take on an entry right now (drives which buttons a page shows). */
export function availableEntryActions(actor: Actor, round: RoundStatus, status: EntryStatus, itemDepartmentId: number | null): EntryAction[] {
  return (['save', 'submit', 'withdraw', 'return', 'accept'] as const).filter(
    (a) => mayTakeEntryAction(actor, a, itemDepartmentId) && !(nextEntryStatus(round, status, a) instanceof AppError),
  );
}

export interface RoundProgress {
  total: number;
  accepted: number;
}

export function nextRoundStatus(status: RoundStatus, action: RoundAction, progress: RoundProgress): RoundStatus | AppError {
  if (action === 'open') {
    if (status === 'preparing' || status === 'closed') return 'open';
    return invalidState(`「${ROUND_STATUS_LABELS[status].ja}」の評価の回は受付を開始できません。`);
  }
  if (action === 'close') {
    if (status === 'open') return 'closed';
    return invalidState(`「${ROUND_STATUS_LABELS[status].ja}」の評価の回は締め切れません。`);
  }
  if (status !== 'closed') return invalidState('公表できるのは入力を締め切った評価の回だけです。');
  if (progress.total === 0) return invalidState('評価対象の項目がない評価の回は公表できません。');
  if (progress.accepted < progress.total) {
    return invalidState(`未承認の項目が${progress.total - progress.accepted}件あります。すべて承認してから公表してください。`);
  }
  return 'published';
}

/** An opinion target and whether its opinion has text. */
export interface OpinionSlot {
  itemId: number | null;
  code: string;
  name: string;
  role: 'division' | 'expert';
}

/** The targets whose opinion is still empty: publishing without them needs a stated reason. */
export function missingOpinions<T extends OpinionSlot>(
  targets: readonly T[],
  written: readonly { itemId: number | null; authorRole: string; body: string }[],
): T[] {
  return targets.filter((target) => !written.some((o) => o.itemId === target.itemId && o.authorRole === target.role && o.body.trim() !== ''));
}

export function mayTakeRoundAction(actor: Actor, action: RoundAction): boolean {
  return can(actor.roles, action === 'publish' ? 'publishRound' : 'manageRounds');
}

/** What a department enters for a sub-item. */
export interface EntryInput {
  ratingCode: string | null;
  annotationKindIds: number[];
  reason: string;
  issues: string;
  direction: string;
}

export const MAX_TEXT_LENGTH = 4000;

export type EntryErrors = Partial<Record<keyof EntryInput, string>>;

/**
 * Field errors in Japanese. A draft may be incomplete; a submission needs a rating
 * and a reason. Text is stored as typed (never stripped of markup): pages escape it.
 */
export function validateEntry(input: EntryInput, scaleCodes: readonly string[], annotationKindIds: readonly number[], mode: 'save' | 'submit'): EntryErrors {
  const errors: EntryErrors = {};
  if (input.ratingCode !== null && !scaleCodes.includes(input.ratingCode)) errors.ratingCode = `評価は ${scaleCodes.join('・')} のいずれかを選んでください。`;
  if (mode === 'submit' && input.ratingCode === null) errors.ratingCode = '提出するには評価を選んでください。';
  if (mode === 'submit' && !input.reason.trim()) errors.reason = '提出するには評価の理由を入力してください。';
  for (const key of ['reason', 'issues', 'direction'] as const) {
    if (input[key].length > MAX_TEXT_LENGTH) errors[key] = `${MAX_TEXT_LENGTH}文字以内で入力してください（現在${input[key].length}文字）。`;
  }
  if (input.annotationKindIds.some((id) => !annotationKindIds.includes(id))) errors.annotationKindIds = '注釈の選択が正しくありません。';
  return errors;
}

/**
 * The texts that are still exactly what the round's opening copied from the year before
 * (ignoring surrounding blanks and line-ending style): a department has not confirmed them.
 */
export function unchangedCopies(
  input: Pick<EntryInput, 'reason' | 'issues' | 'direction'>,
  prefilled: Record<'reason' | 'issues' | 'direction', string | null>,
): ('reason' | 'issues' | 'direction')[] {
  return (['reason', 'issues', 'direction'] as const).filter((key) => {
    const copy = prefilled[key];
    return copy !== null && copy.trim() !== '' && cleanText(input[key]).trim() === cleanText(copy).trim();
  });
}

/** Normalises line endings so that what is stored is what was typed, whatever the browser sends. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
