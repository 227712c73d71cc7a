/** Links and labels every portal page builds the same way. */
import { fiscalYearLabel, longWareki, seirekiLabel } from '../../fiscal/fiscal-year.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { AuthorRole } from '../public-data.js';

/** A link that keeps the reader's language and year style. */
export function href(prefs: Preferences, path: string, query: Record<string, string> = {}): string {
  const base = withPreference(path, prefs, {});
  const extra = new URLSearchParams(query).toString();
  if (!extra) return base;
  return base.includes('?') ? `${base}&${extra}` : `${base}?${extra}`;
}

/** 令和4年度 / 2022年度 in Japanese; FY2022 (R4) / FY2022 in English. */
export function yearLong(fy: number, prefs: Preferences): string {
  if (prefs.lang === 'en') return `FY${fy}${prefs.era === 'wareki' ? ` (${fiscalYearLabel(fy, 'wareki')})` : ''}`;
  return prefs.era === 'wareki' ? longWareki(fy) : seirekiLabel(fy);
}

const ROLE_KEYS = { department: 'roleDepartment', division: 'roleDivision', expert: 'roleExpert' } as const;

/** Who wrote a text: the reviewing division by its own name when the published report gives one. */
export function roleLabel(role: AuthorRole, prefs: Preferences, divisionName?: string | null): string {
  if (role === 'division' && divisionName) return pt(prefs.lang, 'opinionOf', { who: divisionName });
  return pt(prefs.lang, ROLE_KEYS[role]);
}
