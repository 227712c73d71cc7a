/** The report as one complete HTML file: stylesheet inlined, no script, no external reference. */
import { renderToString } from 'preact-render-to-string';
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { reportDocumentTitle } from '../../labels.js';
import { REPORT_CSS } from '../../report-css.js';
import type { ReportModel } from '../../report-model.js';
import { type DocumentOptions, ReportDocument } from './report-document.js';

export interface HtmlOptions extends DocumentOptions {
  era: EraStyle;
}

/** The standalone file's inlined stylesheet; the server's CSP allows exactly this text by its hash. */
export const STANDALONE_STYLE = `@media screen { body { margin: 1.5rem; } } ${REPORT_CSS}`;

export function renderStandaloneHtml(model: ReportModel, options: HtmlOptions): string {
  const body = renderToString(
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="hyoka" />
        <title>{reportDocumentTitle(model, options.era)}</title>
        <style dangerouslySetInnerHTML={{ __html: STANDALONE_STYLE }} />
      </head>
      <body>
        <main>
          <ReportDocument model={model} era={options.era} options={options} />
        </main>
      </body>
    </html>,
  );
  return `<!doctype html>${body}`;
}
