/**
 * JSON Schema (draft 2020-12) of the report model as published by `--format json`.
 * Tests validate every generated JSON against it, so the schema and the model cannot
 * drift apart silently. Described in docs/reports.md.
 */
import { COST_FIELDS } from '../indicators/cost-rollup.js';
import { REPORT_MODEL_VERSION, type ReportModel } from './report-model.js';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const fiscalYear = { type: 'integer', minimum: 1926, maximum: 2200 } as const;
const strings = { type: 'array', items: str } as const;
const counts = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } as const;
const rate = { type: ['number', 'null'], minimum: 0, maximum: 1 } as const;

const bool = { type: 'boolean' } as const;

/**
 * A rating-scale code's properties, also the API's (openapi-schemas.ts): the two documents
 * stand alone (no shared $defs) but describe the scale the same way.
 */
export const SCALE_CODE_PROPERTIES = {
  code: str,
  label: str,
  criteria: str,
  position: int,
  countsAsAchieved: bool,
  isNotEvaluated: bool,
  isDefault: bool,
} as const;

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
  ...extra,
});

const decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const;
const decimalOrNull = { anyOf: [decimal, { type: 'null' }] } as const;
const nullable = (schema: unknown) => ({ anyOf: [schema, { type: 'null' }] });
const costFigures = obj(Object.fromEntries(COST_FIELDS.map((f) => [f, decimalOrNull])));
const revision = obj({ id: int, oldValue: decimal, newValue: decimal, reason: str, decidedFiscalYear: fiscalYear });

/** The outputs part (report-outputs.ts): present only when the plan has indicators, a rule, proposals, directions or costs. */
const OUTPUTS = obj({
  fiscalYear,
  rule: nullable(obj({ name: str, kind: { enum: ['ratio_thresholds', 'band_around_target', 'progress_vs_elapsed', 'manual'] }, words: strings })),
  extension: nullable(
    obj({
      endFiscalYear: fiscalYear,
      effectiveEndFiscalYear: fiscalYear,
      notReset: { type: 'array', items: obj({ itemCode: str, indicator: str, targetFiscalYear: fiscalYear }) },
    }),
  ),
  indicators: {
    type: 'array',
    items: obj({
      id: int,
      itemCode: str,
      name: str,
      unit: str,
      kind: { enum: ['activity', 'outcome', 'other'] },
      direction: { enum: ['higher', 'lower'] },
      cumulative: { type: 'boolean' },
      baseline: nullable(obj({ fiscalYear, value: decimal })),
      year: obj({
        fiscalYear,
        target: nullable(
          obj({
            kind: { enum: ['yearly', 'final'] },
            fiscalYear,
            originalValue: decimal,
            value: decimal,
            revisions: { type: 'array', items: revision },
          }),
        ),
        actual: nullable(obj({ value: decimalOrNull, notMeasurable: { type: 'boolean' }, sourceNote: str })),
        comparedActual: decimalOrNull,
        achievementPercent: decimalOrNull,
        rule: nullable(obj({ status: { enum: ['proposed', 'not-evaluable'] }, code: { type: ['string', 'null'] }, explanation: str })),
      }),
    }),
  },
  proposals: {
    type: 'array',
    items: obj({ itemCode: str, fiscalYear, code: str, proposedCode: str, overrideReason: { type: ['string', 'null'] } }),
  },
  directionCounts: {
    type: 'array',
    items: obj({ fiscalYear, counts: { type: 'array', items: obj({ code: str, label: str, count: { type: 'integer', minimum: 0 } }) } }),
  },
  directions: { type: 'array', items: obj({ itemCode: str, fiscalYear, code: str, label: str, note: str }) },
  costs: nullable(
    obj({
      unit: { const: '千円' },
      fields: {
        type: 'array',
        items: { enum: ['projectCost', 'personnelCost', 'totalCost', 'nationalPrefecturalFunds', 'localBonds', 'otherFunds', 'generalFunds'] },
      },
      fiscalYears: { type: 'array', items: fiscalYear },
      totals: { type: 'array', items: obj({ itemCode: str, fiscalYear, figures: costFigures }) },
      plan: { type: 'array', items: obj({ fiscalYear, figures: costFigures }) },
    }),
  ),
});

