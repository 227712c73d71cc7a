/**
 * The audit log in words: each entry as one sentence (「防災対策課 田中 が 1.2.2.1 災害情報…
 * の評価を B→A に変更」) and its before/after as readable field changes, never raw JSON.
 * Plain functions over an AuditView; the page and the CSV both use them. The words
 * (system actors, records, verbs, actions, fields) are locale data in audit-words.json.
 */
import { ROLE_LABELS, isRole } from '../auth/roles.js';
import { ENTRY_STATUS_LABELS, ROUND_STATUS_LABELS } from '../evaluations/workflow.js';
import { isRoundKind, roundKindLabel } from '../evaluations/round-kinds.js';
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import type { Preferences } from '../web/preferences.js';
import type { AuditView } from './audit-queries.js';
import { t } from './messages.js';
import words from './audit-words.json' with { type: 'json' };

type Lang = Preferences['lang'];
type Words = Record<string, { ja: string; en: string }>;

/** Processes that write without a person (imports, demo data, reminders). */
const SYSTEM_ACTORS: Words = words.systemActors;

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

const ENTITY_WORDS: Words = words.entities;

/** The verb of an entry, by "entity action" first, then by action alone. */
const VERBS: Words = words.verbs;

/** Words of the actions, for the filter's choices. */
export function actionLabel(action: string, lang: Lang): string {
  return ACTION_WORDS[action]?.[lang] ?? action;
}

const ACTION_WORDS: Words = words.actions;

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

const FIELD_WORDS: Words = words.fields;

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
