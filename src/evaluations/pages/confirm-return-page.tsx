/**
 * The question before returning a sub-item to its department: what will happen, with
 * the comment as typed. The comment and the version travel on in hidden fields, so
 * going back to edit loses nothing.
 */
import { Actions, PostForm, SubmitButton } from '../../web/ui/post-form.js';
import type { EntryDetail } from '../entry-queries.js';
import type { Round } from '../round-queries.js';
import { t } from '../messages.js';
import { link, RoundShell, type PageBase } from './round-shell.js';

export interface ConfirmReturnPageProps extends PageBase {
  round: Round;
  entry: EntryDetail;
  comment: string;
  version: number;
}

export function ConfirmReturnPage(p: ConfirmReturnPageProps) {
  const { prefs, auth, round, entry, comment, version } = p;
  const lang = prefs.lang;
  const entryUrl = `/rounds/${round.id}/items/${entry.item.id}`;
  return (
    <RoundShell {...p} heading={t(lang, 'confirmReturnHeading')}>
      <p>{t(lang, 'confirmReturnWhat', { code: entry.item.code, name: entry.item.name, department: entry.item.departmentName ?? '' })}</p>
      <h2>{t(lang, 'reviewComment')}</h2>
      <p class="pre">{comment}</p>
      <PostForm action={`${entryUrl}/review`} csrf={auth.csrfToken} hidden={{ version: String(version), comment }}>
        <Actions>
          <SubmitButton name="action" value="return" class="danger" label={t(lang, 'return')} />
          <SubmitButton name="action" value="edit" class="secondary" label={t(lang, 'backToEditComment')} />
          <a href={link(prefs, entryUrl)}>{t(lang, 'cancelReturn')}</a>
        </Actions>
      </PostForm>
    </RoundShell>
  );
}
