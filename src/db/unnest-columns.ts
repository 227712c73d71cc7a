/**
 * The parameters of a set-based write, `select … from unnest($1::int[], $2::text[], …)`:
 * one array a field, in the order of the keys, so a statement names each field once
 * instead of writing `rows.map((r) => r.field)` again for every column.
 */
import type { SqlParam } from './db.js';

/** What one row of an unnest parameter may hold; booleans travel as text (both drivers take text and number arrays). */
type Cell = string | number | null;

export function unnestColumns<Key extends string, Row extends Record<Key, Cell>>(rows: readonly Row[], keys: readonly Key[]): SqlParam[] {
  // Elements may be null: both drivers send them as SQL nulls; SqlParam does not spell nullable arrays.
  return keys.map((key) => rows.map((row) => row[key]) as string[]);
}
