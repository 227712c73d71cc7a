/**
 * The vocabulary layer. Each domain keeps its UI words in one catalog
 * (`<domain>/messages.ts`) made with `defineMessages`, and translates with the
 * `t` it returns: `t(lang, key, vars)`. Japanese is written first; an English
 * entry is required, so a missing translation fails to compile.
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
