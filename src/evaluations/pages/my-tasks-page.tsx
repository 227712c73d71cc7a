/** 私のタスク: every open round, with the signed-in editor's sub-items (returned ones first). */
import { AppShell } from '../../auth/shell.js';
import { can } from '../../auth/roles.js';
import type { Task } from '../round-queries.js';
import { roleTitle, tierName } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import { CountBars } from './count-bars.js';
import { EntryTable } from './entry-table.js';
import { link, roundTitle, RoundNav, RoundStatusLine, type PageBase } from './round-shell.js';
import { Section } from '../../web/ui/section.js';

function TaskSection({ prefs, auth, task: { round, vocabulary, entries, board } }: Omit<PageBase, 'path'> & { task: Task }) {
  const lang = prefs.lang;
  const returned = entries.filter((e) => e.status === 'returned');
  const todo = entries.filter((e) => e.status === 'not_started' || e.status === 'draft');
  return (
    <Section id={`round-${round.id}`} title={`${roundTitle(round, prefs)}（${round.planName}）`}>
      <RoundStatusLine round={round} prefs={prefs} />
      <RoundNav round={round} prefs={prefs} auth={auth} />
      {board && <CountBars prefs={prefs} roundId={round.id} board={board} />}
      {can(auth.user.roles, 'enterOwnItems') && (
        <>
          {returned.length > 0 && (
            <div class="alert">
              <p>{t(lang, 'returnedAlert', { returned: returned.length })}</p>
            </div>
          )}
          <p>{t(lang, 'ownItemsSummary', { count: entries.length, todo: todo.length, returned: returned.length })}</p>
          {entries.length > 0 && (
            <EntryTable
              rows={entries}
              round={round}
              prefs={prefs}
              caption={t(lang, 'yourSubItems', { tier: tierName(vocabulary, vocabulary.ratedLevel) })}
              itemHead={tierName(vocabulary, vocabulary.ratedLevel)}
              departmentHead={roleTitle(vocabulary, 'department', lang)}
            />
          )}
        </>
      )}
    </Section>
  );
}

export function MyTasksPage({ prefs, auth, path, tasks }: PageBase & { tasks: Task[] }) {
  return (
    <AppShell title={t(prefs.lang, 'myTasks')} prefs={prefs} path={path} auth={auth}>
      <h1>{t(prefs.lang, 'myTasks')}</h1>
      {tasks.length === 0 && <p>{t(prefs.lang, 'noOpenRound')}</p>}
      {tasks.map((task) => (
        <TaskSection prefs={prefs} auth={auth} task={task} />
      ))}
      {can(auth.user.roles, 'manageUsers') && (
        <p>
          <a href={link(prefs, '/admin/users')}>{t(prefs.lang, 'manageUsers')}</a>
        </p>
      )}
    </AppShell>
  );
}
