/**
 * Input of the reports domain, parsed with zod: the path and query of the report
 * routes and the options of `hyoka report`. Every message names what was given and
 * what is accepted. (The JSON Schema of the report itself is report-json-schema.ts.)
 */
import { extname } from 'node:path';
import { z } from 'zod';
import { FiscalYearError, parseFiscalYear, requireFiscalYear, type EraStyle } from '../fiscal/fiscal-year.js';
import type { RoundKind } from '../evaluations/round-kinds.js';
import { t } from './messages.js';
import { isRoundKind } from '../evaluations/round-kinds.js';
import { REPORT_FORMATS, isReportFormat, type ReportFormat } from './render-report.js';

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** `?kind=final|midterm|yearly`; empty or absent means "the preferred round of the year". */
const roundKind = z.preprocess(firstValue, z.string().optional()).transform((kind, ctx): RoundKind | undefined => {
  if (kind === undefined || kind === '') return undefined;
  if (isRoundKind(kind)) return kind;
  ctx.addIssue({ code: 'custom', message: t('ja', 'badKind', { kind }) });
  return z.NEVER;
});

/** `2022`, `R4.pdf`, `令和4年度.docx`: the year, and the format of a download (none for the page). */
const reportFile = z.string().transform((file, ctx): { fiscalYear: number; format: ReportFormat | undefined } => {
  const m = /^(.+?)(?:\.([a-z]+))?$/.exec(file);
  const yearText = m?.[1] ?? '';
  const formatText = m?.[2];
  const fiscalYear = parseFiscalYear(yearText);
  if (fiscalYear === undefined) {
    ctx.addIssue({ code: 'custom', message: t('ja', 'badYear', { year: yearText }) });
    return z.NEVER;
  }
  if (formatText !== undefined && !isReportFormat(formatText)) {
    ctx.addIssue({ code: 'custom', message: t('ja', 'badFormat', { format: formatText, formats: REPORT_FORMATS.join(', ') }) });
    return z.NEVER;
  }
  return { fiscalYear, format: formatText };
});

/** GET /plans/:slug/reports/:file?kind= — path parameters and query together. */
export const reportRequestSchema = z.object({ slug: z.string(), file: reportFile, kind: roundKind });

export type ReportRequest = z.output<typeof reportRequestSchema>;

/** Options of `hyoka report`, checked before any work. */
export const reportOptionsSchema = z
  .object({
    year: z.string().transform((year, ctx) => {
      try {
        return requireFiscalYear(year);
      } catch (error) {
        if (!(error instanceof FiscalYearError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    }),
    kind: z
      .string()
      .optional()
      .refine((kind) => kind === undefined || isRoundKind(kind), { error: (issue) => t('ja', 'badKindOption', { kind: String(issue.input) }) })
      .transform((kind) => kind as RoundKind | undefined),
    format: z.string().optional(),
    out: z.string().optional(),
    era: z
      .string()
      .optional()
      .refine((era) => era === undefined || era === 'wareki' || era === 'seireki', { error: (issue) => t('ja', 'badEraOption', { era: String(issue.input) }) })
      .transform((era): EraStyle => (era === 'seireki' ? 'seireki' : 'wareki')),
  })
  .transform((o, ctx) => {
    // The format follows --out's extension when --format is left out.
    const fromOut = o.out ? extname(o.out).slice(1).toLowerCase() : '';
    const format = o.format ?? (fromOut || 'html');
    if (!isReportFormat(format)) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: t('ja', 'badFormatOption', { format, formats: REPORT_FORMATS.join(', ') }) });
      return z.NEVER;
    }
    return { fiscalYear: o.year, kind: o.kind, format, era: o.era };
  });

export type ReportOptions = z.output<typeof reportOptionsSchema>;
