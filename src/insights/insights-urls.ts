/** The insights domain's URLs on the staff side. */
import { planPath } from '../plans/plan-urls.js';
import { withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';

export const insightUrls = {
  changes: (slug: string, fiscalYear?: number) => `${planPath(slug)}/changes${fiscalYear === undefined ? '' : `/${fiscalYear}`}`,
  drafts: (roundId: number) => `/rounds/${roundId}/drafts`,
};

/** An item in the staff's plan page: its branch opened, scrolled to the ratings. */
export function staffItemHref(prefs: Preferences, slug: string, code: string): string {
  const base = withPreference(planPath(slug), prefs, {});
  return `${base}${base.includes('?') ? '&' : '?'}open=${encodeURIComponent(code)}#ratings`;
}
