/**
 * Reading a mapping file: JSON → validated TableMapping, with each problem named by
 * its place in the JSON ("tiers[1].codeColumn") so the user knows what to fix.
 */
import type { z } from 'zod';
import { ImportSourceError } from '../../imported-plan.js';
import { type TableMapping, tableMappingSchema } from './mapping-schema.js';

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '（全体）';
}

export function parseMapping(text: string, file: string): TableMapping {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ImportSourceError([{ message: `マッピングが JSON として読めません: ${(error as Error).message}`, place: { file } }]);
  }
  const parsed = tableMappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new ImportSourceError(
      parsed.error.issues.map((issue: z.core.$ZodIssue) => ({ message: `マッピングの ${jsonPath(issue.path)}: ${issue.message}`, place: { file } })),
    );
  }
  return parsed.data;
}
