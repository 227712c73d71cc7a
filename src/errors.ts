/**
 * The one error type of hyoka. Domain code throws an AppError with an HTTP-like
 * status, a stable machine code and a message written for the person who will
 * read it (Japanese). Three places turn it into output, each once:
 * web/error-page.tsx (HTML), web/problem.ts (problem+json) and cli/exit-codes.ts.
 */

export type ErrorCode =
  | 'invalid-input'
  | 'invalid-parameter'
  | 'parse-error'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-state'
  | 'unavailable'
  | 'store-locked'
  | 'output-error'
  | 'config-error';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Facts a caller may show or log: the file line, the field, the other saver… */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const notFound = (message: string, details?: Record<string, unknown>): AppError => new AppError(404, 'not-found', message, details);
export const invalidInput = (message: string, details?: Record<string, unknown>): AppError => new AppError(422, 'invalid-input', message, details);
export const forbidden = (message: string, details?: Record<string, unknown>): AppError => new AppError(403, 'forbidden', message, details);
export const conflict = (message: string, details?: Record<string, unknown>): AppError => new AppError(409, 'conflict', message, details);
export const invalidState = (message: string, details?: Record<string, unknown>): AppError => new AppError(409, 'invalid-state', message, details);
export const unavailable = (message: string, details?: Record<string, unknown>): AppError => new AppError(503, 'unavailable', message, details);

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
