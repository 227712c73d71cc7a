/**
 * The audit log in words: each entry as one sentence (「防災対策課 田中 が 1.2.2.1 災害情報…
 * の評価を B→A に変更」) and its before/after as readable field changes, never raw JSON.
 * Plain functions over an AuditView; the page and the CSV both use them.
 */
import { ROLE_LABELS, isRole } from '../auth/roles.js';
import { ENTRY_STATUS_LABELS, ROUND_STATUS_LABELS } from '../evaluations/workflow.js';
import { isRoundKind, roundKindLabel } from '../evaluations/round-kinds.js';
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import type { Preferences } from '../web/preferences.js';
import type { AuditView } from './audit-queries.js';
import { t } from './messages.js';

type Lang = Preferences['lang'];
type Words = Record<string, { ja: string; en: string }>;

/** Processes that write without a person (imports, demo data, reminders). */
const SYSTEM_ACTORS: Words = {
  'system:sample': { ja: 'サンプルの取り込み', en: 'sample import' },
  'system:demo': { ja: 'デモデータの準備', en: 'demo data' },
  'system:reminders': { ja: '督促の自動送信', en: 'automatic reminders' },
};

/** Who: 「防災対策課 田中」; a person without a department is named with their role. */
export function actorPhrase(v: Pick<AuditView, 'actor' | 'actorName' | 'actorDepartments' | 'actorRoles'>, lang: Lang): string {
  if (v.actor.startsWith('system:')) {
    const what = SYSTEM_ACTORS[v.actor]?.[lang] ?? v.actor.slice('system:'.length);
    return t(lang, 'systemActor', { what });
  }
  const name = v.actorName ?? v.actor;
  const role = ['division', 'expert', 'admin'].find((r) => v.actorRoles.includes(r));
  const unit = v.actorDepartments[0] ?? (role && isRole(role) ? ROLE_LABELS[role][lang] : undefined);
  return unit && !name.includes(unit) ? `${unit} ${name}` : name;
}

const SHORT_NAME = 14;

function shortName(name: string): string {
  return name.length > SHORT_NAME ? `${name.slice(0, SHORT_NAME)}…` : name;
}

/** What: the item by number and name, the round by year and kind, or the record named by the entry. */
export function objectPhrase(v: AuditView, prefs: Preferences): string {
  const { lang } = prefs;
  if (v.itemCode !== null) return `${v.itemCode} ${shortName(v.itemName ?? '')}`.trim();
  if (v.entity === 'round' && v.roundFiscalYear !== null) {
    const kind = v.roundKind && isRoundKind(v.roundKind) ? roundKindLabel(v.roundKind, lang) : '';
    return t(lang, 'roundObject', { year: fiscalYearLabel(v.roundFiscalYear, prefs.era, 'long'), kind });
  }
  if (v.entity.startsWith('opinion:')) return t(lang, 'wholePlan');
  const named = textOf(field(v.after, 'name')) || textOf(field(v.before, 'name'));
  const entity = ENTITY_WORDS[v.entity]?.[lang] ?? v.entity;
  return `${entity} ${named || (v.entityId ?? '')}`.trim();
}

const ENTITY_WORDS: Words = {
  user: { ja: '利用者', en: 'user' },
  department: { ja: '課', en: 'department' },
  plan: { ja: '計画', en: 'plan' },
  plan_item: { ja: '項目', en: 'item' },
  indicator: { ja: '指標', en: 'indicator' },
  indicator_baseline: { ja: '指標の基準値', en: 'indicator baseline' },
  indicator_target: { ja: '指標の目標値', en: 'indicator target' },
  indicator_actual: { ja: '指標の実績値', en: 'indicator actual' },
  rating_rule: { ja: '評価の基準', en: 'rating rule' },
  direction_code: { ja: '今後の方向性の区分', en: 'direction code' },
  direction_codes: { ja: '今後の方向性の区分', en: 'direction codes' },
  item_direction: { ja: '今後の方向性', en: 'direction' },
  item_cost: { ja: '事業費', en: 'cost' },
  'plan-settings': { ja: '計画の設定', en: 'plan settings' },
  'import-upload': { ja: '取り込むファイル', en: 'uploaded file' },
  plan_lineage: { ja: '計画の引き継ぎ', en: 'plan lineage' },
};

