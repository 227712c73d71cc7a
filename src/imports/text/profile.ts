/**
 * The wording of one municipality's published report, as plain data: the phrases and
 * patterns the section readers look for. Structure (blocks, tables, the order of the
 * parts) is the readers' job; how a city words its headings, roles, tier sentence
 * and plan facts is the profile's. A new city's report is read by passing its own
 * profile (usually the default with a few fields replaced).
 *
 * Patterns are compiled once here: regex compilation dominates a cold parse.
 */
import { YEAR_LABEL } from './years.js';

export interface TextProfile {
  /** Headings that end the title lines and open the guide (評価要領). */
  guideHeadings: ReadonlySet<string>;
  title: {
    /** The round in brackets on a title line; group 1 is the round's name ("最終評価"). */
    round: RegExp;
    /** The report title's ending ("…報告書"). */
    reportTitle: RegExp;
    /** Plan name and report title written without a space; groups 1 and 2. */
    planThenTitle: RegExp;
  };
  /** Words that tell the kind of a round: in a title ("最終評価") and in prose ("中間評価を実施"). */
  roundWords: { final: string; midterm: string; evaluation: string };
  tierSentence: {
    /** A cheap test before `pattern`: most paragraphs are not the tier sentence. */
    marker: string;
    /** Group 1: the list of tier names; group 2: the stated count (digits or a kanji numeral). */
    pattern: RegExp;
    /** The sentence's subject before the list ("本計画は"), removed. */
    subject: RegExp;
    /** Separators between tier names in the list. */
    separators: RegExp;
    /** Shown when the sentence is missing. */
    example: string;
  };
  headings: {
    /** The external expert's opinion: a heading matching both ("進捗に係る学識経験者意見"). */
    expertOpinion: { ending: RegExp; role: RegExp };
    /** A division's opinion with the division in brackets ("進捗に関する意見（デジタル推進課）"). */
    divisionOpinion: RegExp;
    /** The departments' own reports ("事務事業のR4年度進捗（各課かい回答まとめ）"): any of these. */
    departmentNarrative: readonly RegExp[];
    /** A closing section after the last measure ("○令和5年度以降の取組みについて"). */
    closing: RegExp;
    /** A caption right above a table ("表：平成29～令和4年度の各事業の評価"). */
    tableCaption: RegExp;
    /** A numbered guide section ("1 茅ヶ崎市地域情報化計画について"); groups 1 (number) and 2 (title). */
    guideSection: RegExp;
  };
  /** Who writes each kind of narrative, as the city calls them. */
  roles: {
    /** The departments that report on their own programs ("各課"). */
    department: string;
    /** The division that reviews a measure ("担当課"; elsewhere 所管課). */
    division: string;
    /** The outside reviewer ("学識経験者"; elsewhere 有識者, 外部評価委員). */
    expert: string;
  };
  /** How errors name the parts when they are missing (the readers' words for the reader). */
  partNames: {
    guide: string;
    expertOpinion: string;
    departmentNarrative: string;
    divisionOpinion: string;
    planWideOpinion: string;
  };
  scale: {
    /** The scale's name is the term before this phrase in the guide ("評点式評価の評価基準"). */
    nameBefore: string;
    defaultName: string;
    /** Added to the scale when its table does not list the not-evaluated mark "—". */
    notEvaluated: { label: string; criteria: string };
    /** First cells of a summary table's total row. */
    totalLabels: ReadonlySet<string>;
  };
  footnote: {
    /** "※…・・・": group 1 the mark, group 2 the meaning. */
    lead: RegExp;
    /** A line listing the items a footnote applies to. */
    item: RegExp;
  };
  planFacts: {
    predecessor: RegExp;
    adopted: RegExp;
    period: RegExp;
    extendedUntil: RegExp;
    extendedBy: RegExp;
    /** The year a sentence's decision was made in ("令和2年度には…"). */
    decidedIn: RegExp;
    /** Global: each "…として位置付け" in a sentence. */
    designation: RegExp;
    /** Global: each "…年度に中間評価を実施"; group 1 the year, group 2 the round's word. */
    roundHeld: RegExp;
    /** Between a year and a round's word when the text says what the round covered ("…年度までの内容を中間評価"). */
    roundCoverageLink: string;
    /** Tried in order on the closing section and the plan-wide opinion; group 1 the successor's name. */
    successor: readonly RegExp[];
  };
  annotations: {
    /** The guide names a mark as "※印". */
    markSuffix: string;
    /** A sentence that refers back to the one before ("これらは※印にて…"). */
    refersBack: RegExp;
  };
  /** A last line that ends the document without a full stop ("以上"). */
  documentEnd: RegExp;
}

