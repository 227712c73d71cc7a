/**
 * The report's stylesheet: screen and print (A4). Inlined into the standalone HTML
 * (and so into the PDF), served as /reports/report.css for the page in the app.
 * Fonts are the machine's own; nothing is fetched. BIZ UDPGothic (fonts-morisawa-bizud-gothic)
 * comes first: its TrueType outlines in Regular and Bold are embedded by Chromium as
 * subset CID fonts, where CFF-outline fonts (Noto Sans CJK) and synthetic bold become one
 * Type 3 font per few glyphs. Yu Gothic / Meiryo and Hiragino follow for the HTML on
 * Windows and macOS readers' machines.
 * Headings are spaced with padding, not margin: Chromium writes a PDF bookmark twice
 * for a heading whose top margin is truncated at a page break (or that has no
 * space above it at the top of a page).
 * The chart colours come with it (tokensCss), so the file needs no other stylesheet.
 */
import { tokensCss } from '../web/ui/palette.js';

export const REPORT_FONT_STACK =
  '"BIZ UDPGothic", "BIZ UDPゴシック", IPAexGothic, "Yu Gothic", YuGothic, Meiryo, "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", sans-serif';

export const REPORT_CSS = `${tokensCss()}
.report { font-family: ${REPORT_FONT_STACK}; font-synthesis: none; line-height: 1.7; color: #111; max-width: 60rem; }
.report h1, .report h2, .report h3, .report h4 { line-height: 1.4; break-after: avoid; page-break-after: avoid; }
.report h2 { font-size: 1.35rem; border-bottom: 2px solid #1f5f99; padding-bottom: .2rem; margin-top: 0; padding-top: 2rem; }
.report h3 { font-size: 1.15rem; margin-top: 0; padding-top: 1.5rem; }
.report h4 { font-size: 1rem; margin-top: 0; padding-top: 1.2rem; }
.report p, .report li, .report td, .report th, .report dd { overflow-wrap: anywhere; word-break: normal; }
.report p { margin: .5rem 0; text-indent: 1em; }
.report .title-page { text-align: center; padding: 6rem 0 4rem; }
.report .title-page .year { font-size: 1.4rem; margin: 0; text-indent: 0; }
.report .title-page h1 { font-size: 2rem; margin: 1rem 0; }
.report .title-page h1 span { display: block; }
.report .title-page .kind { font-size: 1.3rem; text-indent: 0; }
.report .tiers { text-indent: 0; }
.report table { border-collapse: collapse; width: 100%; margin: .75rem 0; table-layout: fixed; }
.report caption { text-align: left; font-weight: bold; padding: .25rem 0; }
/* A measure's table is named by the measure's heading right above it; its caption (hyoka's words) is for assistive technology only. */
.report table.ratings > caption { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.report th, .report td { border: 1px solid #555; padding: .25rem .4rem; vertical-align: top; }
.report thead th { background: #e8eef5; }
.report td.rating, .report td.num, .report th.num { text-align: center; }
/* Rating cells in the palette's colours (web/ui/palette.ts), as in the portal; the code itself tells them apart without colour. */
.report td.r-A { color: var(--rating-1); background: var(--rating-1-tint); }
.report td.r-B { color: var(--rating-2); background: var(--rating-2-tint); }
.report td.r-C { color: var(--rating-3); background: var(--rating-3-tint); }
.report td.r-na { color: var(--rating-4); }
.report td.rating { font-weight: bold; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.report table.criteria { width: 70%; }
.report table.criteria col.code { width: 5em; }
.report table.criteria th[scope=row] { text-align: center; }
.report tbody th { font-weight: normal; text-align: left; }
.report table.summary tbody th { text-align: center; font-weight: bold; }
.report ul.legend { list-style: none; padding-left: 0; }
.report table.ratings col.program { width: 32%; }
.report table.ratings col.sub-item { width: 34%; }
.report table.ratings col.department { width: 12%; }
.report table.summary th[scope=row] { text-align: center; }
.report .mismatch { color: #8a1c10; }
.report table.ratings col.cost { width: 10%; }
/* With a cost column group the figures get fixed widths and the names share what is left, so no year's rating is squeezed out. */
.report table.ratings.with-costs { font-size: .9em; }
.report table.ratings.with-costs col.program, .report table.ratings.with-costs col.sub-item { width: auto; }
.report table.ratings.with-costs col.department { width: 5em; }
.report table.ratings.with-costs col.year { width: 2.8em; }
.report table.ratings.with-costs col.cost { width: 4.6em; }
.report table.indicators { font-size: .92em; }
.report table.indicators td.num { text-align: right; }
.report .rule-explanation { display: block; font-size: .85em; }
.report .revised-mark { white-space: nowrap; }
.report .item-outputs p.proposal.changed { font-weight: bold; }
.report ul.rule-words { padding-left: 1.5em; }
.report .footnote p { text-indent: 0; }
.report .footnote ul { list-style: none; padding-left: 1em; margin: .25rem 0; }
.report figure { margin: 1rem 0; }
.report figure svg { display: block; width: 100%; max-width: 40rem; height: auto; }
.report figcaption { font-weight: bold; }
.report figure svg text { font-family: ${REPORT_FONT_STACK}; }
.report .narratives .mentions { font-size: .85em; color: #444; }
/* Plans of five or six tiers head their deepest sections and narrative blocks with h5 and h6, sized like h4. */
.report h5, .report h6 { font-size: 1rem; line-height: 1.4; margin-top: 0; padding-top: 1.2rem; break-after: avoid; page-break-after: avoid; }
.report .downloads, .report .downloads p { text-indent: 0; }
.report nav.toc ol { list-style: none; padding: 0; margin: .5rem 0; }
.report nav.toc li { margin: .15rem 0; }
.report nav.toc li.toc-2 { padding-left: 2em; font-size: .95em; }
.report nav.toc a { display: flex; align-items: baseline; gap: .4em; color: inherit; text-decoration: none; }
.report nav.toc a:hover .toc-label, .report nav.toc a:focus .toc-label { text-decoration: underline; }
.report nav.toc .toc-label { flex: 0 1 auto; }
.report nav.toc .toc-page { flex: 1 0 3em; text-align: right; border-bottom: 1px dotted #777; min-height: 1em; }
.report nav.toc .toc-page:empty { border-bottom: none; }
.report .summary-block { margin: .75rem 0; }
.report tbody.addition th, .report tbody.addition td { background: #f4f4f4; color: #333; border-top: 2px solid #555; }
.report .addition-mark { font-weight: normal; }
.report .note { text-indent: 0; font-size: .9em; }
.report .downloads ul { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; }
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm;
    @top-right { content: ""; font-family: ${REPORT_FONT_STACK}; font-size: 7pt; color: #444; }
    @bottom-center { content: "- " counter(page) " / " counter(pages) " -"; font-family: ${REPORT_FONT_STACK}; font-size: 7pt; color: #444; }
  }
  /* The cover carries neither the running title nor a page number. */
  @page :first { @top-right { content: none; } @bottom-center { content: none; } }
  .report { max-width: none; font-size: 10.5pt; }
  .report .no-print { display: none; }
  .report .title-page { break-after: page; page-break-after: always; padding-top: 30%; }
  .report nav.toc { break-after: page; page-break-after: always; }
  .report nav.toc li { break-inside: avoid; }
  .report section.pillar, .report section.closing { break-before: page; page-break-before: always; }
  /* Tables split only between rows (a program's row group stays whole), the header repeated on the next page. */
  .report thead { display: table-header-group; break-after: avoid; }
  .report caption { break-after: avoid; }
  .report tr, .report tbody, .report svg, .report .footnote { break-inside: avoid; page-break-inside: avoid; }
  /* A table split across pages keeps at least 3 body rows on either side of the break: no break
     before the row groups that would leave fewer than 3 rows at its end or its start
     (one rule per case: :has() may not nest, and one invalid selector would drop a whole list.) */
  .report tbody:last-of-type:not(:has(> tr:nth-child(3))) { break-before: avoid; page-break-before: avoid; }
  .report table:has(> tbody:last-of-type > tr:only-child) > tbody:nth-last-of-type(2):has(> tr:only-child) { break-before: avoid; page-break-before: avoid; }
  .report tbody:first-of-type:not(:has(> tr:nth-child(3))) + tbody { break-before: avoid; page-break-before: avoid; }
  .report tbody:first-of-type:has(> tr:only-child) + tbody:has(> tr:only-child) + tbody { break-before: avoid; page-break-before: avoid; }
  /* Small tables (criteria, counts) stay whole; a chart stays with its caption (its table may follow on the next page). */
  .report table.criteria, .report table.summary, .report .summary-block { break-inside: avoid; page-break-inside: avoid; }
  .report figcaption { break-after: avoid; page-break-after: avoid; }
  .report ul.legend, .report .note { break-before: avoid; page-break-before: avoid; }
  .report .footnote { break-before: avoid; page-break-before: avoid; }
  .report p { orphans: 2; widows: 2; }
  .report h5 + *, .report h6 + * { break-before: avoid; page-break-before: avoid; }
  /* A heading's first paragraph or table starts on the heading's page. */
  .report h2 + *, .report h3 + *, .report h4 + * { break-before: avoid; page-break-before: avoid; }
  .report figure svg { max-width: 150mm; margin: 0 auto; }
  .report th, .report td { padding: .15rem .3rem; }
  .report thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
