/**
 * The report as a Word document (.docx) that a division can go on editing: real
 * heading styles (so Word's navigation pane and table of contents work), real
 * tables with a repeated header row and rows that never split across pages, the
 * program name as a vertically merged cell, page numbers in the footer. Charts are
 * not drawn here; their data is in the summary tables.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { formatRate, longYear, reportDocumentTitle, shortYear, summaryCaption, summaryYearLabel } from './labels.js';
import { NARRATIVE_KIND_LABELS } from './messages.js';
import { OFFICE_FONT } from './office-font.js';
import { publishedScale, type ReportMeasure, type ReportModel, type ReportNarrative } from './report-model.js';

/** A4 in twentieths of a point, with 20 mm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = { ascii: OFFICE_FONT, eastAsia: OFFICE_FONT, hAnsi: OFFICE_FONT, cs: OFFICE_FONT };
/** Year columns are wide enough for "H29＊" in bold with narrow cell margins: a year label never wraps. */
const YEAR_COLUMN_MIN = 760;
const NARROW_MARGINS = { left: 40, right: 40 };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '555555' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function body(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(text)], indent: { firstLine: 210 }, spacing: { after: 120 } });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ text, heading: level, pageBreakBefore, keepNext: true });
}

function narratives(list: readonly ReportNarrative[]): Paragraph[] {
  return list.flatMap((n) => {
    const label = NARRATIVE_KIND_LABELS[n.kind] ?? n.kind;
    return [...(label ? [new Paragraph({ children: [new TextRun({ text: `【${label}】`, bold: true })] })] : []), ...n.paragraphs.map(body)];
  });
}

function cell(text: string, options: { header?: boolean; width: number; center?: boolean; rowSpan?: number; fill?: string; narrow?: boolean } = { width: 1000 }): TableCell {
  return new TableCell({
    ...(options.narrow ? { margins: NARROW_MARGINS } : {}),
    children: [new Paragraph({ alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.header ?? false })] })],
    width: { size: options.width, type: WidthType.DXA },
    borders: BORDERS,
    verticalAlign: VerticalAlign.TOP,
    ...(options.rowSpan && options.rowSpan > 1 ? { rowSpan: options.rowSpan } : {}),
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : options.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF5' } } : {}),
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })], keepNext: true, spacing: { before: 120, after: 60 } });
}

function gridTable(head: string[], rows: string[][], widths: number[], centerFrom = 1): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, { header: true, width: widths[i]!, center: i >= centerFrom, narrow: i >= centerFrom })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { width: widths[i]!, center: i >= centerFrom, header: i === 0, narrow: i >= centerFrom })) })),
    ],
  });
}