const chigasakiRoles: TextProfile['roles'] = { department: '各課', division: '担当課', expert: '学識経験者' };

/** Chigasaki City's 事務事業進捗状況評価結果報告書 (the sample report). */
export const chigasakiTextProfile: TextProfile = {
  guideHeadings: new Set(['評価要領', '評価方法']),
  title: {
    round: /[（(]([^）)]*評価)[）)]/,
    reportTitle: /報告書?$/,
    planThenTitle: /^(.+?(?:計画|プラン|方針|戦略|ビジョン))(.+報告書?)$/,
  },
  roundWords: { final: '最終', midterm: '中間', evaluation: '評価' },
  tierSentence: {
    marker: 'つの階層',
    pattern: /([^。]*?)の([0-9０-９]+|[一二三四五六七八九十])つの階層/,
    subject: /^(?:本|当|この)[^、]*?は/,
    separators: /、|，|及び|および|並びに|ならびに/,
    example: '施策展開の柱、施策、事務事業及び事務事業細目の4つの階層構造',
  },
  headings: {
    expertOpinion: { ending: /意見$/, role: /学識|有識|外部|専門家/ },
    divisionOpinion: /意見[（(][^）)]+[）)]$/,
    departmentNarrative: [/年度進捗/, /回答まとめ/],
    closing: /^[○◯●◎■□◆◇]/,
    tableCaption: /^表[0-9０-９\-－]*[：:]/,
    guideSection: /^[\s\u3000]*([0-9０-９]{1,2})[\s\u3000.．、)）]+(\S.*)$/,
  },
  roles: chigasakiRoles,
  partNames: {
    guide: '評価要領',
    expertOpinion: `${chigasakiRoles.expert}意見`,
    departmentNarrative: `${chigasakiRoles.department}の年度進捗（回答まとめ）`,
    divisionOpinion: `進捗に関する意見（${chigasakiRoles.division}）`,
    planWideOpinion: '全体の意見',
  },
  scale: {
    nameBefore: 'の評価基準',
    defaultName: '評点',
    notEvaluated: { label: '評価対象外', criteria: '事業終了等により評価を行わないもの' },
    totalLabels: new Set(['合計', '計', '総計', '総数', '全体']),
  },
  footnote: {
    lead: /^([※＊*†‡][0-9０-９]*)(.+?)(?:・・・|･･･|…+|：|:)$/,
    item: /^(?:「[^」]+」[、，,・\s]*)+[。]?$|^[・･]\S/,
  },
  planFacts: {
    predecessor: /「([^」]+)」の後継/,
    adopted: new RegExp(`(${YEAR_LABEL})に策定`),
    period: new RegExp(`(${YEAR_LABEL})から(${YEAR_LABEL})まで`),
    extendedUntil: new RegExp(`(${YEAR_LABEL})まで(?:計画期間を)?延長`),
    extendedBy: /([0-9０-９]+)年(?:間)?(?:の)?延長/,
    decidedIn: new RegExp(`(${YEAR_LABEL})(?:に|には|において|中に)`),
    designation: /として(?:位置付け|位置づけ|指定)/g,
    roundHeld: new RegExp(`(${YEAR_LABEL})に(中間評価|最終評価|[^、。]{0,8}評価)を実施`, 'g'),
    roundCoverageLink: 'までの[^。]*?',
    successor: [/以降[^。]*?「([^」]+)」に基づ/, /後継(?:として|となる)「([^」]+)」/],
  },
  annotations: { markSuffix: '印', refersBack: /^これら/ },
  documentEnd: /以上$/,
};

/** The profile used when the caller names none: the sample city's. */
export const defaultTextProfile: TextProfile = chigasakiTextProfile;