/** The verb of an entry, by "entity action" first, then by action alone. */
const VERBS: Words = {
  'entry save': { ja: '{obj} の入力を保存', en: 'saved {obj}' },
  'entry submit': { ja: '{obj} を提出', en: 'submitted {obj}' },
  'entry withdraw': { ja: '{obj} の提出を取り下げ', en: 'withdrew {obj}' },
  'entry return': { ja: '{obj} を差し戻し', en: 'returned {obj}' },
  'entry accept': { ja: '{obj} を承認', en: 'accepted {obj}' },
  'rating publish': { ja: '{obj} の評価を公表', en: 'published the rating of {obj}' },
  'rating correct': { ja: '{obj} の公表済みの評価を訂正', en: 'corrected the published rating of {obj}' },
  'round create': { ja: '{obj} を作成', en: 'created {obj}' },
  'round open': { ja: '{obj} の入力受付を開始', en: 'opened {obj}' },
  'round close': { ja: '{obj} の入力を締め切り', en: 'closed {obj}' },
  'round publish': { ja: '{obj} を公表', en: 'published {obj}' },
  'round update': { ja: '{obj} の締切を変更', en: 'changed the deadline of {obj}' },
  'department remind': { ja: '{obj} へ督促を送信', en: 'sent a reminder to {obj}' },
  'plan import': { ja: '{obj} を取り込み', en: 'imported {obj}' },
  'plan assign-demo-departments': { ja: '{obj} にデモの担当課を割り当て', en: 'assigned demo departments in {obj}' },
  'plan create-demo': { ja: '{obj} にデモの指標・規則・方向性・事業費を作成', en: 'created demo indicators, rule, directions and costs in {obj}' },
  'plan_item assign': { ja: '{obj} の担当課を変更', en: 'changed the department of {obj}' },
  'user reset-password': { ja: '{obj} のパスワードを再設定', en: 'reset the password of {obj}' },
  'user change-password': { ja: '自分のパスワードを変更', en: 'changed their own password' },
  'user unlock': { ja: '{obj} のサインインの一時停止を解除', en: 'lifted the sign-in pause of {obj}' },
  'user clear-failed-logins': { ja: '{obj} のサインイン失敗の記録を消去', en: 'cleared failed sign-ins of {obj}' },
  'user lock': { ja: '{obj} のサインインを一時停止', en: 'paused sign-in of {obj}' },
  'round mark-demo': { ja: '{obj} をデモとして表示', en: 'marked {obj} as demo' },
  'import-upload upload': { ja: '{obj} をアップロード（取り込み前の確認）', en: 'uploaded {obj} for preview' },
  'import-upload discard': { ja: '{obj} の取り込みを取り消し', en: 'discarded {obj}' },
  'plan_lineage replace': { ja: '{obj} の項目の対応を保存', en: 'saved the item mapping of {obj}' },
  'user failed-login': { ja: '{obj} でサインインに失敗', en: 'failed to sign in as {obj}' },
  create: { ja: '{obj} を作成', en: 'created {obj}' },
  update: { ja: '{obj} を変更', en: 'changed {obj}' },
  revise: { ja: '{obj} を改定', en: 'revised {obj}' },
  save: { ja: '{obj} を保存', en: 'saved {obj}' },
};

/** Words of the actions, for the filter's choices. */
export function actionLabel(action: string, lang: Lang): string {
  return ACTION_WORDS[action]?.[lang] ?? action;
}

