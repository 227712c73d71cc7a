/**
 * The audit log as CSV, safe to open in a spreadsheet: times in Japan time with their
 * offset (+09:00), the entry as a sentence and its changes as readable lines; the raw
 * before/after values stay in the last two columns for whoever processes the file.
 */
import { stringify } from 'csv-stringify/sync';
import { SPREADSHEET_SAFE_CSV } from '../web/spreadsheet-safe.js';
import { isoJapan } from '../web/ui/date-time.js';
import type { Preferences } from '../web/preferences.js';
import { auditChangesText, auditSentence } from './audit-describe.js';
import type { AuditView } from './audit-queries.js';

/** A before/after value as one cell: JSON, empty when absent. */
export function auditJson(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

const HEADER = {
  ja: ['ID', '日時', 'ログインID', '氏名', '課', '操作', '内容', '項目番号', '評価の回ID', '変更の内容', '変更前（データ）', '変更後（データ）'],
  en: ['id', 'at', 'login', 'name', 'departments', 'action', 'what happened', 'item number', 'round id', 'changes', 'before (data)', 'after (data)'],
};

export function auditCsv(rows: readonly AuditView[], prefs: Preferences): string {
  const cells = rows.map((r) => [
    r.id,
    isoJapan(r.at),
    r.actor,
    r.actorName ?? '',
    r.actorDepartments.join('・'),
    r.action,
    auditSentence(r, prefs),
    r.itemCode ?? '',
    r.roundId ?? '',
    auditChangesText(r, prefs.lang),
    auditJson(r.before),
    auditJson(r.after),
  ]);
  // BOM so that Excel opens the UTF-8 file with the right encoding.
  return '\ufeff' + stringify([HEADER[prefs.lang], ...cells], SPREADSHEET_SAFE_CSV);
}
