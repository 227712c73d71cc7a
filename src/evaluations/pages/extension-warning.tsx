/** The board's warning when the plan period was extended and these indicators' targets were not re-set. */
import type { Preferences } from '../../web/preferences.js';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { ExtensionWarning } from '../../indicators/extension-warning.js';
import { t } from '../messages.js';

export function ExtensionWarningBox({ prefs, warning }: { prefs: Preferences; warning: ExtensionWarning | null | undefined }) {
  if (!warning) return null;
  const lang = prefs.lang;
  return (
    <section class="alert" aria-labelledby="extension-warning-h">
      <h2 id="extension-warning-h">{t(lang, 'extensionWarningTitle', { count: warning.indicators.length })}</h2>
      <p>{t(lang, 'extensionWarningBody')}</p>
      <ul>
        {warning.indicators.map((i) => (
          <li>
            {i.itemCode} {i.itemName}：{i.name}（{t(lang, 'targetFinal', { year: fiscalYearLabel(i.targetFiscalYear, prefs.era) })}）
          </li>
        ))}
      </ul>
    </section>
  );
}
