import type { AppError } from '../errors.js';

/** Errors as RFC 9457 problem details (application/problem+json), in Japanese with an English title. */

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Which query parameter was wrong, for 400s. */
  parameter?: string;
}

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly slug: 'invalid-parameter' | 'not-found' | 'method-not-allowed' | 'server-error' | 'not-acceptable',
    detail: string,
    readonly parameter?: string,
  ) {
    super(detail);
  }
}

const TITLES: Record<ApiProblem['slug'], string> = {
  'invalid-parameter': 'Invalid query parameter / パラメータが不正です',
  'not-found': 'Not found / 見つかりません',
  'method-not-allowed': 'Method not allowed / 読み取り専用です',
  'server-error': 'Server error / サーバーエラー',
  'not-acceptable': 'Not acceptable',
};

export const PROBLEM_TYPE_BASE = '/api#problem-';

export function toProblem(p: ApiProblem, instance: string): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${p.slug}`,
    title: TITLES[p.slug],
    status: p.status,
    detail: p.message,
    instance,
    ...(p.parameter ? { parameter: p.parameter } : {}),
  };
}

export function invalidParameter(parameter: string, detail: string): ApiProblem {
  return new ApiProblem(400, 'invalid-parameter', detail, parameter);
}

export function notFound(detail: string): ApiProblem {
  return new ApiProblem(404, 'not-found', detail);
}

/** Any domain error as a problem: its status and message; the slug from its status. */
export function problemFromAppError(error: AppError): ApiProblem {
  if (error.status === 404) return new ApiProblem(404, 'not-found', error.message);
  if (error.status >= 500) return new ApiProblem(error.status, 'server-error', error.message);
  const parameter = typeof error.details.parameter === 'string' ? error.details.parameter : undefined;
  return new ApiProblem(400, 'invalid-parameter', error.message, parameter);
}
