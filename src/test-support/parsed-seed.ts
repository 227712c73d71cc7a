/**
 * The sample report parsed once, and the readings the parser's tests share: its measures
 * (the last heading tier with their tables) flattened, sub-items, rating counts, every
 * string, the seed with one line edited or cut, and the assertion of a parse error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../imports/parse-report.js';
import { ReportParseError, type NarrativeTarget, type ParsedReport, type ParsedSubItem, type ParsedTable, tableSections } from '../imports/report-types.js';

// Tests run with cwd = repo root.
export const SEED = readFileSync('samples/chigasaki-r4-final-evaluation.txt', 'utf8');
export const SEED_LINES = SEED.split('\n');
// Parsing speed is measured by `npm run bench`, never asserted here.
export const report = parseReport(SEED);

export const YEARS = [2018, 2019, 2020, 2021, 2022];

/** A part of the last heading tier (施策) with its table, flattened for the assertions. */
export type ParsedMeasure = ParsedTable & { name: string; line: number };

export function measures(r: ParsedReport = report): ParsedMeasure[] {
  return tableSections(r.sections).map(({ section, table }) => ({ name: section.name, line: section.line, ...table }));
}

export function measure(i: number): ParsedMeasure {
  const m = measures()[i];
  assert.ok(m, `measure ${i}`);
  return m;
}

export function subItems(r: ParsedReport = report): ParsedSubItem[] {
  return measures(r).flatMap((m) => m.programs.flatMap((p) => p.subItems));
}

/** "P:name" for a program target, "S:name" for a sub-item target. */
export function describeTarget(m: ParsedMeasure, t: NarrativeTarget): string {
  const program = m.programs[t.programIndex];
  assert.ok(program, `program ${t.programIndex} in ${m.name}`);
  if (t.subItemIndex === undefined) return `P:${program.name}`;
  const sub = program.subItems[t.subItemIndex];
  assert.ok(sub, `sub-item ${t.subItemIndex} of ${program.name}`);
  return `S:${sub.name}`;
}

/** Rating counts per code for one fiscal year, from the detail tables. */
export function detailCounts(r: ParsedReport, fiscalYear: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of subItems(r)) {
    const cell = s.ratings.find((x) => x.fiscalYear === fiscalYear);
    assert.ok(cell, `${s.name} has a rating for ${fiscalYear}`);
    counts[cell.code] = (counts[cell.code] ?? 0) + 1;
  }
  return counts;
}

/** Every string in the parsed report with its path, for text-hygiene checks. */
export function allStrings(value: unknown, path = '$'): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, `${path}.${k}`));
  }
  return [];
}

/** Replaces 1-based line `no` of the seed. */
export function withLine(no: number, edit: (line: string) => string): string {
  const lines = [...SEED_LINES];
  lines[no - 1] = edit(lines[no - 1] ?? '');
  return lines.join('\n');
}

/** The seed's first `count` lines. */
export function firstLines(count: number): string {
  return SEED_LINES.slice(0, count).join('\n');
}

/** Asserts a ReportParseError, optionally at a given line and with text in the message. */
export function assertParseError(text: string, line?: number, includes?: string | RegExp): ReportParseError {
  let caught: unknown;
  try {
    parseReport(text);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ReportParseError, `expected ReportParseError, got ${String(caught)}`);
  if (line !== undefined) assert.equal(caught.line, line, caught.message);
  if (line !== undefined && line > 0) assert.ok(caught.message.startsWith(`${line}行目: `), caught.message);
  if (typeof includes === 'string') assert.ok(caught.message.includes(includes), caught.message);
  if (includes instanceof RegExp) assert.match(caught.message, includes);
  return caught;
}
