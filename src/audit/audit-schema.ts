/**
 * The audit page's filters (query string). An id or a date that does not fit is
 * ignored, as if not given (and the date field says so); what was typed is kept.
 */
import { z } from 'zod';
import { formText } from '../web/forms.js';
import type { AuditFilter } from './audit-queries.js';

/** What the reader typed, kept for the filter form and the paging links. */
export interface AuditQuery {
  item: string;
  code: string;
  actor: string;
  department: string;
  action: string;
  from: string;
  to: string;
  round: string;
  before: string;
}

export const AUDIT_QUERY_KEYS = ['item', 'code', 'actor', 'department', 'action', 'from', 'to', 'round', 'before'] as const;

const trimmed = () => formText(200).transform((v) => v.trim());
const optionalId = (v: string) => (/^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as typed (2026-04-01, also 2026/4/1), or undefined when it is not one. */
export function calendarDay(v: string): string | undefined {
  const m = DATE.exec(v.replaceAll('/', '-').replace(/-(\d)(?=-|$)/g, '-0$1'));
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

export const auditQuerySchema = z
  .object({
    item: trimmed(),
    code: trimmed(),
    actor: trimmed(),
    department: trimmed(),
    action: trimmed(),
    from: trimmed(),
    to: trimmed(),
    round: trimmed(),
    before: trimmed(),
  })
  .transform((query: AuditQuery) => {
    const filter: AuditFilter = {};
    const ids = {
      itemId: optionalId(query.item),
      roundId: optionalId(query.round),
      beforeId: optionalId(query.before),
      departmentId: optionalId(query.department),
    };
    for (const [key, value] of Object.entries(ids)) if (value !== undefined) filter[key as keyof typeof ids] = value;
    if (query.code) filter.itemCode = query.code.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (query.actor) filter.actor = query.actor;
    if (query.action) filter.action = query.action;
    const from = calendarDay(query.from);
    const to = calendarDay(query.to);
    if (from) filter.fromDate = from;
    if (to) filter.toDate = to;
    const badDates = [...(query.from && !from ? ['from'] : []), ...(query.to && !to ? ['to'] : [])];
    return { filter, query, badDates };
  });
