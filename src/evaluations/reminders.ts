/**
 * E-mail reminders: per department, overdue and returned sub-items, sent through SMTP
 * (nodemailer) when SMTP_URL is set. A scheduled job in the server process sends them
 * at most once a day per department and round; without SMTP nothing is sent and the
 * reminder page still lists everything.
 */
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';
import { listRounds, loadReminders, type DepartmentReminder, type Round } from './round-queries.js';
import { env, type Env } from '../config/env.js';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function mailerFromEnv(settings: Pick<Env, 'SMTP_URL' | 'SMTP_FROM'> = env()): Mailer | undefined {
  const url = settings.SMTP_URL;
  if (!url) return undefined;
  const from = settings.SMTP_FROM;
  // nodemailer is loaded with the first reminder sent, not at every start.
  let transport: Transporter | undefined;
  return {
    async send(m) {
      transport ??= (await import('nodemailer')).default.createTransport(url);
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

export function todayInJapan(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

export function reminderText(round: Round, d: DepartmentReminder, baseUrl: string): { subject: string; text: string } {
  const lines = [`${d.departmentName} ご担当者様`, '', `${round.planName}（${round.fiscalYear}年度）の進捗評価について、次の項目の対応をお願いします。`, ''];
  if (d.returned.length) {
    lines.push('■ 差し戻し（修正して再提出してください）');
    for (const e of d.returned) lines.push(`  ・${e.name}  ${baseUrl}/rounds/${round.id}/items/${e.itemId}`);
    lines.push('');
  }
  if (d.overdue.length) {
    lines.push(`■ 締切（${round.deadline}）を過ぎて未提出`);
    for (const e of d.overdue) lines.push(`  ・${e.name}  ${baseUrl}/rounds/${round.id}/items/${e.itemId}`);
    lines.push('');
  }
  lines.push('このメールは hyoka から自動送信しています。');
  return { subject: `【進捗評価】未提出・差し戻しの項目が${d.overdue.length + d.returned.length}件あります（${d.departmentName}）`, text: lines.join('\n') };
}

/** Sends one reminder per department and recipient; `onlyIfNotSentToday` (nothing sent in the last 20 hours) is the job's guard against repeats. */
export async function sendReminders(
  db: Db,
  round: Round,
  mailer: Mailer,
  options: { today?: string; baseUrl?: string; onlyIfNotSentToday?: boolean; actor?: string } = {},
): Promise<{ sent: number; failed: number }> {
  const today = options.today ?? todayInJapan();
  const reminders = await loadReminders(db, round, today);
  let sent = 0;
  let failed = 0;
  for (const d of reminders) {
    if (options.onlyIfNotSentToday) {
      const already = await db.query(
        `select 1 from reminder_log where round_id = $1 and department_id is not distinct from $2 and status = 'sent' and sent_at > now() - interval '20 hours'`,
        [round.id, d.departmentId],
      );
      if (already.rowCount > 0) continue;
    }
    const { subject, text } = reminderText(round, d, options.baseUrl ?? env().HYOKA_BASE_URL);
    for (const to of d.recipients) {
      let error: string | null = null;
      try {
        await mailer.send({ to, subject, text });
        sent++;
      } catch (e) {
        error = (e as Error).message.slice(0, 500);
        failed++;
      }
      await db.transaction(async (tx) => {
        await tx.query('insert into reminder_log (round_id, department_id, recipient, item_count, status, error) values ($1, $2, $3, $4, $5, $6)', [
          round.id,
          d.departmentId,
          to,
          d.overdue.length + d.returned.length,
          error ? 'failed' : 'sent',
          error,
        ]);
        await recordAudit(tx, {
          actor: options.actor ?? 'system:reminders',
          action: 'remind',
          entity: 'department',
          entityId: d.departmentId,
          planId: round.planId,
          roundId: round.id,
          after: { to, items: d.overdue.length + d.returned.length, error },
        });
      });
    }
  }
  return { sent, failed };
}

/** Starts the periodic job; returns a function that stops it (called when the server closes). */
export function startReminderJob(db: Db, mailer: Mailer | undefined, intervalMs = env().HYOKA_REMINDER_INTERVAL_MS): () => void {
  if (!mailer) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const round of (await listRounds(db)).filter((r) => r.status === 'open')) {
        await sendReminders(db, round, mailer, { onlyIfNotSentToday: true });
      }
    } catch (error) {
      console.error('reminder job failed:', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
