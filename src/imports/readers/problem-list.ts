/**
 * What every reader of a sheet shares: one list of problems, each with its place, kept
 * short enough to read (the first MAX_PROBLEMS; one is enough to import nothing).
 */
import type { PlacedProblem, SourcePlace } from '../imported-plan.js';
import { columnLetter } from './table/sheet-rows.js';

export const MAX_PROBLEMS = 50;

/** A cell's place: row from 1, column index from 0 (written as its letter). */
export function cellPlace(file: string, sheet: string | undefined, row: number, column?: number): SourcePlace {
  return { file, ...(sheet !== undefined ? { sheet } : {}), row, ...(column !== undefined ? { column: columnLetter(column) } : {}) };
}

export class ProblemList {
  readonly problems: PlacedProblem[] = [];

  problem(message: string, place: SourcePlace | undefined): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ message, ...(place ? { place } : {}) });
  }
}
