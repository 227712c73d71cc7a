/**
 * Dates and times as the municipality reads them: Japan time, whatever the server's zone.
 * With the reader's preferences the date follows their year style (令和8年12月10日 14:05 or
 * 2026年12月10日 14:05); without, the short numeric form (2026/12/10 14:05).
 */
export function formatDateTime(d: Date | string | null, prefs?: { lang: 'ja' | 'en'; era: 'wareki' | 'seireki' }): string {
  if (!d) return '';
  const date = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return '';
  if (!prefs)
    return date.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return `${formatDate(japanDate(date), prefs)} ${time}`;
}

/** The calendar day in Japan (YYYY-MM-DD) of an instant. */
export function japanDate(d: Date): string {
  return isoJapan(d).slice(0, 10);
}

/** An instant as ISO 8601 in Japan time with its offset: 2026-12-10T14:05:09+09:00 (for CSV). */
export function isoJapan(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  // Japan has kept +09:00 all year since 1951: shifting by nine hours and naming the offset is exact.
  return `${new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;
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
  // The language chooses the calendar's format only; the words are Intl's own.
  if (prefs.lang === 'en') return new Intl.DateTimeFormat('en-US', options).format(date);
  if (prefs.era === 'seireki') return new Intl.DateTimeFormat('ja-JP', options).format(date);
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...options, era: 'long' }).format(date);
}
