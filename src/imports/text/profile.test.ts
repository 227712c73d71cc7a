import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../parse-report.js';
import { ReportParseError, type ParsedReport, tableSections } from '../report-types.js';
import { chigasakiTextProfile, defaultTextProfile, type TextProfile } from './profile.js';

// Tests run with cwd = repo root.
const SEED = readFileSync('samples/chigasaki-r4-final-evaluation.txt', 'utf8');

/**
 * The seed as another city would word it: a different guide heading, tier sentence,
 * expert and division headings and department heading. The structure is unchanged,
 * so with the matching profile it must read to the same plan.
 */
function otherCityText(): string {
  return SEED.split('\n')
    .map((line) => (line === '評価要領' ? '評価の進め方' : line))
    .join('\n')
    .replace(
      '施策展開の柱、施策、事務事業及び事務事業細目の4つの階層構造をとっております。',
      '計画の体系は、施策展開の柱／施策／事務事業／事務事業細目の4層です。',
    )
    .replaceAll('進捗に係る学識経験者意見', '評価委員会からの意見')
    .replace(/事務事業の\s*R4\s*年度進捗（各課かい回答まとめ）/g, '所管課の取組状況')
    .replace(/進捗に(?:関する|係る)意見（デジタル推進課）/g, '所管課所見（デジタル推進課）');
}

const otherCityProfile: TextProfile = {
  ...chigasakiTextProfile,
  guideHeadings: new Set(['評価の進め方']),
  tierSentence: {
    marker: '層です',
    pattern: /体系は、([^。]*?)の([0-9０-９]+)層です/,
    subject: /^$/,
    separators: /／/,
    example: '基本目標／施策／事業の3層',
  },
  headings: {
    ...chigasakiTextProfile.headings,
    expertOpinion: { ending: /意見$/, role: /評価委員会/ },
    divisionOpinion: /所見[（(][^）)]+[）)]$/,
    departmentNarrative: [/取組状況$/],
  },
  roles: { department: '所管課', division: '所管課', expert: '評価委員会' },
};

/** What must not depend on the wording: the plan, the tree, the ratings and where each paragraph belongs. */
function substance(r: ParsedReport) {
  return {
    fiscalYear: r.fiscalYear,
    plan: r.plan,
    scale: r.scale,
    summary: r.reportedSummary.years,
    annotationKinds: r.annotationKinds,
    planOpinion: r.planExpertOpinion.map((p) => p.text),
    pillars: r.sections.map((p) => ({
      name: p.name,
      expertOpinion: p.expertOpinion.map((x) => x.text),
      measures: tableSections(p.sections).map(({ section, table: m }) => ({
        name: section.name,
        programs: m.programs.map((g) => ({ name: g.name, subItems: g.subItems.map((s) => ({ name: s.name, ratings: s.ratings })) })),
        narratives: m.departmentNarratives.map((n) => ({ text: n.text, target: n.target, mentions: n.mentions })),
        footnotes: m.annotationFootnotes.map((f) => ({ mark: f.mark, targets: f.targets })),
        divisionOpinion: m.divisionOpinion.map((x) => x.text),
      })),
    })),
  };
}

describe('text profile: the wording is data', () => {
  test('the default profile is the sample city’s', () => {
    assert.equal(defaultTextProfile, chigasakiTextProfile);
    assert.deepEqual(parseReport(SEED, chigasakiTextProfile), parseReport(SEED));
  });

  test('another city’s wording reads to the same plan with its profile', () => {
    const seed = parseReport(SEED);
    const other = parseReport(otherCityText(), otherCityProfile);
    assert.deepEqual(substance(other), substance(seed));
    assert.equal(other.planExpertOpinionHeading, '評価委員会からの意見');
    const first = other.sections[0]?.sections[0]?.table;
    assert.equal(first?.departmentNarrativeHeading, '所管課の取組状況');
    assert.equal(first?.divisionOpinionHeading, '所管課所見（デジタル推進課）');
    assert.equal(other.sections[0]?.expertOpinionHeading, '評価委員会からの意見');
  });

  test('the same text is refused under the default profile, at the guide heading it does not know', () => {
    assert.throws(
      () => parseReport(otherCityText()),
      (e: unknown) => e instanceof ReportParseError && e.message.includes('「評価要領」の見出しがありません'),
    );
  });

  test('errors name the parts in the profile’s words', () => {
    // The first measure's division heading in the default wording is not a heading this profile knows.
    const text = otherCityText().replace('所管課所見（デジタル推進課）', '進捗に関する意見（デジタル推進課）');
    const profile: TextProfile = { ...otherCityProfile, partNames: { ...otherCityProfile.partNames, divisionOpinion: '所管課所見（所管課）' } };
    assert.throws(
      () => parseReport(text, profile),
      (e: unknown) => e instanceof ReportParseError && e.message.includes('所管課所見（所管課）の見出しが必要です'),
    );
  });
});
