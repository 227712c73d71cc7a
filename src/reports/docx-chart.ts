/**
 * Word charts and the font table, added to the package the docx library wrote (it
 * makes neither). A chart is a DrawingML chart part (word/charts/chartN.xml) with its
 * data as literals: Word and LibreOffice draw it, it prints and scales like the text,
 * and a reader can restyle it. Bars are stacked counts per rating in the palette's
 * colours and patterns (web/ui/palette.ts), so ratings stay apart in black and white;
 * the achievement rate is a line on a second axis; the year labels carry the rate
 * below the bars, never over them. The document marks where each chart goes with a
 * placeholder paragraph (chartPlaceholder) that is replaced here; its title is the
 * caption paragraph above it, not repeated inside the chart.
 */
import JSZip from 'jszip';
import { Paragraph, TextRun } from 'docx';
import { CHART_COLORS, hexOf, seriesStyle, type SeriesPattern } from '../web/ui/palette.js';
import { OFFICE_FONT, OFFICE_FONT_TABLE } from './office-font.js';

export interface DocxChart {
  title: string;
  /** What the chart shows, as text (the drawing's alternative text). */
  description: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  rate: { name: string; values: (number | null)[] };
}

const PLACEHOLDER = (i: number) => `HYOKA-CHART-${i}`;

/** The paragraph a chart replaces. */
export function chartPlaceholder(index: number): Paragraph {
  return new Paragraph({ keepLines: true, children: [new TextRun(PLACEHOLDER(index))] });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Pattern presets of DrawingML for the palette's patterns. */
const PRESETS: Record<Exclude<SeriesPattern, 'solid'>, string> = {
  diagonal: 'wdUpDiag',
  crosshatch: 'openDmnd',
  dots: 'pct50',
  horizontal: 'ltHorz',
  vertical: 'ltVert',
};

function fill(index: number): string {
  const s = seriesStyle(index);
  const color = hexOf(s.color);
  const line = `<a:ln w="6350"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln>`;
  if (s.pattern === 'solid') return `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${line}</c:spPr>`;
  return `<c:spPr><a:pattFill prst="${PRESETS[s.pattern]}"><a:fgClr><a:srgbClr val="${color}"/></a:fgClr><a:bgClr><a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill>${line}</c:spPr>`;
}

const strLit = (values: readonly string[]) =>
  `<c:strLit><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('')}</c:strLit>`;
const numLit = (values: readonly (number | null)[], format: string) =>
  `<c:numLit><c:formatCode>${format}</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join('')}</c:numLit>`;
const text = (s: string, size: number) =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="0"/></a:pPr><a:r><a:rPr lang="ja-JP" sz="${size}" b="0"/><a:t>${esc(s)}</a:t></a:r></a:p></c:rich></c:tx>`;

export function chartXml(chart: DocxChart): string {
  const cat = `<c:cat>${strLit(chart.categories)}</c:cat>`;
  const bars = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${fill(i)}<c:invertIfNegative val="0"/>${cat}<c:val>${numLit(s.values, 'General')}</c:val></c:ser>`,
    )
    .join('');
  const n = chart.series.length;
  const ink = hexOf(CHART_COLORS.ink.color);
  const line = `<c:ser><c:idx val="${n}"/><c:order val="${n}"/><c:tx><c:v>${esc(chart.rate.name)}</c:v></c:tx><c:spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="${ink}"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="${ink}"/></a:solidFill></a:ln></c:spPr></c:marker>${cat}<c:val>${numLit(chart.rate.values, '0.00%')}</c:val><c:smooth val="0"/></c:ser>`;
  const grid = `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="${hexOf(CHART_COLORS.grid.color)}"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`;
  const font = `<a:latin typeface="${OFFICE_FONT}"/><a:ea typeface="${OFFICE_FONT}"/>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val="ja-JP"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${bars}<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="101"/><c:axId val="102"/></c:barChart><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${line}<c:marker val="1"/><c:axId val="103"/><c:axId val="104"/></c:lineChart><c:catAx><c:axId val="101"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="102"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>${grid}<c:title>${text('件数', 900)}<c:overlay val="0"/></c:title><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="101"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx><c:catAx><c:axId val="103"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="none"/><c:crossAx val="104"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="104"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="r"/><c:title>${text(chart.rate.name, 900)}<c:overlay val="0"/></c:title><c:numFmt formatCode="0%" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="103"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">${font}</a:defRPr></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr></c:chartSpace>`;
}

/** A4 content width with 20 mm margins, in EMU; two thirds as high. */
const SIZE = { cx: 6120000, cy: 3400000 };

function drawingParagraph(chart: DocxChart, index: number, relId: string): string {
  return `<w:p><w:pPr><w:keepLines/><w:spacing w:before="60" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${SIZE.cx}" cy="${SIZE.cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${9000 + index}" name="${esc(chart.title)}" descr="${esc(chart.description)}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${relId}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
}

/** Replaces the paragraph holding `token` with `xml`. */
function replaceParagraph(document: string, token: string, xml: string): string {
  const at = document.indexOf(token);
  if (at < 0) throw new Error(`chart placeholder missing: ${token}`);
  const start = Math.max(document.lastIndexOf('<w:p>', at), document.lastIndexOf('<w:p ', at));
  const end = document.indexOf('</w:p>', at) + '</w:p>'.length;
  return document.slice(0, start) + xml + document.slice(end);
}

/** The package with its charts in place of their placeholders, and a font table that helps substitution. */
export async function finishDocx(docx: Buffer, charts: readonly DocxChart[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  let document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  let rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  let types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  charts.forEach((chart, i) => {
    const relId = `rIdHyokaChart${i + 1}`;
    zip.file(`word/charts/chart${i + 1}.xml`, chartXml(chart));
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart${i + 1}.xml"/></Relationships>`,
    );
    types = types.replace(
      '</Types>',
      `<Override PartName="/word/charts/chart${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
    );
    document = replaceParagraph(document, PLACEHOLDER(i), drawingParagraph(chart, i, relId));
  });
  zip.file('word/document.xml', document);
  zip.file('word/_rels/document.xml.rels', rels);
  zip.file('[Content_Types].xml', types);
  const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  zip.file(
    'word/fontTable.xml',
    fonts.replace(
      /<w:fonts([^>]*?)\/>$|<w:fonts([^>]*?)>[\s\S]*<\/w:fonts>$/,
      (_m, a?: string, b?: string) => `<w:fonts${a ?? b ?? ''}>${OFFICE_FONT_TABLE}</w:fonts>`,
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
