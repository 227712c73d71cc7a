/**
 * Counts with simple bars for the division's home: per state and per department, each
 * row a link to its list. The figure is written out; the bar (SVG geometry, coloured by
 * a class) only repeats it, so it is hidden from assistive technology.
 */
import type { Preferences } from '../../web/preferences.js';
import type { Board } from '../round-queries.js';
import { ENTRY_STATUSES, ENTRY_STATUS_LABELS } from '../workflow.js';
import { t } from '../messages.js';
import { link } from './round-shell.js';

const BAR_WIDTH = 160;
const BAR_HEIGHT = 12;

function Bar({ value, max }: { value: number; max: number }) {
  const width = max === 0 ? 0 : Math.round((value / max) * BAR_WIDTH);
  return (
    <svg class="count-bar" width={BAR_WIDTH} height={BAR_HEIGHT} viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`} aria-hidden="true" focusable="false">
      <rect class="count-bar-track" width={BAR_WIDTH} height={BAR_HEIGHT} />
      <rect class="count-bar-fill" width={width} height={BAR_HEIGHT} />
    </svg>
  );
}

export function CountBars({ prefs, roundId, board }: { prefs: Preferences; roundId: number; board: Board }) {
  const lang = prefs.lang;
  const total = board.totals.total;
  return (
    <div class="count-bars">
      <h3>{t(lang, 'countsPerStatus')}</h3>
      <ul class="plain-list">
        {ENTRY_STATUSES.map((status) => (
          <li>
            <a href={link(prefs, `/rounds/${roundId}/board?status=${status}`)}>{ENTRY_STATUS_LABELS[status][lang]}</a>{' '}
            <Bar value={board.totals.counts[status]} max={total} /> {t(lang, 'countOf', { count: board.totals.counts[status], total })}
          </li>
        ))}
      </ul>
      <h3>{t(lang, 'acceptedPerDepartment')}</h3>
      <ul class="plain-list">
        {board.departments.map((d) => (
          <li>
            {d.id === null ? d.name : <a href={link(prefs, `/rounds/${roundId}/board?department=${d.id}`)}>{d.name}</a>}{' '}
            <Bar value={d.counts.accepted} max={d.total} /> {t(lang, 'acceptedOfTotal', { accepted: d.counts.accepted, total: d.total })}
          </li>
        ))}
      </ul>
    </div>
  );
}
