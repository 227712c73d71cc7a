/**
 * Former home of the shared presentational pieces, now in `src/web/ui/`. Kept as
 * re-exports while the portal chart still imports `formatRate` from here.
 */
export { formatRate } from './ui/format.js';
export { RatingText, ratingClass } from './ui/rating-text.js';
export { SummaryTable } from './ui/summary-table.js';
