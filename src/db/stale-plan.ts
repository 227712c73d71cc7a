/**
 * PostgreSQL's refusal to run a prepared statement whose result columns changed since it was
 * prepared (a migration altered a table it reads): both stores then prepare the text anew.
 */
export function isStalePlan(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(error.message);
}
