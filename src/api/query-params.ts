/**
 * Reading a query string through the schemas of api-schema.ts: unknown, repeated
 * and malformed parameters become 400 problems naming the parameter, a missing
 * item a 404 — never a 500. The schemas run through `safeParse` here rather than
 * `parseInput` because the answer needs the first issue itself (its parameter and
 * its not-found mark), not one message per field.
 */
import type { z } from 'zod';
import { notFound } from '../errors.js';
import { queryNames } from './api-schema.js';
import { invalidParameter } from '../web/problem.js';

export interface ApiQuery {
  /** Every parameter as given, a plain string each. */
  values: Record<string, string>;
  /** The parameters except `cursor`, in the order given, for building the next page's link. */
  withoutCursor: [string, string][];
}

function firstIssueAsError(issues: readonly z.core.$ZodIssue[]): Error {
  const issue = issues[0]!;
  if (issue.code === 'custom' && (issue.params as { notFound?: boolean } | undefined)?.notFound) return notFound(issue.message);
  return invalidParameter(String(issue.path[0] ?? ''), issue.message);
}

/** The names schema of each route's list of allowed names (a constant per route), made once: making it cost more than the rest of a cached answer. */
const namesSchemas = new WeakMap<readonly string[], ReturnType<typeof queryNames>>();

function isEmptyPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === null || proto === Object.prototype) && Reflect.ownKeys(value).length === 0;
}

/** Checks the names of the query (each allowed, once, a string); values are parsed later, with the data. */
export function readQuery(query: unknown, allowed: readonly string[]): ApiQuery {
  // No parameters at all, the usual case, always passes: the schema would only walk nothing.
  if (query === undefined || query === null || isEmptyPlainObject(query)) return { values: {}, withoutCursor: [] };
  let schema = namesSchemas.get(allowed);
  if (!schema) {
    schema = queryNames(allowed);
    namesSchemas.set(allowed, schema);
  }
  const result = schema.safeParse(query);
  if (!result.success) throw firstIssueAsError(result.error.issues);
  const values = result.data as Record<string, string>;
  return { values, withoutCursor: Object.entries(values).filter(([k]) => k !== 'cursor') };
}

export function parseQuery<S extends z.ZodType>(schema: S, query: ApiQuery): z.output<S> {
  const result = schema.safeParse(query.values);
  if (!result.success) throw firstIssueAsError(result.error.issues);
  return result.data;
}
