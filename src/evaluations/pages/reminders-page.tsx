/** 督促: per department, the overdue and returned sub-items, the button that e-mails them, and what was sent. */
import type { Preferences } from '../../web/preferences.js';
import { DataTable, type Column } from '../../web/ui/data-table.js';
import { formatDate, formatDateTime } from '../../web/ui/date-time.js';
import { PostButton } from '../../web/ui/post-button.js';
import { can } from '../../auth/roles.js';
import type { DepartmentReminder, ReminderLogRow, Round } from '../round-queries.js';
import { roleTitle, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import { EntryStatusBadge, link, RoundShell, type PageBase } from './round-shell.js';

export interface RemindersPageProps extends PageBase {
  round: Round;
  vocabulary: PlanVocabulary;
  reminders: DepartmentReminder[];
  smtpConfigured: boolean;
  log: ReminderLogRow[];
  notice?: string;
}

function ReminderTable({ prefs, round, reminders, department }: { prefs: Preferences; round: Round; reminders: DepartmentReminder[]; department: string }) {
  const lang = prefs.lang;
  const columns: Column<DepartmentReminder>[] = [
    { header: department, rowHeader: true, cell: (d) => d.departmentName },
    { header: t(lang, 'overdue'), numeric: true, cell: (d) => d.overdue.length },
    { header: t(lang, 'returned'), numeric: true, cell: (d) => d.returned.length },
    {
      header: t(lang, 'subItems'),
      cell: (d) => (
        <ul>
          {[...d.returned, ...d.overdue].map((e) => (
            <li>
              <a href={link(prefs, `/rounds/${round.id}/items/${e.itemId}`)}>{e.name}</a> <EntryStatusBadge status={e.status} prefs={prefs} />
            </li>
          ))}
        </ul>
      ),
    },
    { header: t(lang, 'recipients'), cell: (d) => d.recipients.join(', ') || t(lang, 'noEmail') },
  ];
  return <DataTable caption={t(lang, 'itemsToRemindPerDepartment', { title: department })} columns={columns} rows={reminders} />;
}

function ReminderLog({ prefs, log }: { prefs: Preferences; log: ReminderLogRow[] }) {
  const lang = prefs.lang;
  const columns: Column<ReminderLogRow>[] = [
    { header: t(lang, 'when'), cell: (l) => formatDateTime(l.sentAt, prefs) },
    { header: t(lang, 'department'), cell: (l) => l.departmentName ?? '' },
    { header: t(lang, 'recipient'), cell: (l) => l.recipient },
    { header: t(lang, 'items'), numeric: true, cell: (l) => l.itemCount },
    { header: t(lang, 'result'), cell: (l) => (l.status === 'sent' ? t(lang, 'sent') : t(lang, 'failed')) },
  ];
  return <DataTable caption={t(lang, 'sentReminders')} columns={columns} rows={log} />;
}

export function RemindersPage(p: RemindersPageProps) {
  const { prefs, auth, round, reminders, smtpConfigured, log } = p;
  const lang = prefs.lang;
  return (
    <RoundShell {...p} heading={t(lang, 'reminders')}>
      <p>{round.deadline ? t(lang, 'remindersWithDeadline', { deadline: formatDate(round.deadline, prefs) }) : t(lang, 'remindersWithoutDeadline')}</p>
      {!smtpConfigured && <p class="notice">{t(lang, 'smtpMissingList')}</p>}
      {reminders.length === 0 ? (
        <p>{t(lang, 'nothingToRemind')}</p>
      ) : (
        <ReminderTable prefs={prefs} round={round} reminders={reminders} department={roleTitle(p.vocabulary, 'department', lang)} />
      )}
      {smtpConfigured && can(auth.user.roles, 'sendReminders') && reminders.length > 0 && (
        <PostButton action={`/rounds/${round.id}/reminders`} fields={{ _csrf: auth.csrfToken }} label={t(lang, 'sendRemindersNow')} />
      )}
      {log.length > 0 && <ReminderLog prefs={prefs} log={log} />}
    </RoundShell>
  );
}
