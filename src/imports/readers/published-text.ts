/**
 * The published-text reader in the neutral shape: parseReport's ParsedReport (tiers
 * as the document's tier sentence lists them, sections read by src/imports/text) →
 * ImportedPlan. The heading parts become nodes of their tier, each table part's
 * rows the nodes of the last two tiers. Nodes carry no source codes (the report
 * prints none), so the store matches them by parent and name and numbers them by
 * position ("2.1.4.3").
 */
import type { ImportedFootnote, ImportedNarrative, ImportedNode, ImportedPlan, NodePath, SourcePlace } from '../imported-plan.js';
import { parseReport } from '../parse-report.js';
import { roundSections } from '../report-facts.js';
import { type NarrativeTarget, type ParsedReport, type ParsedTable, type ParsedTierSection, tableSections } from '../report-types.js';

const SCALE_KEY = 'main';

const targetPath = (section: NodePath, t: NarrativeTarget): NodePath =>
  t.subItemIndex === undefined ? [...section, t.programIndex] : [...section, t.programIndex, t.subItemIndex];

interface NodeContext {
  fiscalYear: number;
  at: (line: number) => SourcePlace;
}

/** The table's rows as nodes of the last two tiers, with the department answers on the item each is about. */
function tableNodes(table: ParsedTable, path: NodePath, tierIndex: number, ctx: NodeContext): ImportedNode[] {
  const { fiscalYear, at } = ctx;
  const programs: ImportedNode[] = table.programs.map((program) => ({
    name: program.name,
    tierIndex,
    ratings: [],
    narratives: [],
    source: at(program.line),
    children: program.subItems.map((sub) => ({
      name: sub.name,
      tierIndex: tierIndex + 1,
      ratings: sub.ratings.map((r) => ({ fiscalYear: r.fiscalYear, scaleKey: SCALE_KEY, code: r.code, marks: r.marks, source: at(sub.line) })),
      narratives: [],
      children: [],
      source: at(sub.line),
    })),
  }));
  for (const n of table.departmentNarratives) {
    const program = programs[n.target.programIndex];
    const target = n.target.subItemIndex === undefined ? program : program?.children[n.target.subItemIndex];
    const mentions = n.mentions.map((m) => targetPath(path, m));
    target?.narratives.push({ fiscalYear, role: 'department', kind: 'progress', text: n.text, mentions, source: at(n.line) });
  }
  return programs;
}

/** A heading part and everything under it; expert and division opinions stay on the part they are written under. */
function sectionNode(section: ParsedTierSection, path: NodePath, ctx: NodeContext): ImportedNode {
  const { fiscalYear, at } = ctx;
  const expert = section.expertOpinion.map((p): ImportedNarrative => ({ fiscalYear, role: 'expert', kind: 'progress', text: p.text, source: at(p.line) }));
  const division = [...(section.divisionOpinion ?? []), ...(section.table?.divisionOpinion ?? [])].map(
    (p): ImportedNarrative => ({ fiscalYear, role: 'division', kind: 'progress', text: p.text, source: at(p.line) }),
  );
  const children = section.table
    ? tableNodes(section.table, path, section.level + 1, ctx)
    : section.sections.map((child, i) => sectionNode(child, [...path, i], ctx));
  return { name: section.name, tierIndex: section.level, ratings: [], narratives: [...expert, ...division], children, source: at(section.line) };
}

export function importedPlanFromReport(report: ParsedReport, file: { name: string; content: string }): ImportedPlan {
  const at = (line: number): SourcePlace => ({ file: file.name, line });
  const fy = report.fiscalYear;
  const p = report.plan;
  const footnotes: ImportedFootnote[] = tableSections(report.sections).flatMap(({ table, path }) =>
    table.annotationFootnotes.map((f) => ({ fiscalYear: fy, node: path, mark: f.mark, targets: f.targets.map((t) => targetPath(path, t)) })),
  );
  return {
    plan: {
      name: p.name,
      startFiscalYear: p.startFiscalYear,
      endFiscalYear: p.endFiscalYear,
      description: report.guide[0]?.paragraphs.map((x) => x.text).join('\n\n') ?? '',
      ...(p.predecessorName !== undefined ? { predecessorName: p.predecessorName } : {}),
      ...(p.successorName !== undefined ? { successorName: p.successorName } : {}),
      ...(p.adoptedFiscalYear !== undefined ? { adoptedFiscalYear: p.adoptedFiscalYear } : {}),
      extensions: p.extensions,
      designations: p.designations,
    },
    tiers: p.tiers,
    scales: [{ key: SCALE_KEY, name: report.scale.name, tierIndex: p.tiers.length - 1, codes: report.scale.codes }],
    annotationKinds: report.annotationKinds,
    departments: [],
    nodes: report.sections.map((section, i) => sectionNode(section, [i], { fiscalYear: fy, at })),
    planNarratives: report.planExpertOpinion.map((x) => ({ fiscalYear: fy, role: 'expert', kind: 'progress', text: x.text, source: at(x.line) })),
    rounds: [
      { fiscalYear: fy, kind: report.roundKind, sections: roundSections(report) },
      ...p.earlierRounds.map((r) => ({
        fiscalYear: r.fiscalYear,
        kind: r.kind,
        ...(r.coversUntilFiscalYear !== undefined ? { coversUntilFiscalYear: r.coversUntilFiscalYear } : {}),
      })),
    ],
    annotationFootnotes: footnotes,
    reportedSummaries: report.reportedSummary.years.map((y) => ({
      fiscalYear: y.fiscalYear,
      scaleKey: SCALE_KEY,
      roundIndex: 0,
      counts: y.counts,
      source: at(report.reportedSummary.line),
    })),
    warnings: [],
    file,
  };
}

export function readPublishedText(text: string, fileName: string): ImportedPlan {
  return importedPlanFromReport(parseReport(text), { name: fileName, content: text });
}
