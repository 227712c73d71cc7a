/**
 * The published-text reader in the neutral shape: parseReport's ParsedReport (the
 * sample's four tiers, sections read by src/imports/text) → ImportedPlan. Nodes carry
 * no source codes (the report prints none), so the store matches them by parent and
 * name and numbers them by position ("2.1.4.3").
 */
import type { ImportedFootnote, ImportedNarrative, ImportedNode, ImportedPlan, NodePath, SourcePlace } from '../imported-plan.js';
import { parseReport } from '../parse-report.js';
import { roundSections } from '../report-facts.js';
import type { NarrativeTarget, ParsedMeasure, ParsedReport } from '../report-types.js';

const SCALE_KEY = 'main';

const targetPath = (measure: NodePath, t: NarrativeTarget): NodePath => (t.subItemIndex === undefined ? [...measure, t.programIndex] : [...measure, t.programIndex, t.subItemIndex]);

function measureNode(measure: ParsedMeasure, path: NodePath, fiscalYear: number, at: (line: number) => SourcePlace): ImportedNode {
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
    const mentions = n.mentions.map((m) => targetPath(path, m));
    target?.narratives.push({ fiscalYear, role: 'department', kind: 'progress', text: n.text, mentions, source: at(n.line) });
  }
  const division = measure.divisionOpinion.map((p): ImportedNarrative => ({ fiscalYear, role: 'division', kind: 'progress', text: p.text, source: at(p.line) }));
  return { name: measure.name, tierIndex: 1, ratings: [], narratives: division, children: programs, source: at(measure.line) };
}

export function importedPlanFromReport(report: ParsedReport, file: { name: string; content: string }): ImportedPlan {
  const at = (line: number): SourcePlace => ({ file: file.name, line });
  const fy = report.fiscalYear;
  const p = report.plan;
  const footnotes: ImportedFootnote[] = report.pillars.flatMap((pillar, pi) =>
    pillar.measures.flatMap((measure, mi) =>
      measure.annotationFootnotes.map((f) => ({ fiscalYear: fy, node: [pi, mi], mark: f.mark, targets: f.targets.map((t) => targetPath([pi, mi], t)) })),
    ),
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
    nodes: report.pillars.map((pillar, pi) => ({
      name: pillar.name,
      tierIndex: 0,
      ratings: [],
      narratives: pillar.expertOpinion.map((x) => ({ fiscalYear: fy, role: 'expert', kind: 'progress', text: x.text, source: at(x.line) })),
      children: pillar.measures.map((m, mi) => measureNode(m, [pi, mi], fy, at)),
      source: at(pillar.line),
    })),
    planNarratives: report.planExpertOpinion.map((x) => ({ fiscalYear: fy, role: 'expert', kind: 'progress', text: x.text, source: at(x.line) })),
    rounds: [
      { fiscalYear: fy, kind: report.roundKind, sections: roundSections(report) },
      ...p.earlierRounds.map((r) => ({ fiscalYear: r.fiscalYear, kind: r.kind, ...(r.coversUntilFiscalYear !== undefined ? { coversUntilFiscalYear: r.coversUntilFiscalYear } : {}) })),
    ],
    annotationFootnotes: footnotes,
    reportedSummaries: report.reportedSummary.years.map((y) => ({ fiscalYear: y.fiscalYear, scaleKey: SCALE_KEY, roundIndex: 0, counts: y.counts, source: at(report.reportedSummary.line) })),
    warnings: [],
    file,
  };
}

export function readPublishedText(text: string, fileName: string): ImportedPlan {
  return importedPlanFromReport(parseReport(text), { name: fileName, content: text });
}