const DEFS = {
  outputs: OUTPUTS,
  section: obj({ key: str, heading: str, paragraphs: strings }),
  narrative: obj({
    id: int,
    role: { enum: ['department', 'division', 'expert'] },
    kind: str,
    position: int,
    itemCode: { type: ['string', 'null'] },
    mentionCodes: strings,
    paragraphs: strings,
  }),
  narratives: { type: 'array', items: { $ref: '#/$defs/narrative' } },
  countsByYear: obj({ fiscalYear, counts, total: int, achieved: int, achievementRate: rate }),
  footnote: obj({ mark: str, meaning: str, items: { type: 'array', items: obj({ code: str, name: str }) } }),
  node: obj({
    id: int,
    level: { type: 'integer', minimum: 1, maximum: 6 },
    tierName: str,
    code: str,
    name: str,
    department: { type: ['string', 'null'] },
    ratings: { type: 'array', items: obj({ fiscalYear, code: { type: ['string', 'null'] }, marks: strings }) },
    narratives: { $ref: '#/$defs/narratives' },
    headings: { anyOf: [obj({ department: str, division: str, expert: str }), { type: 'null' }] },
    footnotes: { type: 'array', items: { $ref: '#/$defs/footnote' } },
    summary: { type: 'array', items: { $ref: '#/$defs/countsByYear' } },
    children: { type: 'array', items: { $ref: '#/$defs/node' } },
  }),
};

const TOP = obj({
  version: { const: REPORT_MODEL_VERSION },
  plan: obj({
    id: int,
    slug: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    name: str,
    description: str,
    tiers: strings,
    startFiscalYear: fiscalYear,
    endFiscalYear: fiscalYear,
    effectiveEndFiscalYear: fiscalYear,
  }),
  round: obj({
    id: int,
    fiscalYear,
    kind: { enum: ['yearly', 'midterm', 'final'] },
    status: str,
    untilFiscalYear: fiscalYear,
    generatedSection: { type: 'boolean' },
  }),
  title: obj({ yearLabel: str, planName: str, reportTitle: str, kindLabel: str }),
  fiscalYears: { type: 'array', items: fiscalYear, minItems: 1 },
  scale: { type: 'array', items: obj(SCALE_CODE_PROPERTIES) },
  annotationKinds: { type: 'array', items: obj({ mark: str, meaning: str }) },
  guideHeading: str,
  guide: { type: 'array', items: { $ref: '#/$defs/section' } },
  planOpinion: obj({ heading: str, scopeLabel: str, narratives: { $ref: '#/$defs/narratives' } }),
  summary: obj({
    years: {
      type: 'array',
      items: obj({
        fiscalYear,
        source: { enum: ['computed', 'reported'] },
        counts,
        total: int,
        achievementRate: rate,
        reportedCounts: { anyOf: [counts, { type: 'null' }] },
        printedLabel: { type: ['string', 'null'] },
      }),
    },
  }),
  structure: obj({
    depth: { type: 'integer', minimum: 2, maximum: 6 },
    rowLevel: { type: 'integer', minimum: 2, maximum: 6 },
    tableLevel: { type: 'integer', minimum: 1, maximum: 5 },
    groupLevel: { type: ['integer', 'null'], minimum: 2, maximum: 5 },
    headingLevels: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 4 } },
  }),
  nodes: { type: 'array', items: { $ref: '#/$defs/node' } },
  closing: { type: 'array', items: { $ref: '#/$defs/section' } },
  rowCount: int,
  tablePlaces: {
    type: 'array',
    items: obj({
      section: str,
      table: { enum: ['criteria', 'summary'] },
      afterParagraphs: { type: 'integer', minimum: 0 },
      caption: { type: ['string', 'null'] },
    }),
  },
});

export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hyoka.invalid/schemas/report-model.json',
  title: 'hyoka 事務事業進捗状況評価結果報告書 (report model)',
  $defs: DEFS,
  ...TOP,
  // Optional: a plan without indicators, rule, proposals, directions or costs has no outputs part.
  properties: { ...TOP.properties, outputs: { $ref: '#/$defs/outputs' } },
} as const;

export function renderJson(model: ReportModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}
