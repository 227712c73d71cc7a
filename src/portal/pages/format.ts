/** Links and labels every portal page builds the same way. */
import { fiscalYearLabel, longWareki, seirekiLabel } from '../../fiscal/fiscal-year.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { ROLE_LABELS } from '../../auth/roles.js';
import type { AuthorRole, PublicDataset } from '../public-data.js';

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

/** "デジタル推進課の意見": who wrote, as the plan names them, else the generic title. */
export function roleLabel(role: AuthorRole, prefs: Preferences, data: Pick<PublicDataset, 'roleNames'>): string {
  return pt(prefs.lang, ROLE_KEYS[role], { name: data.roleNames[role] ?? ROLE_LABELS[role][prefs.lang] });
}
