/** Every plan, linked to its page. */
import { t } from '../../web/i18n.js';
import { Layout, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { ItemList } from '../../web/ui/item-list.js';
import type { PlanSummaryRow } from '../plan-queries.js';
import { planPath } from '../plan-urls.js';

export function PlanListPage({ plans, prefs, path }: { plans: PlanSummaryRow[]; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  return (
    <Layout title={t(lang, 'plans')} prefs={prefs} path={path}>
      <h1>{t(lang, 'plans')}</h1>
      <ItemList items={plans} empty={t(lang, 'noPlans')} item={(p) => <a href={withPreference(planPath(p.slug), prefs, {})}>{p.name}</a>} />
    </Layout>
  );
}
