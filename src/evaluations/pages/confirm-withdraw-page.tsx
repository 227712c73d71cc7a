/**
 * The question before a department takes its submission back: what will happen (a draft
 * again, out of the review list until submitted again). Confirming posts the same
 * version, so a review that happened meanwhile still wins.
 */
import { Actions, PostForm, SubmitButton } from '../../web/ui/post-form.js';
import type { EntryDetail } from '../entry-queries.js';
import type { Round } from '../round-queries.js';
import { t } from '../messages.js';
import { link, RoundShell, type PageBase } from './round-shell.js';

export interface ConfirmWithdrawPageProps extends PageBase {
  round: Round;
  entry: EntryDetail;
  version: number;
}

export function ConfirmWithdrawPage(p: ConfirmWithdrawPageProps) {
  const { prefs, auth, round, entry, version } = p;
  const lang = prefs.lang;
  const entryUrl = `/rounds/${round.id}/items/${entry.item.id}`;
  return (
    <RoundShell {...p} heading={t(lang, 'confirmWithdrawHeading')}>
      <p>{t(lang, 'confirmWithdrawWhat', { code: entry.item.code, name: entry.item.name })}</p>
      <PostForm action={`${entryUrl}/withdraw`} csrf={auth.csrfToken} hidden={{ version: String(version) }}>
        <Actions>
          <SubmitButton class="danger" label={t(lang, 'withdraw')} />
          <a href={link(prefs, entryUrl)}>{t(lang, 'cancelWithdraw')}</a>
        </Actions>
      </PostForm>
    </RoundShell>
  );
}
