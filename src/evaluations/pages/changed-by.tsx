/** Who changed something last, in which department, and when: every "last changed" says all three. */
import { ROLE_LABELS, isRole } from '../../auth/roles.js';
import type { Preferences } from '../../web/preferences.js';
import { formatDateTime } from '../../web/ui/date-time.js';
import { t } from '../messages.js';

export interface ChangedBy {
  updatedBy: string | null;
  /** Department names, or `role:<role>` for a person who belongs to no department. */
  updatedByUnit: string | null;
  updatedAt: Date | string | null;
}

/** 「防災対策課 田中」: the unit first, unless the name already says it. */
export function personWithUnit(name: string, unit: string | null, lang: Preferences['lang']): string {
  const role = unit?.startsWith('role:') ? unit.slice('role:'.length) : undefined;
  const unitName = role !== undefined ? (isRole(role) ? ROLE_LABELS[role][lang] : role) : unit;
  return unitName && !name.includes(unitName) ? `${unitName} ${name}` : name;
}

/** 「防災対策課 田中（令和8年12月10日 14:05）」; only the time when nobody is recorded. */
export function changedByText(c: ChangedBy, prefs: Preferences): string {
  const when = formatDateTime(c.updatedAt, prefs);
  if (!c.updatedBy) return when;
  return t(prefs.lang, 'changedBy', { who: personWithUnit(c.updatedBy, c.updatedByUnit, prefs.lang), when });
}
