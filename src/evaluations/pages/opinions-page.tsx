/** 意見: the division's and the expert's opinions at the tiers the plan's settings give them, and on the whole plan. */
import type { Lang } from '../../web/preferences.js';
import { can } from '../../auth/roles.js';
import type { BoardRow, Opinion, OpinionTarget, Round } from '../round-queries.js';
import { opinionAuthor, tierName, type OpinionRole, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import { CsrfField } from '../../auth/shell.js';
import { OpinionSection, opinionKey, typedOpinion, type OpinionFormState } from './opinion-section.js';
import { RoundShell, link, type PageBase } from './round-shell.js';

export interface OpinionsPageProps extends PageBase {
  round: Round;
  vocabulary: PlanVocabulary;
  targets: OpinionTarget[];
  opinions: Opinion[];
  /** The rated items' progress under each target item. */
  measures: BoardRow[];
  state?: OpinionFormState;
  notice?: string;
}

/** "デジタル推進課は施策ごとに意見を記入します。" for each role that writes. */
function whoWritesWhat(lang: Lang, v: PlanVocabulary, targets: readonly OpinionTarget[]): string[] {
  return (['division', 'expert'] as OpinionRole[]).flatMap((role) => {
    const levels = role === 'division' ? v.divisionLevels : v.expertLevels;
    const parts = [...levels.map((l) => t(lang, 'perTier', { tier: tierName(v, l) })), ...(v.planOpinionRole === role ? [t(lang, 'wholePlanTarget')] : [])];
    if (parts.length === 0 || !targets.some((x) => x.role === role)) return [];
    return [t(lang, 'opinionsWho', { author: opinionAuthor(v, role, lang), targets: parts.join(t(lang, 'listAnd')) })];
  });
}

export function OpinionsPage(p: OpinionsPageProps) {
  const { prefs, auth, round, vocabulary, targets, opinions, measures, state } = p;
  const writable = round.status === 'open' || round.status === 'closed';
  const mayWrite = (role: OpinionTarget['role']) => writable && can(auth.user.roles, role === 'division' ? 'writeDivisionOpinion' : 'writeExpertOpinion');
  const sections = targets.map((target) => (
    <OpinionSection
      prefs={prefs}
      auth={auth}
      round={round}
      vocabulary={vocabulary}
      target={target}
      opinion={opinions.find((o) => o.itemId === target.itemId && o.authorRole === target.role)}
      measure={measures.find((x) => x.id === target.itemId)}
      mayWrite={mayWrite(target.role)}
      typed={typedOpinion(state, opinionKey(target.itemId))}
    />
  ));
  return (
    <RoundShell {...p} heading={t(prefs.lang, 'opinionsTitle')}>
      <p>
        {whoWritesWhat(prefs.lang, vocabulary, targets).join('')}
        {targets.length === 0 ? t(prefs.lang, 'noOpinionTargets') : t(prefs.lang, 'opinionsHelp')}
      </p>
      <p>
        <a href={link(prefs, `/rounds/${round.id}/drafts`)}>{t(prefs.lang, 'draftsLink')}</a>
      </p>
      {targets.some((target) => mayWrite(target.role)) ? (
        // One form for every box: whichever box is saved, the text of the others comes back too.
        <form method="post" action={`/rounds/${round.id}/opinions`}>
          <CsrfField auth={auth} />
          {sections}
        </form>
      ) : (
        sections
      )}
    </RoundShell>
  );
}
