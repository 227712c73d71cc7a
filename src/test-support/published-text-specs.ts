/**
 * Two plans in the published report's layout at other depths than the sample's:
 * five tiers (three heading tiers) and three tiers (one heading tier), for the
 * reader's tests. Names and ratings are made up; the shape follows the sample.
 */
import type { PublishedTextSpec } from './published-text.js';

/** A sub-item and its printed cells, one a year, as they read in the table (blank-separated). */
const sub = (name: string, cells: string) => ({ name, cells: cells.split(' ') });

/** A program and its sub-items. */
const program = (name: string, ...subItems: ReturnType<typeof sub>[]) => ({ name, subItems });

const FIVE_TIERS = ['基本目標', '政策', '基本施策', '施策', '事務事業'];

/** 基本目標 2, 政策 3, 基本施策 4, 施策 6, 事務事業 8; years R3–R5; one ※ footnote; expert opinions on two tiers, a division opinion on a 政策. */
export const fiveTierSpec: PublishedTextSpec = {
  planName: '海辺市総合計画',
  fiscalYear: 2023,
  years: [2021, 2022, 2023],
  tiers: FIVE_TIERS,
  planOpinion: ['計画全体として目標の達成は順調である。', '一方で、停滞している事業については見直しが必要である。'],
  parts: [
    {
      name: '安心して暮らせるまち',
      coverPage: true,
      expertOpinion: ['防災分野の取組は着実に進んでいる。'],
      parts: [
        {
          name: '防災力の向上',
          parts: [
            {
              name: '災害情報の共有',
              table: {
                programs: [
                  program('防災情報システムの運用', sub('防災情報システムの安定運用', 'A A A'), sub('避難所情報の電子化', 'B B※ A')),
                  program('防災アプリの提供', sub('防災アプリの配信', 'A A A')),
                ],
                narratives: [
                  '「防災情報システムの運用」については、システムを停止することなく運用した。',
                  '避難所情報の電子化については、感染症の影響で遅れたが令和5年度に完了した。',
                  '「防災アプリの提供」については、新しい版のアプリを配信した。',
                ],
                footnote: { mark: '※', meaning: '新型コロナウイルス感染症の影響もありB評価となった事務事業', items: ['避難所情報の電子化'] },
                divisionOpinion: ['引き続き安定した運用に努めたい。'],
              },
            },
            {
              name: '地域の見守り',
              table: {
                programs: [program('見守りサービスの推進', sub('見守りセンサーの設置', 'B B A'), sub('見守り情報の共有', 'C B B'))],
                narratives: ['「見守りサービスの推進」については、センサーの設置を進めた。'],
                divisionOpinion: ['情報の共有については関係課と調整を進めたい。', '見守りの担い手の確保も課題である。'],
              },
            },
          ],
        },
        {
          name: '健康づくりの推進',
          expertOpinion: ['健診の電子化は利用者の利便性を高めた。'],
          parts: [
            {
              name: '健診の電子化',
              table: {
                programs: [program('健診予約の電子化', sub('オンライン予約の導入', 'A A A')), program('健診結果の通知', sub('結果のオンライン通知', '— — —'))],
                narratives: ['「健診予約の電子化」については、予約の多くがオンラインとなった。', '「健診結果の通知」については、事業を終了している。'],
                divisionOpinion: ['予約の電子化は定着した。'],
              },
            },
          ],
        },
      ],
    },
    {
      name: '活力あるまち',
      parts: [
        {
          name: '産業の振興',
          expertOpinion: ['商店街の支援は成果を上げている。'],
          divisionOpinion: ['産業分野の取組は全体として順調である。'],
          parts: [
            {
              name: '商店街の支援',
              table: {
                programs: [program('キャッシュレス決済の普及', sub('キャッシュレス決済の導入支援', 'B A A'))],
                narratives: ['「キャッシュレス決済の普及」については、導入した店舗が増えた。'],
                divisionOpinion: ['今後も商店街と連携していく。'],
              },
            },
          ],
        },
      ],
    },
  ],
  closing: { heading: '○令和6年度以降の取組みについて', paragraphs: ['次期計画に基づき取り組みます。'] },
};

/** 施策 2, 事務事業 3, 事務事業細目 4; years R3–R4; expert opinions on the heading tier. */
export const threeTierSpec: PublishedTextSpec = {
  planName: '山手町情報化計画',
  fiscalYear: 2022,
  years: [2021, 2022],
  tiers: ['施策', '事務事業', '事務事業細目'],
  planOpinion: ['おおむね目標を達成している。'],
  parts: [
    {
      name: '行政手続のオンライン化',
      expertOpinion: ['手続の電子化は順調である。'],
      table: {
        programs: [program('電子申請の拡充', sub('申請手続の電子化', 'A A'), sub('手数料のキャッシュレス化', 'B A'))],
        narratives: ['「電子申請の拡充」については、対象の手続を増やした。', '手数料のキャッシュレス化については、窓口での決済を開始した。'],
        divisionOpinion: ['引き続き対象の手続を増やしたい。'],
      },
    },
    {
      name: '情報セキュリティの確保',
      coverPage: true,
      table: {
        programs: [program('セキュリティ研修', sub('職員研修の実施', 'A A')), program('監査の実施', sub('外部監査の実施', 'B B'))],
        narratives: ['「セキュリティ研修」については、全職員が受講した。', '「監査の実施」については、監査の範囲を見直している。'],
        divisionOpinion: ['監査の範囲の見直しを急ぎたい。'],
      },
    },
  ],
};
