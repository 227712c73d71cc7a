/** 意見: the division's opinion per measure and the expert's per pillar and on the whole plan. */
import { can } from '../../auth/roles.js';
import type { BoardRow, Opinion, OpinionTarget, Round } from '../round-queries.js';
import { t } from '../messages.js';
import { CsrfField } from '../../auth/shell.js';
import { OpinionSection, opinionKey, typedOpinion, type OpinionFormState } from './opinion-section.js';
import { RoundShell, type PageBase } from './round-shell.js';

export interface OpinionsPageProps extends PageBase {
  round: Round;
  targets: OpinionTarget[];
  opinions: Opinion[];
  measures: BoardRow[];
  state?: OpinionFormState;
  notice?: string;
}

export function OpinionsPage(p: OpinionsPageProps) {
  const { prefs, auth, round, targets, opinions, measures, state } = p;
  const writable = round.status === 'open' || round.status === 'closed';
  const mayWrite = (role: OpinionTarget['role']) => writable && can(auth.user.roles, role === 'division' ? 'writeDivisionOpinion' : 'writeExpertOpinion');
  const sections = targets.map((target) => (
        <OpinionSection
          prefs={prefs}
          auth={auth}
          round={round}
          target={target}
          opinion={opinions.find((o) => o.itemId === target.itemId && o.authorRole === target.role)}
          measure={measures.find((x) => x.id === target.itemId)}
          mayWrite={mayWrite(target.role)}
          typed={typedOpinion(state, opinionKey(target.itemId))}
        />
  ));
  return (
    <RoundShell {...p} heading={t(prefs.lang, 'opinionsTitle')}>
      <p>{t(prefs.lang, 'opinionsHelp')}</p>
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
