/**
 * The vocabulary layer. Each domain keeps its UI words in one locale file,
 * `<domain>/messages.json` (`{ "key": { "ja": "…", "en": "…" } }`), which its
 * `<domain>/messages.ts` imports and hands to `defineMessages`; the domain
 * translates with the `t` that returns: `t(lang, key, vars)`. Keys are checked
 * against the file when compiling. Japanese is written first; an English entry is
 * required, so an entry without `en` fails to compile. (An incremental build may
 * keep reporting an error a catalog file caused after the file is fixed; removing
 * dist/ or dist-test/ clears it.)
 * Municipal words — the reviewing division's name, round kinds, role titles,
 * tier names — are data (plan and site vocabulary), never entries here.
 */
import type { Lang } from './preferences.js';

export interface Message {
  ja: string;
  en: string;
}

export type Catalog = Record<string, Message>;

export type Translate<C extends Catalog> = (lang: Lang, key: keyof C & string, vars?: Readonly<Record<string, string | number>>) => string;

/** Replaces `{name}` placeholders; an unknown name stays visible so the gap is noticed. */
export function fill(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}

export function defineMessages<C extends Catalog>(catalog: C): Translate<C> {
  return (lang, key, vars) => fill(catalog[key]![lang], vars);
}
