/** The audit log as CSV, safe to open in a spreadsheet. */
import { stringify } from 'csv-stringify/sync';
import { SPREADSHEET_SAFE_CSV } from '../web/spreadsheet-safe.js';
import type { AuditRecord } from './audit-log.js';

/** A before/after value as one cell (or the page's column): JSON, empty when absent. */
export function auditJson(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

const HEADER = ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'plan_id', 'round_id', 'item_id', 'before', 'after'];

export function auditCsv(rows: readonly AuditRecord[]): string {
  const cells = rows.map((r) => [r.id, new Date(r.at).toISOString(), r.actor, r.action, r.entity, r.entityId ?? '', r.planId ?? '', r.roundId ?? '', r.itemId ?? '', auditJson(r.before), auditJson(r.after)]);
  // BOM so that Excel opens the UTF-8 file with the right encoding.
  return '\ufeff' + stringify([HEADER, ...cells], SPREADSHEET_SAFE_CSV);
}
