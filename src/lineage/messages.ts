/** The lineage domain's words, Japanese first. Plan and item names and codes are data. */
import { defineMessages } from '../web/messages.js';

export const lineageMessages = {
  title: { ja: '計画の引き継ぎ（後継計画の対応づけ）', en: 'Plan lineage (successor mapping)' },
  intro: {
    ja: '後継計画の項目が前計画のどの項目を引き継ぐかを登録します。1行に1つ：種別（引き継ぎ・統合・分割・終了・新規）、前計画の番号、後継計画の番号。保存すると、その後継計画の対応づけ全体を置き換えます。問題が1つでもあれば何も変更しません。',
    en: 'Map the items of a successor plan to those of its predecessor. One row each: kind (carried over, merged into, split into, ended, new), predecessor code, successor code. Saving replaces the whole mapping of that successor; nothing changes if any row has a problem.',
  },
  successor: { ja: '後継計画', en: 'Successor plan' },
  predecessor: { ja: '前計画', en: 'Predecessor plan' },
  csv: { ja: '対応づけ（CSV：種別,前計画の番号,後継計画の番号）', en: 'Mapping (CSV: kind, predecessor code, successor code)' },
  csvHint: {
    ja: '1行目は見出し「種別,前計画の番号,後継計画の番号」。例：引き継ぎ,1.2.2.1,1.1',
    en: 'The first line is the header 種別,前計画の番号,後継計画の番号 (or kind,predecessor_code,successor_code).',
  },
  choose: { ja: '選んでください', en: 'Choose' },
  save: { ja: '保存する', en: 'Save' },
  saved: { ja: '対応づけを保存しました。', en: 'The mapping was saved.' },
  current: { ja: '登録済みの対応づけ', en: 'Current mappings' },
  none: { ja: '対応づけはまだありません。', en: 'No mapping yet.' },
  mappingCaption: { ja: '{from} → {to}：項目の対応（{count}行）', en: '{from} → {to}: item mapping ({count} rows)' },
  kind: { ja: '種別', en: 'Kind' },
  fromItem: { ja: '前計画の項目', en: 'Predecessor item' },
  toItem: { ja: '後継計画の項目', en: 'Successor item' },
  compareCaption: {
    ja: '引き継いだ項目（{count}件）だけで比べた評価（前計画・後継計画それぞれの評価尺度）',
    en: 'Ratings of the carried-over items only ({count}), each plan on its own scale',
  },
  side: { ja: '計画', en: 'Plan' },
  year: { ja: '年度', en: 'Year' },
  rated: { ja: '評価した件数', en: 'Rated' },
  achieved: { ja: '達成', en: 'Achieved' },
  rate: { ja: '達成率', en: 'Rate' },
  boundary: { ja: '計画の切り替わり', en: 'Plan boundary' },
  problems: { ja: '問題', en: 'Problems' },
} as const;

export const lt = defineMessages(lineageMessages);
