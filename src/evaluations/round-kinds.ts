/**
 * The kinds of evaluation round and their names, defined once: the workflow screens,
 * the report and the importer all speak of rounds with these words.
 */
import type { Message } from '../web/messages.js';
import type { Lang } from '../web/preferences.js';

export const ROUND_KINDS = ['yearly', 'midterm', 'final'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const ROUND_KIND_LABELS: Readonly<Record<RoundKind, Message>> = {
  yearly: { ja: '年度評価', en: 'Yearly' },
  midterm: { ja: '中間評価', en: 'Midterm' },
  final: { ja: '最終評価', en: 'Final' },
};

/** The kind's name; Japanese unless the reader chose English (the report is always Japanese). */
export function roundKindLabel(kind: RoundKind, lang: Lang = 'ja'): string {
  return ROUND_KIND_LABELS[kind][lang];
}

export function isRoundKind(value: unknown): value is RoundKind {
  return typeof value === 'string' && (ROUND_KINDS as readonly string[]).includes(value);
}
