/**
 * Errors as RFC 9457 problem details (application/problem+json), in Japanese with
 * an English title. The API throws AppError like every domain; this is the one
 * place an AppError becomes a problem.
 */
import { AppError } from '../errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Which query parameter was wrong, for 400s. */
  parameter?: string;
}

export type ProblemSlug = 'invalid-parameter' | 'not-found' | 'method-not-allowed' | 'server-error' | 'not-acceptable';

/** A problem before it is tied to a request's path. */
export interface ProblemFacts {
  status: number;
  slug: ProblemSlug;
  detail: string;
  parameter?: string | undefined;
}

const TITLES: Record<ProblemSlug, string> = {
  'invalid-parameter': 'Invalid query parameter / パラメータが不正です',
  'not-found': 'Not found / 見つかりません',
  'method-not-allowed': 'Method not allowed / 読み取り専用です',
  'server-error': 'Server error / サーバーエラー',
  'not-acceptable': 'Not acceptable',
};

export const PROBLEM_TYPE_BASE = '/api#problem-';

export function toProblem(p: ProblemFacts, instance: string): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${p.slug}`,
    title: TITLES[p.slug],
    status: p.status,
    detail: p.detail,
    instance,
    ...(p.parameter ? { parameter: p.parameter } : {}),
  };
}

/** A malformed query parameter: an AppError whose details name the parameter. */
export function invalidParameter(parameter: string, detail: string): AppError {
  return new AppError(400, 'invalid-parameter', detail, { parameter });
}

/** Any domain error as a problem: its status and message; the slug from its status. */
export function problemFromAppError(error: AppError): ProblemFacts {
  if (error.status === 404) return { status: 404, slug: 'not-found', detail: error.message };
  if (error.status >= 500) return { status: error.status, slug: 'server-error', detail: error.message };
  const parameter = typeof error.details.parameter === 'string' ? error.details.parameter : undefined;
  return { status: 400, slug: 'invalid-parameter', detail: error.message, parameter };
}
