/** One opinion target (the whole plan or an item of an opinion tier): its progress, and its form or its text. */
import type { Preferences } from '../../web/preferences.js';
import { changedByText } from './changed-by.js';
import { TextAreaField } from '../../web/ui/form-field.js';
import { Actions, SubmitButton } from '../../web/ui/post-form.js';
import { Section } from '../../web/ui/section.js';
import type { Session } from '../../auth/sessions.js';
import type { BoardRow, Opinion, OpinionTarget, Round } from '../round-queries.js';
import { opinionAuthor, tierName, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import { link } from './round-shell.js';

/** What was typed into the opinion boxes, kept when the page is shown again after a save. */
export interface OpinionFormState {
  /** Every box as posted, by target key, with the version it was loaded at. */
  boxes: Record<string, { body: string; version: string }>;
  /** The box that was saved: it shows what is stored now, unless refused below. */
  savedKey?: string;
  /** The box whose save was refused, and why. */
  refusedKey?: string;
  error?: string;
  conflict?: Opinion;
}

/** One box as it is shown again: the typed text, the version to send, and why it was refused. */
export interface TypedOpinion {
  body: string;
  version: number;
  error?: string;
  conflict?: Opinion;
}

/** How one box comes back: a refused box and every unsaved box keep what was typed. */
export function typedOpinion(state: OpinionFormState | undefined, key: string): TypedOpinion | undefined {
  const box = state?.boxes[key];
  if (!state || !box) return undefined;
  if (state.refusedKey === key) {
    return {
      body: box.body,
      version: state.conflict ? state.conflict.version : Number(box.version),
      ...(state.error ? { error: state.error } : {}),
      ...(state.conflict ? { conflict: state.conflict } : {}),
    };
  }
  if (state.savedKey === key) return undefined;
  return { body: box.body, version: Number(box.version) };
}

export function opinionKey(itemId: number | null): string {
  return itemId === null ? 'plan' : String(itemId);
}

/** "施策 1.2 … への意見（デジタル推進課）": the tier and the author as the plan names them. */
function headingOf(prefs: Preferences, target: OpinionTarget, vocabulary: PlanVocabulary): string {
  const author = opinionAuthor(vocabulary, target.role, prefs.lang);
  if (target.itemId === null) return t(prefs.lang, 'planOpinionHeading', { author });
  return t(prefs.lang, 'itemOpinionHeading', { tier: tierName(vocabulary, target.level), code: target.code, name: target.name, author });
}

export interface OpinionSectionProps {
  prefs: Preferences;
  auth: Session;
  round: Round;
  vocabulary: PlanVocabulary;
  target: OpinionTarget;
  opinion: Opinion | undefined;
  measure: BoardRow | undefined;
  mayWrite: boolean;
  /** The box as typed, when the page is shown again after a save. */
  typed: TypedOpinion | undefined;
}

/** One box of the page's single opinions form (the page draws the <form> and its CSRF field). */
function OpinionBox({ prefs, target, opinion, typed }: OpinionSectionProps) {
  const lang = prefs.lang;
  const key = opinionKey(target.itemId);
  const id = `opinion-${key}`;
  return (
    <div class="wf-form">
      <input type="hidden" name={`version-${key}`} value={String(typed ? typed.version : (opinion?.version ?? 0))} />
      {typed?.conflict && (
        <div class="conflict" role="alert">
          <p>{t(lang, 'opinionConflict')}</p>
          <div class="theirs">{typed.conflict.body}</div>
        </div>
      )}
      <TextAreaField id={id} name={`body-${key}`} label={t(lang, 'opinion')} error={typed?.error} rows={6} value={typed ? typed.body : (opinion?.body ?? '')} />
      <Actions>
        <SubmitButton name="target" value={key} label={t(lang, 'save')} />
        {opinion?.updatedBy && <span class="note">{t(lang, 'lastSavedByText', { text: changedByText(opinion, prefs) })}</span>}
      </Actions>
    </div>
  );
}

export function OpinionSection(p: OpinionSectionProps) {
  const { prefs, round, target, opinion, measure } = p;
  const lang = prefs.lang;
  const id = `opinion-${opinionKey(target.itemId)}`;
  return (
    <Section id={`${id}-h`} title={headingOf(prefs, target, p.vocabulary)}>
      {measure && (
        <p>
          {t(lang, 'progress')}: {t(lang, 'acceptedOfTotal', { accepted: measure.counts.accepted, total: measure.total })} —{' '}
          <a href={link(prefs, `/rounds/${round.id}/board?measure=${target.itemId}`)}>{t(lang, 'subItemList')}</a>
        </p>
      )}
      {p.mayWrite ? (
        <OpinionBox {...p} />
      ) : (
        <>
          <p class="pre">{opinion?.body || t(lang, 'notWritten')}</p>
          {opinion?.updatedBy && <p class="note">{t(lang, 'lastSavedByText', { text: changedByText(opinion, prefs) })}</p>}
        </>
      )}
    </Section>
  );
}
