/** The plan's facts: period and extensions, predecessor and successor, designations, tiers. */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { t } from '../../web/i18n.js';
import type { Preferences } from '../../web/preferences.js';
import { plt } from '../messages.js';
import type { PlanDetail } from '../plan-queries.js';

export function yearLong(fy: number, prefs: Preferences): string {
  return fiscalYearLabel(fy, prefs.era, 'long');
}

export function PlanFacts({ plan, prefs }: { plan: PlanDetail; prefs: Preferences }) {
  const lang = prefs.lang;
  return (
    <dl class="facts">
      <dt>{t(lang, 'period')}</dt>
      <dd>
        {yearLong(plan.startFiscalYear, prefs)}〜{yearLong(plan.endFiscalYear, prefs)}
        {plan.extensions.map((e) => (
          <div>
            {plt(lang, 'extendedTo', { year: yearLong(e.toEndFiscalYear, prefs) })}
            {e.decidedFiscalYear !== null && plt(lang, 'decidedIn', { year: yearLong(e.decidedFiscalYear, prefs) })}：{e.reason}
          </div>
        ))}
      </dd>
      {plan.predecessorName && (
        <>
          <dt>{plt(lang, 'predecessor')}</dt>
          <dd>{plan.predecessorName}</dd>
        </>
      )}
      {plan.successorName && (
        <>
          <dt>{plt(lang, 'successor')}</dt>
          <dd>{plan.successorName}</dd>
        </>
      )}
      {plan.designations.length > 0 && (
        <>
          <dt>{plt(lang, 'designations')}</dt>
          <dd>
            {plan.designations.map((d) => (
              <div>
                {d.name}
                {d.fromFiscalYear !== null && plt(lang, 'designatedFrom', { year: yearLong(d.fromFiscalYear, prefs) })}
              </div>
            ))}
          </dd>
        </>
      )}
      <dt>{plt(lang, 'tiers')}</dt>
      <dd>{plan.tiers.join(' → ')}</dd>
    </dl>
  );
}
