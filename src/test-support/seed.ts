/**
 * The seed (the sample report) for tests: imported into a fresh test database, its
 * own published summary, and what the source text itself says (read by the importer's
 * parser, independent of the store), so tests compare every generated format and
 * every import with the published report.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import type { Db } from '../db/db.js';
import { createTestDb, type Engine, type TestDb } from './db.js';
import { suiteDb } from './suite-db.js';
import { importReportFile } from '../imports/import-report.js';
import { parseReport } from '../imports/parse-report.js';
import { type ParsedTierSection, tableSections } from '../imports/report-types.js';
import type { ReportModel } from '../reports/report-model.js';
import { loadReportModel } from '../reports/report-queries.js';

export interface SourceFacts {
  subItems: { name: string; ratings: { fiscalYear: number; code: string; marks: string[] }[] }[];
  /** Every narrative paragraph in document order (plan, then each heading part: expert, department, division). */
  paragraphs: string[];
  guideParagraphs: string[];
  closingParagraphs: string[];
}

export function sourceFacts(): SourceFacts {
  const parsed = parseReport(readFileSync(SAMPLE_REPORT, 'utf8'));
  const subItems = tableSections(parsed.sections).flatMap(({ table }) =>
    table.programs.flatMap((g) => g.subItems.map((s) => ({ name: s.name, ratings: s.ratings }))),
  );
  const sectionParagraphs = (s: ParsedTierSection): string[] => [
    ...s.expertOpinion.map((x) => x.text),
    ...(s.divisionOpinion ?? []).map((x) => x.text),
    ...(s.table ? [...s.table.departmentNarratives.map((x) => x.text), ...s.table.divisionOpinion.map((x) => x.text)] : []),
    ...s.sections.flatMap(sectionParagraphs),
  ];
  const paragraphs = [...parsed.planExpertOpinion.map((x) => x.text), ...parsed.sections.flatMap(sectionParagraphs)];
  return {
    subItems,
    paragraphs,
    guideParagraphs: parsed.guide.flatMap((g) => g.paragraphs.map((x) => x.text)),
    closingParagraphs: parsed.closing?.paragraphs.map((x) => x.text) ?? [],
  };
}

/** The sample report's own published summary (DOMAIN.md), H29–R4, written down once. */
export const SEED_SUMMARY: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  2017: { A: 59, B: 19, C: 4, '—': 1 },
  2018: { A: 56, B: 23, C: 1, '—': 3 },
  2019: { A: 65, B: 14, C: 0, '—': 4 },
  2020: { A: 68, B: 11, C: 0, '—': 4 },
  2021: { A: 72, B: 6, C: 0, '—': 5 },
  2022: { A: 73, B: 5, C: 0, '—': 5 },
};

/** The five sub-items rated B in R4 and in every year shown before (the expert's "停滞気味"). */
export const SEED_B_EVERY_YEAR: readonly string[] = [
  '全庁型地理情報システムの普及及び活用',
  '研修事務手続きにおけるイントラネットシステムの活用の検討',
  '納品手続きの電子化',
  '複合機のオンライン管理',
  '災害情報の管理システムの導入検討',
];

/** A test database with the seed imported as plan `SAMPLE_PLAN_SLUG`. */
export async function seededDb(engine: Engine = 'pglite'): Promise<TestDb> {
  const t = await createTestDb(engine);
  await importReportFile(t.db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
  return t;
}

/**
 * For a suite whose tests share one seeded store: registers the hooks that open it before
 * the tests and close it after. Its `db` is read inside tests and hooks only.
 */
export function seededDbForSuite(engine: Engine): { readonly db: Db } {
  return suiteDb(() => seededDb(engine));
}

export async function seedModel(engine: Engine = 'pglite'): Promise<{ db: Db; model: ReportModel; cleanup: () => Promise<void> }> {
  const t = await seededDb(engine);
  const model = await loadReportModel(t.db, SAMPLE_PLAN_SLUG, 2022, 'final');
  return { ...t, model };
}
