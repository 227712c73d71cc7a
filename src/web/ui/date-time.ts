/** Dates and times as the municipality reads them: Japan time, whatever the server's zone. */
export function formatDateTime(d: Date | string | null): string {
  if (!d) return '';
  const date = typeof d === 'string' ? new Date(d) : d;
  return date.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (YYYY-MM-DD, a deadline: no time, no zone) as the reader chose to
 * read years: 令和8年12月10日 or 2026年12月10日 (English: December 10, 2026). Anything
 * that is not such a date is shown as it is.
 */
export function formatDate(isoDate: string, prefs: { lang: 'ja' | 'en'; era: 'wareki' | 'seireki' }): string {
  const m = CALENDAR_DATE.exec(isoDate);
  if (!m) return isoDate;
  // Noon UTC keeps the day whatever zone formats it; the zone is fixed below anyway.
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  if (Number.isNaN(date.getTime())) return isoDate;
  const options = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } as const;
  if (prefs.lang === 'en') return new Intl.DateTimeFormat('en-US', options).format(date);
  if (prefs.era === 'seireki') return new Intl.DateTimeFormat('ja-JP', options).format(date);
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...options, era: 'long' }).format(date);
}