const ACTION_WORDS: Words = {
  save: { ja: '保存', en: 'save' },
  submit: { ja: '提出', en: 'submit' },
  withdraw: { ja: '取り下げ', en: 'withdraw' },
  return: { ja: '差し戻し', en: 'return' },
  accept: { ja: '承認', en: 'accept' },
  publish: { ja: '公表', en: 'publish' },
  correct: { ja: '訂正', en: 'correct' },
  create: { ja: '作成', en: 'create' },
  open: { ja: '入力受付の開始', en: 'open' },
  close: { ja: '締め切り', en: 'close' },
  update: { ja: '変更', en: 'update' },
  remind: { ja: '督促', en: 'remind' },
  import: { ja: '取り込み', en: 'import' },
  upload: { ja: 'アップロード', en: 'upload' },
  discard: { ja: '取り消し', en: 'discard' },
  replace: { ja: '置き換え', en: 'replace' },
  'mark-demo': { ja: 'デモの表示', en: 'mark as demo' },
  assign: { ja: '担当課の割り当て', en: 'assign' },
  'assign-demo-departments': { ja: 'デモの担当課の割り当て', en: 'assign demo departments' },
  'create-demo': { ja: 'デモのデータの作成', en: 'create demo data' },
  revise: { ja: '改定', en: 'revise' },
  'reset-password': { ja: 'パスワードの再設定', en: 'reset password' },
  'change-password': { ja: 'パスワードの変更', en: 'change password' },
  unlock: { ja: 'サインイン一時停止の解除', en: 'unlock' },
  'clear-failed-logins': { ja: 'サインイン失敗の記録の消去', en: 'clear failed sign-ins' },
  lock: { ja: 'サインインの一時停止', en: 'lock' },
  'failed-login': { ja: 'サインインの失敗', en: 'failed sign-in' },
};

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The rating before and after, when the entry changed it: "B→A". */
function ratingChange(v: AuditView): string | undefined {
  const before = field(v.before, 'ratingCode') ?? field(v.before, 'code');
  const after = field(v.after, 'ratingCode') ?? field(v.after, 'code');
  if (after === undefined || before === after) return undefined;
  return `${textOf(before) || '—'}→${textOf(after) || '—'}`;
}

/** The entry as one sentence: who, what, and the rating change when there is one. */
export function auditSentence(v: AuditView, prefs: Preferences): string {
  const { lang } = prefs;
  const who = actorPhrase(v, lang);
  const obj = objectPhrase(v, prefs);
  const change = ratingChange(v);
  if (v.entity.startsWith('opinion:')) {
    const role = v.entity.slice('opinion:'.length);
    return t(lang, 'sentenceOpinion', { who, obj, role: isRole(role) ? ROLE_LABELS[role][lang] : role });
  }
  if (v.entity === 'entry' && v.action === 'save' && change) return t(lang, 'sentenceRating', { who, obj, change });
  const verb = VERBS[`${v.entity} ${v.action}`] ?? VERBS[v.action];
  const predicate = verb ? verb[lang].replace('{obj}', () => obj) : t(lang, 'genericPredicate', { obj, action: v.action });
  const tail = change && v.entity !== 'round' ? t(lang, 'ratingTail', { change }) : '';
  const reason = v.entity === 'round' && v.action === 'publish' ? publishTail(v, lang) : '';
  return t(lang, 'sentence', { who, predicate: `${predicate}${tail}${reason}` });
}

function publishTail(v: AuditView, lang: Lang): string {
  const missing = field(v.after, 'missingOpinions');
  const count = Array.isArray(missing) ? missing.length : 0;
  return count > 0 ? t(lang, 'publishMissingTail', { count }) : '';
}

export interface AuditChange {
  label: string;
  before: string;
  after: string;
  /** Long text: shown as two blocks rather than "before → after" on one line. */
  long: boolean;
  /** Only a value after (a creation) or only one before (a removal): shown alone, without an arrow. */
  only?: 'after' | 'before';
}

