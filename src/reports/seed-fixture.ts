/**
 * Test support: the seed imported into a fresh test database, and what the source
 * text itself says (read by the importer's parser, independent of the store), so
 * tests compare every generated format with the published report.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import type { Db } from '../db/db.js';
import { createTestDb, type Engine } from '../db/test-db.js';
import { importReportFile } from '../imports/import-report.js';
import { parseReport } from '../imports/parse-report.js';
import { loadReportModel, type ReportModel } from './report-model.js';

export interface SourceFacts {
  subItems: { name: string; ratings: { fiscalYear: number; code: string; marks: string[] }[] }[];
  /** Every narrative paragraph in document order (plan, pillar, measure: department, division). */
  paragraphs: string[];
  guideParagraphs: string[];
  closingParagraphs: string[];
}

export function sourceFacts(): SourceFacts {
  const parsed = parseReport(readFileSync(SAMPLE_REPORT, 'utf8'));
  const subItems = parsed.pillars.flatMap((p) => p.measures.flatMap((m) => m.programs.flatMap((g) => g.subItems.map((s) => ({ name: s.name, ratings: s.ratings })))));
  const paragraphs = [
    ...parsed.planExpertOpinion.map((x) => x.text),
    ...parsed.pillars.flatMap((p) => [
      ...p.expertOpinion.map((x) => x.text),
      ...p.measures.flatMap((m) => [...m.departmentNarratives.map((x) => x.text), ...m.divisionOpinion.map((x) => x.text)]),
    ]),
  ];
  return {
    subItems,
    paragraphs,
    guideParagraphs: parsed.guide.flatMap((g) => g.paragraphs.map((x) => x.text)),
    closingParagraphs: parsed.closing?.paragraphs.map((x) => x.text) ?? [],
  };
}

export { SEED_SUMMARY } from '../imports/seed-figures.js';

export async function seededDb(engine: Engine = 'pglite'): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const t = await createTestDb(engine);
  await importReportFile(t.db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
  return t;
}

export async function seedModel(engine: Engine = 'pglite'): Promise<{ db: Db; model: ReportModel; cleanup: () => Promise<void> }> {
  const t = await seededDb(engine);
  const model = await loadReportModel(t.db, SAMPLE_PLAN_SLUG, 2022, 'final');
  return { ...t, model };
}
