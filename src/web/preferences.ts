/**
 * What the reader chose: language (ja/en) and year style (和暦/西暦).
 * Taken from the query string first (so links can be shared), then a cookie.
 */
import type { EraStyle } from '../fiscal/fiscal-year.js';

export type Lang = 'ja' | 'en';

export interface Preferences {
  lang: Lang;
  era: EraStyle;
}

export const DEFAULT_PREFERENCES: Preferences = { lang: 'ja', era: 'wareki' };

export function readPreferences(query: Record<string, unknown> | undefined, cookies: Record<string, string | undefined> | undefined): Preferences {
  const pick = (key: string): string | undefined => {
    const q = query?.[key];
    if (typeof q === 'string') return q;
    return cookies?.[`hyoka_${key}`];
  };
  // Reading a choice, not choosing a word: anything but the other value is the default.
  const lang = pick('lang') === 'en' ? 'en' : 'ja';
  const era = pick('era') === 'seireki' ? 'seireki' : 'wareki';
  return { lang, era };
}
