/** The audit screens' words, Japanese first. */
import { defineMessages } from '../web/messages.js';

export const t = defineMessages({
  title: { ja: '監査ログ', en: 'Audit log' },
  intro: { ja: '計画・評価・記述・ワークフロー・利用者へのすべての変更の記録です（変更・削除はできません）。', en: 'Every change to plans, ratings, narratives, workflow and users. Entries cannot be changed or deleted.' },
  itemId: { ja: '項目ID', en: 'Item id' },
  actor: { ja: '利用者（ログインID）', en: 'User (login)' },
  roundId: { ja: '評価の回のID', en: 'Round id' },
  filter: { ja: '絞り込む', en: 'Filter' },
  exportCsv: { ja: 'CSVで書き出す', en: 'Export CSV' },
  caption: { ja: '変更の記録（新しい順、{count}件）', en: 'Changes, newest first ({count})' },
  when: { ja: '日時', en: 'When' },
  who: { ja: '利用者', en: 'Who' },
  action: { ja: '操作', en: 'Action' },
  what: { ja: '対象', en: 'What' },
  before: { ja: '変更前', en: 'Before' },
  after: { ja: '変更後', en: 'After' },
  itemLink: { ja: '項目 {id}', en: 'item {id}' },
  roundLink: { ja: '評価の回 {id}', en: 'round {id}' },
  older: { ja: 'さらに古い記録', en: 'Older entries' },
});