const FIELD_WORDS: Words = {
  status: { ja: '状態', en: 'Status' },
  ratingCode: { ja: '評価', en: 'Rating' },
  code: { ja: '評価', en: 'Rating' },
  reason: { ja: '理由', en: 'Reason' },
  issues: { ja: '課題', en: 'Issues' },
  direction: { ja: '今後の方向性', en: 'Direction' },
  annotationKindIds: { ja: '注記', en: 'Annotations' },
  comment: { ja: 'コメント', en: 'Comment' },
  body: { ja: '本文', en: 'Text' },
  deadline: { ja: '締切', en: 'Deadline' },
  missingOpinions: { ja: '未記入の意見', en: 'Opinions not written' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  kind: { ja: '種類', en: 'Kind' },
  login: { ja: 'ログインID', en: 'Login' },
  displayName: { ja: '氏名', en: 'Name' },
  email: { ja: 'メール', en: 'Email' },
  roles: { ja: '役割', en: 'Roles' },
  departmentIds: { ja: '課（ID）', en: 'Departments (ids)' },
  departmentId: { ja: '担当課（ID）', en: 'Department (id)' },
  disabled: { ja: '無効', en: 'Disabled' },
  name: { ja: '名称', en: 'Name' },
  file: { ja: 'ファイル', en: 'File' },
  value: { ja: '値', en: 'Value' },
  demo: { ja: 'デモ', en: 'Demo' },
  planId: { ja: '計画（ID）', en: 'Plan (id)' },
  counts: { ja: '件数', en: 'Counts' },
  items: { ja: '項目数', en: 'Items' },
  reader: { ja: '読み取り方式', en: 'Reader' },
  warnings: { ja: '警告', en: 'Warnings' },
  unchanged: { ja: '前回と同じファイル', en: 'Same file as before' },
  mismatches: { ja: '報告書の集計との不一致', en: 'Mismatches with the report' },
  ratings: { ja: '評価', en: 'Ratings' },
  narratives: { ja: '記述', en: 'Narratives' },
  nodesPerTier: { ja: '階層ごとの項目数', en: 'Items per tier' },
  to: { ja: '宛先', en: 'To' },
  error: { ja: 'エラー', en: 'Error' },
};

const LONG = 40;

/** A value as text: lists joined, nested records as 「名前: 値」, statuses by their names. */
function textOf(value: unknown, key?: string, entity?: string, lang: Lang = 'ja'): string {
  if (value === null || value === undefined) return '';
  if (key === 'status' && typeof value === 'string') {
    const labels: Words = entity === 'round' ? ROUND_STATUS_LABELS : ENTRY_STATUS_LABELS;
    return labels[value]?.[lang] ?? value;
  }
  if (key === 'kind' && entity === 'round' && isRoundKind(value)) return roundKindLabel(value, lang);
  if (key === 'roles' && Array.isArray(value)) return value.map((r) => (isRole(r) ? ROLE_LABELS[r][lang] : String(r))).join('、');
  if (typeof value === 'boolean') return value ? t(lang, 'yes') : t(lang, 'no');
  if (Array.isArray(value)) return value.map((v) => textOf(v, undefined, entity, lang)).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${FIELD_WORDS[k]?.[lang] ?? k}: ${textOf(v, k, entity, lang)}`)
      .join('、');
  }
  return String(value);
}

/** The fields that differ between before and after, in the order they were written. */
export function auditChanges(v: Pick<AuditView, 'before' | 'after' | 'entity'>, lang: Lang): AuditChange[] {
  const asRecord = (x: unknown): Record<string, unknown> =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : x === null || x === undefined ? {} : { value: x };
  const before = asRecord(v.before);
  const after = asRecord(v.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const b = textOf(before[key], key, v.entity, lang);
    const a = textOf(after[key], key, v.entity, lang);
    if (b === a && (key in after || b === '')) continue;
    const only = v.before === null || v.before === undefined ? 'after' : v.after === null || v.after === undefined ? 'before' : undefined;
    changes.push({
      label: FIELD_WORDS[key]?.[lang] ?? key,
      before: b,
      after: a,
      long: b.length > LONG || a.length > LONG || /\n/.test(b + a),
      ...(only ? { only } : {}),
    });
  }
  return changes;
}

/** The changes as plain lines (the CSV's cell). */
export function auditChangesText(v: Pick<AuditView, 'before' | 'after' | 'entity'>, lang: Lang): string {
  const none = t(lang, 'none');
  return auditChanges(v, lang)
    .map((c) => (c.only ? `${c.label}: ${(c.only === 'after' ? c.after : c.before) || none}` : `${c.label}: ${c.before || none} → ${c.after || none}`))
    .join('\n');
}