function measureTable(model: ReportModel, measure: ReportMeasure, era: EraStyle): Table {
  const tiers = model.plan.tiers;
  const withDepartment = measure.programs.some((g) => g.subItems.some((s) => s.department !== null));
  const yearWidth = Math.max(YEAR_COLUMN_MIN, Math.floor((CONTENT_WIDTH * 0.34) / Math.max(1, model.fiscalYears.length)));
  const rest = CONTENT_WIDTH - yearWidth * model.fiscalYears.length - (withDepartment ? 1300 : 0);
  const widths = [Math.floor(rest * 0.48), Math.ceil(rest * 0.52), ...(withDepartment ? [1300] : []), ...model.fiscalYears.map(() => yearWidth)];
  const head = [`${tiers[2] ?? ''}名`, `${tiers[tiers.length - 1] ?? ''}名`, ...(withDepartment ? ['担当課'] : []), ...model.fiscalYears.map((fy) => shortYear(fy, era))];
  const rows: TableRow[] = [new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, { header: true, width: widths[i]!, center: i >= 2, narrow: i >= 2 })) })];
  for (const program of measure.programs) {
    program.subItems.forEach((sub, i) => {
      const cells: TableCell[] = [];
      // docx writes the vertical merge (vMerge restart/continue) for rowSpan itself.
      if (i === 0) cells.push(cell(program.name, { width: widths[0]!, rowSpan: program.subItems.length }));
      cells.push(cell(sub.name, { width: widths[1]! }));
      if (withDepartment) cells.push(cell(sub.department ?? '', { width: widths[2]! }));
      const offset = withDepartment ? 3 : 2;
      sub.ratings.forEach((r, y) => {
        const fill = r.code === 'B' ? 'FFF1D6' : r.code === 'C' ? 'FBE0DD' : undefined;
        cells.push(cell(`${r.code ?? ''}${r.marks.join('')}`, { width: widths[offset + y]!, center: true, narrow: true, ...(fill ? { fill } : {}) }));
      });
      rows.push(new TableRow({ cantSplit: true, children: cells }));
    });
  }
  return new Table({ layout: TableLayoutType.FIXED, width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

function countsTable(model: ReportModel, years: { fiscalYear: number; printedLabel?: string | null; counts: Record<string, number>; total: number; achievementRate: number | null }[], era: EraStyle, reportedMark = new Set<number>()): Table {
  const first = 1400;
  const w = Math.floor((CONTENT_WIDTH - first) / Math.max(1, years.length));
  const widths = [first, ...years.map(() => w)];
  const head = ['評価', ...years.map((y) => summaryYearLabel(y, era) + (reportedMark.has(y.fiscalYear) ? '＊' : ''))];
  const rows = [
    ...model.scale.map((c) => [c.code, ...years.map((y) => String(y.counts[c.code] ?? 0))]),
    ['合計', ...years.map((y) => String(y.total))],
    ['達成率', ...years.map((y) => formatRate(y.achievementRate))],
  ];
  return gridTable(head, rows, widths);
}

export async function renderDocx(model: ReportModel, options: { era: EraStyle }): Promise<Buffer> {
  const era = options.era;
  const tiers = model.plan.tiers;
  const children: (Paragraph | Table)[] = [];
  // Title page.
  children.push(
    new Paragraph({ spacing: { before: 3600 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: longYear(model.round.fiscalYear, era), size: 32 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.title.planName })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.title.reportTitle })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `（${model.title.kindLabel}）`, size: 32 })] }),
  );
  // 評価要領.
  children.push(heading(model.guideHeading, HeadingLevel.HEADING_1, true));
  if (model.guide.length === 0 && model.plan.description) children.push(body(model.plan.description));
  for (const s of model.guide) {
    children.push(heading(s.heading, HeadingLevel.HEADING_2), ...s.paragraphs.map(body));
  }
  children.push(new Paragraph({ children: [new TextRun(`階層構造: ${tiers.join(' → ')}`)] }));
  children.push(caption('評点式評価の評価基準'), gridTable(['評点', '評価基準'], publishedScale(model.scale).map((c) => [c.code, c.criteria || c.label]), [1400, CONTENT_WIDTH - 1400], 2));
  for (const a of model.annotationKinds) children.push(new Paragraph({ children: [new TextRun(`${a.mark}　${a.meaning}`)] }));
  // Plan-wide opinion and summary.
  children.push(heading(model.planOpinion.scopeLabel, HeadingLevel.HEADING_1, true));
  if (model.planOpinion.narratives.length) children.push(heading(model.planOpinion.heading, HeadingLevel.HEADING_2), ...narratives(model.planOpinion.narratives));
  const reported = new Set(model.summary.years.filter((y) => y.source === 'reported').map((y) => y.fiscalYear));
  children.push(caption(summaryCaption(model, era)), countsTable(model, model.summary.years, era, reported));
  if (reported.size) children.push(new Paragraph({ children: [new TextRun({ text: '＊ 公表済みの報告値（個別の評価は保存されていない年度）。', size: 18 })] }));
  for (const pillar of model.pillars) {
    children.push(heading(`${tiers[0] ?? ''}　${pillar.name}`, HeadingLevel.HEADING_1, true));
    if (pillar.expertOpinion.length) children.push(heading(pillar.expertOpinionHeading, HeadingLevel.HEADING_2), ...narratives(pillar.expertOpinion));
    children.push(...narratives(pillar.otherNarratives));
    children.push(caption(`${tiers[0] ?? ''}「${pillar.name}」の年度別評価件数`), countsTable(model, pillar.summary, era));
    for (const measure of pillar.measures) {
      children.push(heading(`${tiers[1] ?? ''}　${measure.name}`, HeadingLevel.HEADING_2));
      children.push(measureTable(model, measure, era));
      if (measure.departmentNarratives.length) children.push(heading(measure.departmentNarrativesHeading, HeadingLevel.HEADING_3), ...narratives(measure.departmentNarratives));
      for (const f of measure.footnotes) {
        children.push(new Paragraph({ children: [new TextRun(`${f.mark}${f.meaning}・・・`)] }), ...f.items.map((i) => new Paragraph({ indent: { left: 420 }, children: [new TextRun(`「${i.name}」`)] })));
      }
      if (measure.divisionOpinion.length) children.push(heading(measure.divisionOpinionHeading, HeadingLevel.HEADING_3), ...narratives(measure.divisionOpinion));
      if (measure.expertOpinion.length) children.push(heading(model.planOpinion.heading, HeadingLevel.HEADING_3), ...narratives(measure.expertOpinion));
    }
  }
  for (const [i, s] of model.closing.entries()) children.push(heading(s.heading, HeadingLevel.HEADING_1, i === 0), ...s.paragraphs.map(body));

  const pageNumber: ParagraphChild[] = [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'] })];
  const doc = new Document({
    creator: 'hyoka',
    title: reportDocumentTitle(model, era),
    description: `${model.plan.slug} ${model.round.fiscalYear} ${model.round.kind}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '1F3F66' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '1F3F66' }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading3: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
        title: { run: { font: FONT, size: 40, bold: true }, paragraph: { spacing: { after: 240 } } },
      },
    },
    sections: [
      {
        // The title page has a footer of its own, empty: no page number on the cover.
        properties: { titlePage: true, page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: pageNumber })] }), first: new Footer({ children: [new Paragraph({})] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
