/** 評価の回: every round, and for those who manage rounds the form that creates one. */
import { DataTable, type Column } from '../../web/ui/data-table.js';
import { formatDate } from '../../web/ui/date-time.js';
import { AppShell } from '../../auth/shell.js';
import { can } from '../../auth/roles.js';
import type { Round } from '../round-queries.js';
import type { RoundKind } from '../round-kinds.js';
import { t } from '../messages.js';
import { NewRoundForm, type RoundFormValues } from './new-round-form.js';
import { link, roundTitle, RoundStatusText, type PageBase } from './round-shell.js';
import { Section } from '../../web/ui/section.js';
import { ItemList } from '../../web/ui/item-list.js';

export interface RoundsPageProps extends PageBase {
  rounds: Round[];
  plans: { id: number; slug: string; name: string }[];
  values: RoundFormValues;
  errors: Record<string, string>;
  kindLabels?: Partial<Record<RoundKind, string>>;
}

export function RoundsPage({ prefs, auth, path, rounds, plans, values, errors, kindLabels }: RoundsPageProps) {
  const lang = prefs.lang;
  const manages = can(auth.user.roles, 'manageRounds');
  const columns: Column<Round>[] = [
    {
      header: t(lang, 'round'),
      rowHeader: true,
      cell: (r) => <a href={link(prefs, manages ? `/rounds/${r.id}` : `/rounds/${r.id}/board`)}>{roundTitle(r, prefs)}</a>,
    },
    { header: t(lang, 'plan'), cell: (r) => r.planName },
    { header: t(lang, 'status'), cell: (r) => <RoundStatusText status={r.status} prefs={prefs} /> },
    { header: t(lang, 'deadline'), cell: (r) => (r.deadline ? formatDate(r.deadline, prefs) : '') },
  ];
  return (
    <AppShell title={t(lang, 'evaluationRounds')} prefs={prefs} path={path} auth={auth}>
      <h1>{t(lang, 'evaluationRounds')}</h1>
      <DataTable caption={t(lang, 'roundList')} columns={columns} rows={rounds} />
      {manages && <NewRoundForm prefs={prefs} auth={auth} plans={plans} values={values} errors={errors} kindLabels={kindLabels} />}
      {can(auth.user.roles, 'managePlans') && plans.length > 0 && (
        <Section id="plan-settings" title={t(lang, 'planSettings')}>
          <ItemList items={plans} item={(plan) => <a href={link(prefs, `/plans/${plan.slug}/settings`)}>{plan.name}</a>} />
        </Section>
      )}
    </AppShell>
  );
}
