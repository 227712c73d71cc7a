/**
 * One entry point for every format: model in, bytes out; plus the file name a
 * download gets and an atomic file write (temp file + rename), so a failure while
 * generating never leaves a half-written report where the reader expects one.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { AppError } from '../errors.js';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { longYear } from './labels.js';
import { t } from './messages.js';
import { renderCsv } from './report-csv.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import type { ReportModel } from './report-model.js';
import { renderJson } from './report-json-schema.js';

export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'xlsx', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

export interface RenderOptions {
  era: EraStyle;
  browser?: Browser;
}

/**
 * The PDF, Word and Excel writers pull in large libraries (the Chromium driver,
 * docx, exceljs); they are loaded when that format is first asked for, so every
 * other command and page starts without them.
 */
export async function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(renderStandaloneHtml(model, { era: options.era }), 'utf8');
    case 'pdf': {
      const { renderPdf } = await import('./report-pdf.js');
      return renderPdf(model, options.browser ? { era: options.era, browser: options.browser } : { era: options.era });
    }
    case 'docx': {
      const { renderDocx } = await import('./report-docx.js');
      return renderDocx(model, { era: options.era });
    }
    case 'xlsx': {
      const { renderXlsx } = await import('./report-xlsx.js');
      return renderXlsx(model, { era: options.era });
    }
    case 'csv':
      return Buffer.from(renderCsv(model), 'utf8');
    case 'json':
      return Buffer.from(renderJson(model), 'utf8');
  }
}

/** "令和4年度_茅ヶ崎市地域情報化計画_事務事業進捗状況評価結果報告書_最終評価.pdf" */
export function reportFileName(model: ReportModel, format: ReportFormat, era: EraStyle = 'wareki'): string {
  const parts = [longYear(model.round.fiscalYear, era), model.title.planName, model.title.reportTitle, model.title.kindLabel];
  // Characters no file system accepts, and whitespace, become "_".
  const safe = parts.join('_').replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${safe}.${format}`;
}

/** An ASCII file name for clients that ignore filename*. */
export function asciiFileName(model: ReportModel, format: ReportFormat): string {
  return `${model.plan.slug}-${model.round.fiscalYear}-${model.round.kind}.${format}`;
}

/** Content-Disposition with an ASCII fallback and the Japanese name, RFC 5987/6266. */
export function contentDisposition(fileName: string, fallback: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/**
 * Writes the file only once the content is complete: first to a temp file beside the
 * target, then renamed over it (atomic on one file system). If producing the content
 * fails, the target is untouched and the temp file removed.
 */
export async function writeFileAtomic(path: string, produce: () => Promise<Buffer | string>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const content = await produce();
    try {
      await writeFile(tmp, content);
      await rename(tmp, path);
    } catch (error) {
      throw outputError(path, error);
    }
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

const WRITE_REASONS = { ENOENT: 'noDirectory', EACCES: 'noPermission', EPERM: 'noPermission', EISDIR: 'isDirectory' } as const;

/** The output file could not be written (missing directory, no permission): an output-error AppError. */
function outputError(path: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const key = WRITE_REASONS[code as keyof typeof WRITE_REASONS];
  const reason = key ? t('ja', key) : code || (error as Error).message;
  return new AppError(500, 'output-error', t('ja', 'cannotWrite', { path, reason }), { path, code });
}
