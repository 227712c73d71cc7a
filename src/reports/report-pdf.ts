/**
 * The report as PDF: the standalone HTML printed by Debian's Chromium through
 * playwright-core (never a downloaded browser). Chromium embeds the subset of the
 * Japanese fonts it used (fonts-noto-cjk), writes page numbers in the footer, an
 * outline (bookmarks) from the headings and a tagged (accessible) PDF.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { env } from '../config/env.js';
import { unavailable } from '../errors.js';
import { t } from './messages.js';
import { reportDocumentTitle } from './labels.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import { REPORT_FONT_STACK } from './report-css.js';
import type { ReportModel } from './report-model.js';

export function chromiumPath(): string {
  return env().CHROMIUM_PATH;
}

export async function launchPdfBrowser(): Promise<Browser> {
  const path = chromiumPath();
  if (!existsSync(path)) throw unavailable(t('ja', 'chromiumMissing', { path }), { path });
  try {
    return await chromium.launch({
      executablePath: path,
      headless: true,
      // Closed network: the page has no external reference, and Chromium must not phone home.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    throw unavailable(t('ja', 'chromiumFailed', { path, reason: (error as Error).message.split('\n')[0] ?? '' }), { path });
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PdfOptions {
  era: EraStyle;
  /** Reuse a running browser (the web server and benchmarks keep one); otherwise one is started and closed. */
  browser?: Browser;
}

export async function renderPdf(model: ReportModel, options: PdfOptions): Promise<Buffer> {
  const own = options.browser === undefined;
  const browser = options.browser ?? (await launchPdfBrowser());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      // No request may leave the page: the HTML is self-contained by construction.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(renderStandaloneHtml(model, { era: options.era }), { waitUntil: 'load' });
      const title = escapeHtml(reportDocumentTitle(model, options.era));
      const font = `font-family: ${REPORT_FONT_STACK.replace(/"/g, "'")}; font-size: 8px; color: #444; width: 100%; margin: 0 14mm;`;
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style="${font} text-align: right;">${title}</div>`,
        footerTemplate: `<div style="${font} text-align: center;">- <span class="pageNumber"></span> / <span class="totalPages"></span> -</div>`,
        margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
        preferCSSPageSize: false,
        outline: true,
        tagged: true,
      });
      return pdf;
    } finally {
      await context.close();
    }
  } finally {
    if (own) await browser.close();
  }
}

/** One browser for a server's lifetime, started on the first PDF and restarted if it went away. */
export function sharedPdfBrowser(): { get: () => Promise<Browser>; close: () => Promise<void> } {
  let browser: Promise<Browser> | undefined;
  const get = async (): Promise<Browser> => {
    browser ??= launchPdfBrowser().catch((error: unknown) => {
      browser = undefined;
      throw error;
    });
    const b = await browser;
    if (!b.isConnected()) {
      browser = undefined;
      return get();
    }
    return b;
  };
  const close = async () => {
    if (browser) await (await browser.catch(() => undefined))?.close();
  };
  return { get, close };
}
