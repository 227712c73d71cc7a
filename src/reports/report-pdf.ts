/**
 * The report as PDF: the standalone HTML printed by Debian's Chromium through
 * playwright-core (never a downloaded browser). Chromium embeds the subset of the
 * Japanese fonts it used (report-css.ts says which), writes page numbers in the footer, an
 * outline (bookmarks) from the headings, a table of contents with page numbers and a
 * tagged (accessible) PDF whose language (ja) and title come from the HTML.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { env } from '../config/env.js';
import { unavailable } from '../errors.js';
import { t } from './messages.js';
import { reportDocumentTitle } from './labels.js';
import { pagesOf, readOutline } from './pdf-outline.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import { tocEntries } from './render/html/toc.js';
import type { ReportModel } from './report-model.js';

export function chromiumPath(): string {
  return env().CHROMIUM_PATH;
}

/** Closed network: the page has no external reference, and Chromium must not phone home. */
export const CLOSED_NETWORK_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchPdfBrowser(): Promise<Browser> {
  const path = chromiumPath();
  if (!existsSync(path)) throw unavailable(t('ja', 'chromiumMissing', { path }), { path });
  try {
    // The driver is loaded on the first PDF: every other command starts without it.
    const { chromium } = await import('playwright-core');
    return await chromium.launch({
      executablePath: path,
      headless: true,
      args: [...CLOSED_NETWORK_ARGS],
    });
  } catch (error) {
    throw unavailable(t('ja', 'chromiumFailed', { path, reason: (error as Error).message.split('\n')[0] ?? '' }), { path });
  }
}

/** A CSS string literal: quotes, backslashes, line breaks and "<" escaped (it goes inside a <style>). */
function cssString(s: string): string {
  return `"${s.replace(/[\\"<\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The running title in the page's top margin box. Page numbers and the title live in
 * CSS margin boxes rather than Chromium's header/footer templates so that the cover
 * (@page :first) can go without them.
 */
function runningTitleStyle(title: string): string {
  return `<style>@media print { @page { @top-right { content: ${cssString(title)}; } } @page :first { @top-right { content: none; } } }</style>`;
}

export interface PdfOptions {
  era: EraStyle;
  /** Reuse a running browser (the web server and benchmarks keep one); otherwise one is started and closed. */
  browser?: Browser;
}

/**
 * Printed twice: the first printing tells on which page each heading landed (its
 * bookmarks, pdf-outline.ts), the second prints those numbers in the table of
 * contents. The numbers sit in a box of fixed width, so filling them in moves nothing.
 */
export async function renderPdf(model: ReportModel, options: PdfOptions): Promise<Buffer> {
  const own = options.browser === undefined;
  const browser = options.browser ?? (await launchPdfBrowser());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      // No request may leave the page: the HTML is self-contained by construction.
      await page.route('**/*', (route) => route.abort());
      // An empty map: the contents get their page-number boxes, filled in after the first printing.
      const html = renderStandaloneHtml(model, { era: options.era, tocPages: new Map() }).replace(
        '</head>',
        `${runningTitleStyle(reportDocumentTitle(model, options.era))}</head>`,
      );
      await page.setContent(html, { waitUntil: 'load' });
      const print = () => page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: false, preferCSSPageSize: true, outline: true, tagged: true });
      const pages = pagesOf(tocEntries(model), readOutline(await print()));
      // The numbers go into the loaded page (no second parse); the page's own scripts stay disabled.
      await page.evaluate(
        (entries) => {
          for (const [id, n] of entries) {
            const box = document.querySelector(`nav.toc a[href="#${CSS.escape(id)}"] .toc-page`);
            if (box) box.textContent = String(n);
          }
        },
        [...pages],
      );
      return await print();
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
