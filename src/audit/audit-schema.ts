/** The audit page's filters (query string). An id that is not a positive number is ignored, as if not given. */
import { z } from 'zod';
import { formText } from '../web/forms.js';
import type { AuditFilter } from './audit-queries.js';

/** What the reader typed, kept for the filter form and the paging links. */
export interface AuditQuery {
  item: string;
  actor: string;
  round: string;
  before: string;
}

const trimmed = () => formText().transform((v) => v.trim());
const optionalId = (v: string) => (/^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined);

export const auditQuerySchema = z
  .object({ item: trimmed(), actor: trimmed(), round: trimmed(), before: trimmed() })
  .transform((query: AuditQuery) => {
    const filter: AuditFilter = {};
    const item = optionalId(query.item);
    const round = optionalId(query.round);
    const before = optionalId(query.before);
    if (item !== undefined) filter.itemId = item;
    if (round !== undefined) filter.roundId = round;
    if (before !== undefined) filter.beforeId = before;
    if (query.actor) filter.actor = query.actor;
    return { filter, query };
  });
