/** Where a plan's reports live, for pages of other domains that link to them. Plain logic, no HTTP. */

/** The page listing a plan's reports (without the reader's preferences; callers add them). */
export function reportListPath(slug: string): string {
  return `/plans/${encodeURIComponent(slug)}/reports`;
}
