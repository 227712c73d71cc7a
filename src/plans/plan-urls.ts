/** The plans domain's URLs. */
export const PLANS = '/plans';

export function planPath(slug: string): string {
  return `${PLANS}/${encodeURIComponent(slug)}`;
}
