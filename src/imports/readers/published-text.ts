/**
 * The published-text reader in the neutral shape: parseReport's ParsedReport (the
 * sample's four tiers, sections read by src/imports/text) → ImportedPlan. Nodes carry
 * no source codes (the report prints none), so the store matches them by parent and
 * name and numbers them by position, as the report's own store does.
 */
import type { ImportedNarrative, ImportedNode, ImportedPlan, SourcePlace } from '../imported-plan.js';
import { parseReport } from '../parse-report.js';
import type { ParsedMeasure, ParsedReport } from '../report-types.js';

const SCALE_KEY = 'main';

function measureNode(measure: ParsedMeasure, fiscalYear: number, at: (line: number) => SourcePlace): ImportedNode {
  const programs: ImportedNode[] = measure.programs.map((program) => ({
    name: program.name,
    tierIndex: 2,
    ratings: [],
    narratives: [],
    source: at(program.line),
    children: program.subItems.map((sub) => ({
      name: sub.name,
      tierIndex: 3,
      ratings: sub.ratings.map((r) => ({ fiscalYear: r.fiscalYear, scaleKey: SCALE_KEY, code: r.code, marks: r.marks, source: at(sub.line) })),
      narratives: [],
      children: [],
      source: at(sub.line),
    })),
  }));
  for (const n of measure.departmentNarratives) {
    const program = programs[n.target.programIndex];
    const target = n.target.subItemIndex === undefined ? program : program?.children[n.target.subItemIndex];
    target?.narratives.push({ fiscalYear, role: 'department', kind: 'progress', text: n.text, source: at(n.line) });
  }
  const node: ImportedNode = { name: measure.name, tierIndex: 1, ratings: [], narratives: [], children: programs, source: at(measure.line) };
  node.narratives.push(...measure.divisionOpinion.map((p): ImportedNarrative => ({ fiscalYear, role: 'division', kind: 'progress', text: p.text, source: at(p.line) })));
  return node;
}

export function importedPlanFromReport(report: ParsedReport, file: { name: string; content: string }): ImportedPlan {
  const at = (line: number): SourcePlace => ({ file: file.name, line });
  const fy = report.fiscalYear;
  return {
    plan: {
      name: report.plan.name,
      startFiscalYear: report.plan.startFiscalYear,
      endFiscalYear: report.plan.endFiscalYear,
      description: report.guide[0]?.paragraphs.map((x) => x.text).join('\n\n') ?? '',
    },
    tiers: report.plan.tiers,
    scales: [{ key: SCALE_KEY, name: report.scale.name, tierIndex: report.plan.tiers.length - 1, codes: report.scale.codes }],
    annotationKinds: report.annotationKinds,
    departments: [],
    nodes: report.pillars.map((pillar) => ({
      name: pillar.name,
      tierIndex: 0,
      ratings: [],
      narratives: pillar.expertOpinion.map((p) => ({ fiscalYear: fy, role: 'expert', kind: 'progress', text: p.text, source: at(p.line) })),
      children: pillar.measures.map((m) => measureNode(m, fy, at)),
      source: at(pillar.line),
    })),
    planNarratives: report.planExpertOpinion.map((p) => ({ fiscalYear: fy, role: 'expert', kind: 'progress', text: p.text, source: at(p.line) })),
    rounds: [
      { fiscalYear: fy, kind: report.roundKind },
      ...report.plan.earlierRounds.map((r) => ({ fiscalYear: r.fiscalYear, kind: r.kind, ...(r.coversUntilFiscalYear !== undefined ? { coversUntilFiscalYear: r.coversUntilFiscalYear } : {}) })),
    ],
    reportedSummaries: report.reportedSummary.years.map((y) => ({ fiscalYear: y.fiscalYear, scaleKey: SCALE_KEY, counts: y.counts, source: at(report.reportedSummary.line) })),
    warnings: [],
    file,
  };
}

export function readPublishedText(text: string, fileName: string): ImportedPlan {
  return importedPlanFromReport(parseReport(text), { name: fileName, content: text });
}
