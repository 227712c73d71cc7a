/**
 * What `hyoka report` runs once the store is open (./report-command.ts registers the
 * command without loading this: the queries and renderers load while the store starts).
 */
import type { Db } from '../db/db.js';
import { invalidInput } from '../errors.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { parseInput } from '../web/forms.js';
import { t } from './messages.js';
import { loadReportModel } from './report-queries.js';
import { reportOptionsSchema, type ReportOptions } from './report-schema.js';
import { renderReport, reportFileName, writeFileAtomic } from './render-report.js';

export interface ReportCommandOptions {
  plan?: string | undefined;
  year: string;
  kind?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  era?: string | undefined;
}

/** Resolves the options to what to generate; an invalid-input AppError names the first wrong option. */
export function parseReportOptions(opts: ReportCommandOptions): ReportOptions {
  const parsed = parseInput(reportOptionsSchema, opts);
  if (!parsed.ok) throw invalidInput(Object.values(parsed.errors)[0] ?? '', { fields: parsed.errors });
  return parsed.value;
}

/** Runs the command; returns the path written. */
export async function runReport(db: Db, opts: ReportCommandOptions): Promise<string> {
  const { fiscalYear, kind, format, era } = parseReportOptions(opts);
  const plan = await resolvePlan(db, opts.plan);
  const model = await loadReportModel(db, plan.slug, fiscalYear, kind);
  const out = opts.out ?? reportFileName(model, format, era);
  await writeFileAtomic(out, () => renderReport(model, format, { era }));
  return out;
}

/** The line printed once the file is written. */
export const reportWritten = (out: string): string => t('ja', 'created', { path: out });
